package org.jgrad.kernel.install;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code jgrad-kernel install}: writes the kernelspec (kernel.json with the JVM's options and
 * class path) and records the class-data-sharing archive. Depends on no other kernel package:
 * it starts the kernel only as a command line.
 */
public final class KernelInstaller {
    /** The kernel's main class, named in kernel.json's argv (a string: install must not depend on it). */
    public static final String MAIN_CLASS = "org.jgrad.kernel.Launcher";

    /**
     * What any JVM that runs cells needs besides: the JDK internals the evaluator prunes JShell's
     * kept snippets through (org.jgrad.kernel.eval.SnippetHousekeeping), or cells get slower as a
     * session goes on. The runner, the grader and the tests start their JVMs with these too.
     */
    public static final List<String> JSHELL_OPENS = List.of(
            "--add-opens=jdk.jshell/jdk.jshell=ALL-UNNAMED",
            "--add-opens=jdk.compiler/com.sun.tools.javac.api=ALL-UNNAMED",
            "--add-opens=jdk.compiler/com.sun.tools.javac.code=ALL-UNNAMED");

    /** JVM options written into kernel.json: fast start, small heap footprint. */
    static final List<String> JVM_OPTIONS = Stream.concat(JSHELL_OPENS.stream(), Stream.of(
            // measured (docs/benchmarks.md): C1 only starts fast and stays small; JShell runs each javac
            // method only a few times per cell, so C1 compiles at a tenth of the usual counts
            "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:CompileThresholdScaling=0.1", "-XX:CICompilerCount=1",
            "-XX:ReservedCodeCacheSize=32m",
            // JShell keeps ≈45 MB live (javac's symbol tables, the completion index); a 40 MB young
            // generation and an old one with room to spare avoid the full collection after every few
            // cells that a tightly shrinking heap caused (GC pauses over a benchmark run: 1.1 s → 0.35 s)
            "-Xms96m", "-Xmn40m", "-XX:MinHeapFreeRatio=20", "-XX:MaxHeapFreeRatio=40",
            // a full collection gives all the free heap above MaxHeapFreeRatio back at once, not a
            // tenth, then 40 %, ... of it over four collections (IdleMemory collects once when idle)
            "-XX:-ShrinkHeapInSteps",
            "-Xss16m", "-XX:-UsePerfData",
            "-Dfile.encoding=UTF-8", "-Dstdout.encoding=UTF-8", "-Dstderr.encoding=UTF-8")).toList();

    private KernelInstaller() {}

