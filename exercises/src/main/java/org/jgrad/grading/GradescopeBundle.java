package org.jgrad.grading;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * {@code ./course gradescope ASSIGNMENT [--out FILE.zip]}: an autograder bundle following
 * Gradescope's documented contract. The zip holds, at its top, setup.sh (run once when the image
 * is built: installs a JDK and util-linux), run_autograder (run per submission: grades the files
 * in /autograder/submission with {@link GradescopeRun} and writes
 * /autograder/results/results.json), lib/ (the grader's jars) and assignment/ (the instructor's
 * notebooks, hidden tests included: they stay on Gradescope's side). The root /autograder can
 * be moved with the environment variable GRADESCOPE_ROOT (the tests use that).
 */
public final class GradescopeBundle {
    static final String SETUP = """
            #!/usr/bin/env bash
            # Gradescope runs this once, as root, when it builds the autograder image (Ubuntu).
            set -euo pipefail
            apt-get update -qq
            DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jdk-headless util-linux >/dev/null
            java -version
            """;
    static final String RUN = """
            #!/usr/bin/env bash
            # Gradescope runs this for each submission; results go to $ROOT/results/results.json.
            set -euo pipefail
            ROOT="${GRADESCOPE_ROOT:-/autograder}"
            JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
            mkdir -p "$ROOT/results"
            exec "$JAVA" -XX:+UseSerialGC -Xmx256m -cp "$ROOT/source/lib/*" org.jgrad.grading.GradescopeRun \\
                 "$ROOT/source/assignment" "$ROOT/submission" "$ROOT/results/results.json"
            """;

    private GradescopeBundle() {}

    public static void main(String[] args) {
        try {
            if (args.length == 0) {
                System.err.println("usage: gradescope ASSIGNMENT [--out FILE.zip]");
                System.exit(2);
            }
            Path out = null;
            for (int i = 1; i < args.length; i++) {
                if (args[i].equals("--out") && i + 1 < args.length) out = Paths.get(args[++i]);
                else throw new IllegalArgumentException("unknown option " + args[i]);
            }
            Assignment a = Assignment.find(args[0], Paths.get(System.getProperty("jgrad.root", ".")));
            if (out == null) out = Paths.get(a.name() + "-gradescope.zip");
            write(a, out);
            System.out.println("wrote " + out + ": upload it as the autograder of " + a.name() + " (Gradescope, programming assignment)");
            System.exit(0);
        } catch (Exception e) {
            System.err.println("gradescope: " + e.getMessage());
            System.exit(1);
        }
    }

    public static void write(Assignment a, Path zip) throws IOException {
        if (zip.toAbsolutePath().getParent() != null) Files.createDirectories(zip.toAbsolutePath().getParent());
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
            add(z, "setup.sh", SETUP.getBytes(StandardCharsets.UTF_8));
            add(z, "run_autograder", RUN.getBytes(StandardCharsets.UTF_8));
            for (String nb : a.notebookNames()) add(z, "assignment/" + nb, a.bytes(nb));
            for (Path entry : classPath()) {
                if (Files.isDirectory(entry)) add(z, "lib/jgrad-grading-classes.jar", jarOf(entry));
                else add(z, "lib/" + entry.getFileName(), Files.readAllBytes(entry));
            }
        }
    }

    /** This JVM's class path (or jgrad.grading.classpath), wildcards expanded. */
    static List<Path> classPath() throws IOException {
        String cp = System.getProperty("jgrad.grading.classpath", System.getProperty("java.class.path"));
        List<Path> out = new ArrayList<>();
        for (String e : cp.split(File.pathSeparator)) {
            if (e.isBlank()) continue;
            if (e.endsWith("*")) {
                try (Stream<Path> s = Files.list(Paths.get(e.substring(0, e.length() - 1)))) {
                    s.filter(p -> p.toString().endsWith(".jar")).sorted().forEach(out::add);
                }
            } else {
                out.add(Paths.get(e));
            }
        }
        return out;
    }

    private static byte[] jarOf(Path classesDir) throws IOException {
        var bytes = new java.io.ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(bytes); Stream<Path> s = Files.walk(classesDir)) {
            for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
                add(z, classesDir.relativize(p).toString().replace(File.separatorChar, '/'), Files.readAllBytes(p));
            }
        }
        return bytes.toByteArray();
    }

    private static void add(ZipOutputStream z, String name, byte[] data) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setTime(0);   // the same assignment makes the same zip
        z.putNextEntry(e);
        z.write(data);
        z.closeEntry();
    }

}
