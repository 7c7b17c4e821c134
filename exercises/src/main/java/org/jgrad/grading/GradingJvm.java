package org.jgrad.grading;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The command line of a grading JVM: this JVM's java (or the one JGRAD_GRADING_JAVA names) and
 * class path, a heap cap, the kernel's fast-start options, and an archive of the classes a
 * grading run loads, recorded once next to the jars by running a small plan: on JDK 17-24 an
 * AppCDS archive (a third of the JVM's start saved), on JDK 25+ an AOT cache (JEP 483/514:
 * classes loaded and linked as well; ≈8 % less CPU per submission than 17 with AppCDS, within
 * the noise of a loaded machine, so not the default: by default students' code is graded by the
 * JDK the grader, and their kernel, runs on).
 */
final class GradingJvm {
    private final String java;
    /** The grading java's feature version (17, 25 ...). */
    private final int feature;
    private final String version;
    private final String classPath;
    private final String maxHeap;
    private Path archive;

    GradingJvm(String maxHeap) {
        this(maxHeap, System.getenv("JGRAD_GRADING_JAVA"));
    }

    /** chosen: a JDK's home or its bin/java; null or blank for this JVM's own. */
    GradingJvm(String maxHeap, String chosen) {
        Path home = chosen == null || chosen.isBlank() ? Paths.get(System.getProperty("java.home")) : Paths.get(chosen).toAbsolutePath();
        if (Files.isRegularFile(home)) home = home.getParent().getParent();   // .../bin/java given
        if (!Files.isExecutable(home.resolve("bin/java"))) {
            throw new IllegalArgumentException("JGRAD_GRADING_JAVA=" + chosen + ": no bin/java there (give a JDK's home or its bin/java)");
        }
        this.java = home.resolve("bin/java").toString();
        this.version = releaseVersion(home);
        this.feature = featureOf(version);
        List<String> cp = new ArrayList<>();
        // jgrad.grading.classpath: set by the tests (the test JVM's own class path has ~/.m2 in it)
        String from = System.getProperty("jgrad.grading.classpath", System.getProperty("java.class.path"));
        for (String e : from.split(File.pathSeparator)) {
            if (!e.isBlank()) cp.add(e.endsWith("*") ? e : Paths.get(e).toAbsolutePath().normalize().toString());
        }
        this.classPath = String.join(File.pathSeparator, cp);
        this.maxHeap = maxHeap;
    }

    List<Path> classPathEntries() {
        List<Path> out = new ArrayList<>();
        for (String e : classPath.split(File.pathSeparator)) out.add(Paths.get(e.endsWith("*") ? e.substring(0, e.length() - 1) : e));
        out.add(Paths.get(java).getParent().getParent());
        if (archive != null) out.add(archive);
        return out;
    }