    public static void install(List<String> args) throws IOException, InterruptedException {
        Path kernelsDir = userDataDir().resolve("kernels");
        String where = "--user";
        String name = "jgrad";
        boolean named = false;
        boolean cds = true;
        String maxHeap = defaultMaxHeap();
        for (int i = 0; i < args.size(); i++) {
            switch (args.get(i)) {
                case "--user" -> { }
                case "--prefix" -> { kernelsDir = Paths.get(args.get(++i)).toAbsolutePath().resolve("share/jupyter/kernels"); where = "--prefix"; }
                case "--sys-prefix" -> { kernelsDir = Paths.get(pythonSysPrefix()).resolve("share/jupyter/kernels"); where = "--sys-prefix"; }
                case "--system" -> { kernelsDir = Paths.get("/usr/local/share/jupyter/kernels"); where = "--system"; }
                case "--name" -> { name = args.get(++i); named = true; }
                case "--no-cds" -> cds = false;
                case "--max-heap" -> {
                    if (i + 1 >= args.size()) throw new IllegalArgumentException("--max-heap needs a size, e.g. --max-heap 2g");
                    maxHeap = checkHeapSize(args.get(++i));
                }
                default -> throw new IllegalArgumentException("unknown install option " + args.get(i));
            }
        }
        int feature = Runtime.version().feature();
        if (!named) {
            // "jgrad" is what the notebooks' metadata names; a second JDK gets a name of its own
            // instead of replacing the first one's kernelspec
            int other = installedJavaVersion(kernelsDir.resolve(name));
            if (other > 0 && other != feature) {
                System.out.println("kernelspec '" + name + "' runs Java " + other + "; installing Java " + feature + "'s as '"
                        + name + "-java" + feature + "' next to it (--name " + name + " replaces it instead)");
                name = name + "-java" + feature;
            }
        }
        Path dir = kernelsDir.resolve(name);
        Files.createDirectories(dir);
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cp = new ArrayList<>();
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!e.isBlank()) cp.add(Paths.get(e).toAbsolutePath().normalize().toString());
        }
        String classpath = String.join(File.pathSeparator, cp);
        List<String> argv = new ArrayList<>();
        argv.add(java);
        argv.addAll(JVM_OPTIONS);
        argv.add("-Xmx" + maxHeap);
        if (Runtime.version().feature() >= 23) {
            // JDK 24+ prints a warning when a library (Tablesaw's classgraph) uses sun.misc.Unsafe;
            // printed while a cell runs it would land in the cell's stderr, which fails nbgrader tests
            argv.add("--sun-misc-unsafe-memory-access=allow");
        }
        if (cds) {
            Path archive = dir.resolve("jgrad.jsa");
            Files.deleteIfExists(archive);
            List<String> cmd = new ArrayList<>(List.of(java, "-XX:ArchiveClassesAtExit=" + archive));
            cmd.addAll(JVM_OPTIONS);
            cmd.add("-Xmx" + maxHeap);
            if (Runtime.version().feature() >= 23) cmd.add("--sun-misc-unsafe-memory-access=allow");
            cmd.addAll(List.of("-cp", classpath, MAIN_CLASS, "warmup"));
            Path log = Files.createTempFile("jgrad-cds", ".log");
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (p.waitFor() == 0 && Files.isRegularFile(archive)) {
                argv.add("-XX:SharedArchiveFile=" + archive);
                argv.add("-Xshare:auto");
                System.out.println("created class-data-sharing archive " + archive + " (faster start)");
            } else {
                // skip the JVM's own CDS warnings: the first other line is the warm-up's error
                String why = Files.readAllLines(log).stream().filter(l -> !l.contains("][cds") && !l.isBlank()).findFirst().orElse("exit code " + p.exitValue());
                System.out.println("could not create a class-data-sharing archive (" + why.strip() + "); the kernel starts without it");
            }
            Files.deleteIfExists(log);
        }
        argv.addAll(List.of("-cp", classpath, MAIN_CLASS, "kernel", "{connection_file}"));
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("argv", argv);
        spec.put("display_name", "Java " + feature + " (jgrad)");
        spec.put("language", "java");
        spec.put("interrupt_mode", "message");
        spec.put("env", Map.of());
        spec.put("metadata", Map.of("debugger", false));
        Path json = dir.resolve("kernel.json");
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), spec);
        System.out.println("installed kernelspec '" + name + "' (" + where + ") at " + dir);
        System.out.println("  java:      " + java + " (" + Runtime.version() + ")");
        System.out.println("  classpath: " + cp.size() + " entries (absolute paths)");
        System.out.println("  max heap:  " + maxHeap + " (--max-heap SIZE to change)");
    }

    /**
     * The Java feature version (17, 25…) of the kernelspec installed in dir: from the release
     * file of the JDK its kernel.json runs. 0 when there is none, or its java is gone (then it
     * is simply replaced).
     */
    static int installedJavaVersion(Path dir) {
        try {
            Path json = dir.resolve("kernel.json");
            if (!Files.isRegularFile(json)) return 0;
            Path exe = Paths.get(new ObjectMapper().readTree(json.toFile()).path("argv").path(0).asText());
            if (!Files.exists(exe) || exe.getParent() == null || exe.getParent().getParent() == null) return 0;
            Path release = exe.getParent().getParent().resolve("release");
            for (String line : Files.readAllLines(release)) {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("JAVA_VERSION=\"(1\\.)?(\\d+).*").matcher(line);
                if (m.matches()) return Integer.parseInt(m.group(2));
            }
        } catch (IOException | RuntimeException unreadable) {
            // an unreadable kernelspec is replaced, as before
        }
        return 0;
    }

    /**
     * The kernel's heap limit unless --max-heap says otherwise: 2 GB, or a quarter of the
     * machine's memory if that is less. The JVM's own default (a quarter of memory: 6 GB on a
     * 24 GB server) lets one student's kernel take what thirty share.
     */
    static String defaultMaxHeap() {
        long mb = 2048;
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            long quarter = os.getTotalMemorySize() / 4 >> 20;
            if (quarter >= 256) mb = Math.min(mb, quarter);
        }
        return mb % 1024 == 0 ? mb / 1024 + "g" : mb + "m";
    }

    /** A size as -Xmx takes it (512m, 2g, 3072M…), at least 256 MB: the kernel needs ≈100 MB before any cell. */
    static String checkHeapSize(String size) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("([1-9][0-9]{0,9})([kKmMgGtT]?)").matcher(size);
        if (!m.matches()) {
            throw new IllegalArgumentException("--max-heap " + size + ": not a size; give a number with k, m or g, e.g. 2g or 1536m");
        }
        double bytes = Double.parseDouble(m.group(1)) * switch (m.group(2).toLowerCase(java.util.Locale.ROOT)) {
            case "k" -> 1L << 10;
            case "m" -> 1L << 20;
            case "g" -> 1L << 30;
            case "t" -> 1L << 40;
            default -> 1L;
        };
        if (bytes < 256L << 20) {
            throw new IllegalArgumentException("--max-heap " + size + ": too small; the kernel needs at least 256m (JShell alone keeps ≈50 MB, the heap starts at 96 MB)");
        }
        return size;
    }

    /**
     * Where Jupyter looks for this user's kernelspecs, as jupyter_core works it out:
     * $JUPYTER_DATA_DIR, else $XDG_DATA_HOME/jupyter, else $HOME/.local/share/jupyter. Java's
     * user.home comes from the password file, which need not be the $HOME Jupyter uses.
     */
    static Path userDataDir() {
        String data = System.getenv("JUPYTER_DATA_DIR");
        if (data != null && !data.isBlank()) return Paths.get(data);
        String xdg = System.getenv("XDG_DATA_HOME");
        if (xdg != null && !xdg.isBlank()) return Paths.get(xdg, "jupyter");
        String home = System.getenv("HOME");
        return Paths.get(home != null && !home.isBlank() ? home : System.getProperty("user.home"), ".local", "share", "jupyter");
    }

    private static String pythonSysPrefix() throws IOException, InterruptedException {
        for (String py : new String[] {"python3", "python"}) {
            try {
                Process p = new ProcessBuilder(py, "-c", "import sys; print(sys.prefix)").start();
                String out = new String(p.getInputStream().readAllBytes()).strip();
                if (p.waitFor() == 0 && !out.isEmpty()) return out;
            } catch (IOException ignored) {
                // try the next name
            }
        }
        throw new IOException("--sys-prefix needs python3 on PATH");
    }
}
