package org.jgrad.kernel;

import org.jgrad.kernel.eval.Evaluator;
import org.junit.jupiter.api.Test;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The kernel's packages depend on each other one way only (docs/architecture.md). Read from the
 * compiled classes' constant pools (every class, field and method type a class names), so a
 * fully qualified name in the source counts as much as an import.
 */
class PackageDependenciesTest {
    /** package (after org.jgrad.kernel; "" is the command line) → the kernel packages it may use. */
    static final Map<String, Set<String>> ALLOWED = Map.of(
            "", Set.of("protocol", "runner", "magics", "eval", "display", "render", "install"),
            "protocol", Set.of("eval", "display", "render"),
            "runner", Set.of("eval", "display", "render"),
            "magics", Set.of("eval"),
            "eval", Set.of("display", "render"),
            "display", Set.of("render"),
            "render", Set.of(),
            "install", Set.of());

    private static final Pattern KERNEL_CLASS = Pattern.compile("org/jgrad/kernel/((?:[a-z0-9_]+/)*)[A-Za-z0-9_$]+");

    @Test
    void packagesDependOnEachOtherOneWayOnly() throws IOException {
        Path classes = Path.of(Evaluator.class.getProtectionDomain().getCodeSource().getLocation().getPath());
        Path root = classes.resolve("org/jgrad/kernel");
        List<String> violations = new ArrayList<>();
        Set<String> seen = new TreeSet<>();
        int count = 0;
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                count++;
                String pkg = packageOf(root.relativize(f).toString().replace('\\', '/'));
                seen.add(pkg);
                Set<String> allowed = ALLOWED.get(pkg);
                if (allowed == null) {
                    violations.add("package org.jgrad.kernel." + pkg + " has no place in the layers: add it to ALLOWED and to docs/architecture.md");
                    continue;
                }
                for (String used : referencedKernelPackages(f)) {
                    if (!used.equals(pkg) && !allowed.contains(used)) {
                        violations.add(root.relativize(f) + " (" + label(pkg) + ") uses " + label(used) + ", which " + label(pkg) + " may not depend on");
                    }
                }
            }
        }
        assertTrue(count > 30, "found only " + count + " classes under " + root + ": is the test reading the compiled kernel?");
        assertTrue(seen.containsAll(List.of("", "protocol", "eval", "display", "render")), "packages seen: " + seen);
        assertEquals(List.of(), violations);
    }

    @Test
    void theCheckSeesAFullyQualifiedReference() throws IOException {
        // Display uses render's Renderers: a scan that read nothing would let every arrow pass
        Path display = Path.of(Evaluator.class.getProtectionDomain().getCodeSource().getLocation().getPath())
                .resolve("org/jgrad/kernel/display/Display.class");
        assertTrue(referencedKernelPackages(display).contains("render"), "Display → render not seen");
    }

    private static String label(String pkg) { return pkg.isEmpty() ? "org.jgrad.kernel" : "org.jgrad.kernel." + pkg; }

    private static String packageOf(String relativeClassPath) {
        int slash = relativeClassPath.lastIndexOf('/');
        return slash < 0 ? "" : relativeClassPath.substring(0, slash).replace('/', '.');
    }

    /** The org.jgrad.kernel packages named in a class file's constant pool (class names and descriptors). */
    static Set<String> referencedKernelPackages(Path classFile) throws IOException {
        Set<String> out = new TreeSet<>();
        try (InputStream in = Files.newInputStream(classFile); DataInputStream d = new DataInputStream(in)) {
            if (d.readInt() != 0xCAFEBABE) throw new IOException(classFile + " is not a class file");
            d.readUnsignedShort();
            d.readUnsignedShort();
            int n = d.readUnsignedShort();
            for (int i = 1; i < n; i++) {
                int tag = d.readUnsignedByte();
                switch (tag) {
                    case 1 -> {   // Utf8: class names, descriptors, signatures
                        Matcher m = KERNEL_CLASS.matcher(d.readUTF());
                        while (m.find()) {
                            String p = m.group(1);
                            out.add(p.isEmpty() ? "" : p.substring(0, p.length() - 1).replace('/', '.'));
                        }
                    }
                    case 7, 8, 16, 19, 20 -> d.readUnsignedShort();
                    case 15 -> { d.readUnsignedByte(); d.readUnsignedShort(); }
                    case 3, 4, 9, 10, 11, 12, 17, 18 -> d.readInt();
                    case 5, 6 -> { d.readLong(); i++; }   // long and double take two entries
                    default -> throw new IOException(classFile + ": unknown constant pool tag " + tag);
                }
            }
        }
        return out;
    }
}
