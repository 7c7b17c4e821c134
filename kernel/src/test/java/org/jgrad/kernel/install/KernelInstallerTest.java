package org.jgrad.kernel.install;

import com.fasterxml.jackson.databind.JsonNode;
import org.jgrad.kernel.Launcher;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The kernelspec `install` writes (without the class-data-sharing archive, which takes seconds). */
class KernelInstallerTest {
    @TempDir Path prefix;

    JsonNode install(String... options) throws Exception {
        List<String> args = new ArrayList<>(List.of("--prefix", prefix.toString(), "--no-cds"));
        args.addAll(List.of(options));
        KernelInstaller.install(args);
        return new ObjectMapper().readTree(prefix.resolve("share/jupyter/kernels/jgrad/kernel.json").toFile());
    }

    static List<String> heapOptions(JsonNode spec) {
        List<String> xmx = new ArrayList<>();
        spec.get("argv").forEach(a -> { if (a.asText().startsWith("-Xmx")) xmx.add(a.asText()); });
        return xmx;
    }

    @Test void maxHeapGoesIntoKernelJson() throws Exception {
        assertEquals(List.of("-Xmx1536m"), heapOptions(install("--max-heap", "1536m")));
    }

    @Test void theDefaultHeapLimitSuitsASharedServer() throws Exception {
        JsonNode spec = install();
        assertEquals(List.of("-Xmx" + KernelInstaller.defaultMaxHeap()), heapOptions(spec));
        String d = KernelInstaller.defaultMaxHeap();
        long mb = d.endsWith("g") ? Long.parseLong(d.substring(0, d.length() - 1)) * 1024 : Long.parseLong(d.substring(0, d.length() - 1));
        assertTrue(mb >= 256 && mb <= 2048, d);
        assertTrue(spec.get("argv").toString().contains("-XX:-ShrinkHeapInSteps"), "the heap shrinks in one step");
    }

    @Test void aWrongHeapSizeIsRefusedWithTheReason() {
        IllegalArgumentException notASize = assertThrows(IllegalArgumentException.class, () -> install("--max-heap", "lots"));
        assertTrue(notASize.getMessage().contains("--max-heap lots: not a size"), notASize.getMessage());
        IllegalArgumentException tooSmall = assertThrows(IllegalArgumentException.class, () -> install("--max-heap", "64m"));
        assertTrue(tooSmall.getMessage().contains("too small"), tooSmall.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> install("--max-heap"));
        assertTrue(missing.getMessage().contains("--max-heap needs a size"), missing.getMessage());
    }
    static final int JAVA = Runtime.version().feature();

    Path kernels() { return prefix.resolve("share/jupyter/kernels"); }

    /** A kernelspec "jgrad" as another JDK's install wrote it. */
    void installedByAnotherJdk(int feature) throws Exception {
        Path home = prefix.resolve("jdk-" + feature);
        java.nio.file.Files.createDirectories(home.resolve("bin"));
        java.nio.file.Files.writeString(home.resolve("bin/java"), "");
        java.nio.file.Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"x\"\nJAVA_VERSION=\"" + feature + ".0.1\"\n");
        java.nio.file.Files.createDirectories(kernels().resolve("jgrad"));
        java.nio.file.Files.writeString(kernels().resolve("jgrad/kernel.json"),
                "{\"argv\": [\"" + home.resolve("bin/java") + "\", \"-cp\", \"x\"], \"display_name\": \"Java (jgrad)\", \"language\": \"java\"}");
    }

    JsonNode spec(String name) throws Exception {
        return new ObjectMapper().readTree(kernels().resolve(name).resolve("kernel.json").toFile());
    }

    @Test void theDisplayNameSaysWhichJava() throws Exception {
        assertEquals("Java " + JAVA + " (jgrad)", install().get("display_name").asText());
    }

    @Test void aSecondJdkGetsAKernelspecOfItsOwn() throws Exception {
        int other = JAVA == 11 ? 17 : 11;
        installedByAnotherJdk(other);
        install();
        assertTrue(spec("jgrad").get("argv").get(0).asText().contains("jdk-" + other), "the first JDK's kernelspec is kept");
        JsonNode mine = spec("jgrad-java" + JAVA);
        assertEquals("Java " + JAVA + " (jgrad)", mine.get("display_name").asText());
        assertEquals(Path.of(System.getProperty("java.home"), "bin", "java").toString(), mine.get("argv").get(0).asText());
        assertEquals(JAVA, KernelInstaller.installedJavaVersion(kernels().resolve("jgrad-java" + JAVA)));
        assertEquals(other, KernelInstaller.installedJavaVersion(kernels().resolve("jgrad")));
    }

    @Test void theSameJdkReplacesItsKernelspec() throws Exception {
        install();
        install();
        try (var dirs = java.nio.file.Files.list(kernels())) {
            assertEquals(List.of("jgrad"), dirs.map(d -> d.getFileName().toString()).toList());
        }
    }

    @Test void anExplicitNameReplacesAnotherJdksKernelspec() throws Exception {
        installedByAnotherJdk(JAVA == 11 ? 17 : 11);
        install("--name", "jgrad");
        assertEquals(JAVA, KernelInstaller.installedJavaVersion(kernels().resolve("jgrad")));
    }

    @Test
    void theKernelSpecStartsTheLauncher() throws Exception {
        // install names the main class as a string (it may not depend on it): the string must follow the class
        assertEquals(Launcher.class.getName(), KernelInstaller.MAIN_CLASS);
        List<String> argv = new ArrayList<>();
        install().get("argv").forEach(a -> argv.add(a.asText()));
        assertTrue(argv.contains(Launcher.class.getName()), "kernel.json argv: " + argv);
        // the evaluator prunes JShell's old snippets through these, or cells slow down as they add up
        assertTrue(argv.subList(0, argv.indexOf(Launcher.class.getName())).containsAll(KernelInstaller.JSHELL_OPENS),
                "kernel.json argv: " + argv);
    }
}