    List<String> command(boolean recordArchive, Path workDir) {
        // C1 only, at its default thresholds: a grading JVM lives a few seconds, mostly in javac,
        // and compiling sooner (CompileThresholdScaling=0.1) cost ≈15 % more CPU per submission
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx" + maxHeap, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-XX:CICompilerCount=1", "-Xss16m", "-XX:-UsePerfData",
                "-XX:MaxMetaspaceSize=256m", "-Djava.net.preferIPv4Stack=true",
                "-Djgrad.pictures.warmUp=false",   // no one looks at a grading JVM's pictures: no PNG warm-up
                "-Duser.home=" + workDir, "-Djava.io.tmpdir=" + workDir,
                "-Dfile.encoding=UTF-8", "-Dstdout.encoding=UTF-8", "-Dstderr.encoding=UTF-8"));
        cmd.addAll(org.jgrad.kernel.install.KernelInstaller.JSHELL_OPENS);   // cells stay as fast after many
        if (bytes(maxHeap) >= 192L << 20) {
            // the kernel's heap shape (Launcher.JVM_OPTIONS): JShell keeps ≈45 MB live, a small heap collects all the time
            cmd.addAll(List.of("-Xms96m", "-Xmn40m"));
        }
        if (feature >= 23) cmd.add("--sun-misc-unsafe-memory-access=allow");
        // the native BLAS is loaded through JNI: said once on stderr from JDK 24 on, unless allowed
        if (feature >= 24) cmd.add("--enable-native-access=ALL-UNNAMED");
        if (aot()) {
            if (recordArchive) cmd.add("-XX:AOTCacheOutput=" + archiveFile());   // training run and cache in one (JEP 514)
            else if (archive != null) cmd.add("-XX:AOTCache=" + archive);
        } else {
            if (recordArchive) cmd.add("-XX:ArchiveClassesAtExit=" + archiveFile());
            else if (archive != null) cmd.addAll(List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:auto"));
        }
        cmd.addAll(List.of("-cp", classPath, SubmissionMain.class.getName()));
        return cmd;
    }

    static long bytes(String size) {
        String s = size.toLowerCase(Locale.ROOT);
        long unit = s.endsWith("g") ? 1L << 30 : s.endsWith("m") ? 1L << 20 : s.endsWith("k") ? 1L << 10 : 1;
        return Long.parseLong(Character.isDigit(s.charAt(s.length() - 1)) ? s : s.substring(0, s.length() - 1)) * unit;
    }

    Process start(Sandbox sandbox, Path workDir) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(sandbox.wrap(command(false, workDir), workDir, classPathEntries())).directory(workDir.toFile());
        Map<String, String> env = pb.environment();
        String path = env.getOrDefault("PATH", "/usr/bin:/bin");
        env.clear();   // nothing of the instructor's environment (tokens, paths) reaches graded code
        env.put("PATH", path);
        env.put("HOME", workDir.toString());
        env.put("LANG", "C.UTF-8");
        return pb.start();
    }

    /** The archive beside the first jar (or in the temp dir), made now if missing; null if it cannot be. */
    Path prepareArchive(Sandbox sandbox, Path scratch) {
        Path file = archiveFile();
        try {
            if (!Files.isRegularFile(file) || Files.getLastModifiedTime(file).toMillis() < newestJar()) {
                Files.deleteIfExists(file);
                Path work = Files.createDirectories(scratch.resolve("cds"));
                // the evaluator, JShell and javac loaded and used as in grading: an answer, checks in a
                // block (StatementBlocks), a failing hidden check, a partial-credit value
                String plan = trainingPlan();
                // recorded unsandboxed: the archive is written next to the jars
                Process p = new ProcessBuilder(command(true, work)).directory(work.toFile())
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                try (var in = p.getOutputStream()) {
                    in.write(plan.getBytes());
                }
                if (!p.waitFor(180, TimeUnit.SECONDS)) p.destroyForcibly();
            }
            if (Files.isRegularFile(file)) {
                file.toFile().setReadable(true, false);
                archive = file;
            }
        } catch (IOException e) {
            archive = null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return archive;
    }

    /** A plan as the grader writes them (IsolatedRun), of a few typical cells. */
    static String trainingPlan() {
        com.fasterxml.jackson.databind.node.ObjectNode plan = NotebookFile.JSON.createObjectNode().put("token", "0").put("timeoutSeconds", 60);
        com.fasterxml.jackson.databind.node.ArrayNode steps = plan.putArray("steps");
        String[][] cells = {   // student?, code, hidden-part code (or null)
            {"false", "import static org.junit.jupiter.api.Assertions.*;", null},
            {"true", "double twice(double x) { return 2 * x; }", null},
            {"false", "{ Check.that(\"twice(1)\", () -> twice(1)).isCloseTo(2, 1e-9);\nassertEquals(4, twice(2), 1e-9); }",
                "Check.that(\"twice(3)\", twice(3)).isEqualTo(7);"},
            {"false", "var v = new Value(2);\nv.mul(v).backward();\nv.grad()", null},
        };
        for (int i = 0; i < cells.length; i++) {
            com.fasterxml.jackson.databind.node.ObjectNode step = steps.addObject().put("index", i).put("student", Boolean.parseBoolean(cells[i][0]));
            com.fasterxml.jackson.databind.node.ArrayNode parts = step.putArray("parts");
            parts.addObject().put("code", cells[i][1]).put("hidden", false);
            if (cells[i][2] != null) parts.addObject().put("code", cells[i][2]).put("hidden", true);
        }
        return plan.toString();
    }

    private Path archiveFile() {
        Path dir = Paths.get(classPath.split(File.pathSeparator)[0]).getParent();
        if (dir == null || !Files.isWritable(dir)) dir = Paths.get(System.getProperty("java.io.tmpdir"));
        return dir.resolve("jgrad-grading-" + Integer.toHexString(classPath.hashCode()) + "-" + feature + (aot() ? ".aot" : ".jsa"));
    }

    private boolean aot() {
        return feature >= 25;
    }

    /** For the progress output: which JDK, and which archive. */
    String description() {
        String kind = aot() ? "AOT cache" : "AppCDS archive";
        return "JDK " + version + " (" + java + "), " + (archive != null ? kind + " " + archive.getFileName() : "no " + kind + ": each JVM starts slower");
    }

    /** JAVA_VERSION from the JDK's release file ("17.0.21", "25.0.1"). */
    private static String releaseVersion(Path home) {
        try {
            for (String line : Files.readAllLines(home.resolve("release"))) {
                if (line.startsWith("JAVA_VERSION=")) return line.substring("JAVA_VERSION=".length()).replace("\"", "").strip();
            }
        } catch (IOException e) {
            // no release file: assume this JVM's own version
        }
        return Runtime.version().toString();
    }

    static int featureOf(String version) {
        String v = version.startsWith("1.") ? version.substring(2) : version;
        int end = 0;
        while (end < v.length() && Character.isDigit(v.charAt(end))) end++;
        return end == 0 ? Runtime.version().feature() : Integer.parseInt(v.substring(0, end));
    }

    private long newestJar() throws IOException {
        long newest = 0;
        for (String e : classPath.split(File.pathSeparator)) {
            Path p = Paths.get(e.endsWith("*") ? e.substring(0, e.length() - 1) : e);
            if (Files.exists(p)) newest = Math.max(newest, Files.getLastModifiedTime(p).toMillis());
        }
        return newest;
    }
}
