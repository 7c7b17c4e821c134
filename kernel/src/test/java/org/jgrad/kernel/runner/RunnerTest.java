package org.jgrad.kernel.runner;

import org.jgrad.kernel.Launcher;
import org.jgrad.kernel.eval.Evaluator;
import org.jgrad.kernel.install.KernelInstaller;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

class RunnerTest {
    static final ObjectMapper JSON = new ObjectMapper();

    static Path notebook(Path dir, String name, String... cells) throws Exception {
        var nb = JSON.createObjectNode();
        var arr = nb.putArray("cells");
        var md = arr.addObject();
        md.put("cell_type", "markdown");
        md.putObject("metadata");
        md.put("source", "# title");
        for (String c : cells) {
            var cell = arr.addObject();
            cell.put("cell_type", "code");
            cell.putObject("metadata");
            cell.put("source", c);
            cell.putArray("outputs");
            cell.putNull("execution_count");
        }
        nb.putObject("metadata");
        nb.put("nbformat", 4);
        nb.put("nbformat_minor", 5);
        Path p = dir.resolve(name);
        Files.writeString(p, JSON.writeValueAsString(nb));
        return p;
    }

    @Test void aMissingNativeBlasIsSaidOnTheKernelsStderrNotInACell(@TempDir Path dir) throws Exception {
        // os.arch names no shipped JNI library, so the native BLAS cannot load in this runner
        Path nb = notebook(dir, "blas.ipynb", "var a = Tensor.ones(80, 80);\na.matmul(a).get(0, 0)");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(cellJvm(java, "-Dos.arch=none", "-Xss16m", "-cp", System.getProperty("java.class.path"),
                Launcher.class.getName(), "run", nb.toString(), "--out", dir.resolve("out").toString())).start();
        String err = new String(p.getErrorStream().readAllBytes());
        String stdout = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), stdout + err);
        assertTrue(err.contains("no native BLAS could be loaded"), err);
        JsonNode outputs = JSON.readTree(dir.resolve("out/blas.ipynb").toFile()).get("cells").get(1).get("outputs");
        assertEquals(1, outputs.size(), outputs.toString());
        assertEquals("execute_result", outputs.get(0).get("output_type").asText(), "no stderr stream in the cell");
        assertTrue(outputs.get(0).get("data").get("text/plain").toString().contains("80.0"), outputs.toString());
    }

    @Test void writesNbformat4Outputs(@TempDir Path dir) throws Exception {
        Path nb = notebook(dir, "ok.ipynb",
                "System.out.println(\"hello\");\n1 + 1",
                "display(Table.create(\"t\", IntColumn.indexColumn(\"i\", 3, 0)), \"tab\");",
                "updateDisplay(\"tab\", \"replaced\");");
        try (Evaluator ev = new Evaluator()) {
            NotebookRunner.Result r = new NotebookRunner(ev, 10, false).run(nb, dir.resolve("out"));
            assertTrue(r.ok());
            assertEquals(3, r.cellsRun());
        }
        JsonNode out = JSON.readTree(dir.resolve("out/ok.ipynb").toFile());
        assertEquals(4, out.get("nbformat").asInt());
        JsonNode c1 = out.get("cells").get(1);
        assertEquals(1, c1.get("execution_count").asInt());
        assertEquals("stream", c1.get("outputs").get(0).get("output_type").asText());
        assertEquals("stdout", c1.get("outputs").get(0).get("name").asText());
        assertEquals("hello\n", c1.get("outputs").get(0).get("text").get(0).asText());
        JsonNode res = c1.get("outputs").get(1);
        assertEquals("execute_result", res.get("output_type").asText());
        assertEquals(1, res.get("execution_count").asInt());
        assertEquals("2", res.get("data").get("text/plain").get(0).asText());
        assertTrue(res.has("metadata"));
        JsonNode disp = out.get("cells").get(2).get("outputs").get(0);
        assertEquals("display_data", disp.get("output_type").asText());
        assertEquals("replaced", disp.get("data").get("text/plain").get(0).asText(), "updateDisplay replaces the earlier output");
        assertFalse(out.get("cells").get(0).has("outputs"), "markdown cells have no outputs");
    }

    /** nbformat has no place for the pager: the help a cell asked for is saved as its stdout, what the student read. */
    @Test void helpIsSavedAsTheCellsStdout(@TempDir Path dir) throws Exception {
        Path nb = notebook(dir, "help.ipynb", "Math.max?", "Tensr?");
        try (Evaluator ev = new Evaluator()) {
            assertTrue(new NotebookRunner(ev, 10, false).run(nb, dir.resolve("out")).ok());
        }
        JsonNode cells = JSON.readTree(dir.resolve("out/help.ipynb").toFile()).get("cells");
        for (int i : new int[] {1, 2}) {
            JsonNode outputs = cells.get(i).get("outputs");
            assertEquals(1, outputs.size(), outputs.toString());
            assertEquals("stream", outputs.get(0).get("output_type").asText());
            assertEquals("stdout", outputs.get(0).get("name").asText());
        }
        assertTrue(cells.get(1).get("outputs").get(0).get("text").toString().contains("int Math.max(int a, int b)"), cells.get(1).toString());
        assertTrue(cells.get(2).get("outputs").get(0).get("text").toString().contains("Tensr: no documentation found"), cells.get(2).toString());
    }

    @Test void stopsOnErrorAndExitsNonZeroNamingTheCell(@TempDir Path dir) throws Exception {
        Path nb = notebook(dir, "bad.ipynb", "int a = 1;", "throw new RuntimeException(\"boom\");", "a + 1");
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int status;
        System.setOut(new PrintStream(buf, true));
        try {
            status = Launcher.run(List.of(nb.toString()));
        } finally {
            System.setOut(old);
        }
        assertEquals(1, status);
        String msg = buf.toString();
        assertTrue(msg.contains("bad.ipynb") && msg.contains("cell 2") && msg.contains("boom"), msg);
        JsonNode out = JSON.readTree(nb.toFile());
        JsonNode err = out.get("cells").get(2).get("outputs").get(0);
        assertEquals("error", err.get("output_type").asText());
        assertEquals("RuntimeException", err.get("ename").asText());
        assertEquals("boom", err.get("evalue").asText());
        assertTrue(err.get("traceback").isArray());
        assertEquals(0, out.get("cells").get(3).get("outputs").size(), "cells after the error do not run");
    }

    /** A command line for java that runs cells: the JVM options the course script gives it first. */
    static List<String> cellJvm(String java, String... rest) {
        List<String> cmd = new java.util.ArrayList<>(List.of(java));
        cmd.addAll(KernelInstaller.JSHELL_OPENS);
        cmd.addAll(List.of(rest));
        return cmd;
    }

    /** Sturdiness on JDK 25 (and whatever JDK runs the tests): a forked headless run. */
    @Test void sturdyOnJdk25(@TempDir Path dir) throws Exception {
        Path java = Paths.get(System.getenv().getOrDefault("JGRAD_JDK25", "/usr/lib/jvm/temurin-25-jdk-amd64"), "bin", "java");
        if (!Files.isExecutable(java)) {
            assertNotEquals("true", System.getenv("CI"), "JDK 25 not found at " + java);
            Assumptions.abort("JDK 25 not found at " + java);
        }
        Path nb = notebook(dir, "sturdy.ipynb",
                "int k = 1;",
                "while (true) {}",
                "System.exit(1);",
                "int down(int n) { return down(n + 1); }\ndown(0)",
                "k + 1");
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cellJvm(java.toString(), "-Xmx256m", "--sun-misc-unsafe-memory-access=allow", "-cp", System.getProperty("java.class.path"),
                Launcher.class.getName(), "run", nb.toString(), "--timeout", "3", "--keep-going"))
                .redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertEquals(1, p.exitValue(), log);
        JsonNode cells = JSON.readTree(nb.toFile()).get("cells");
        assertEquals("Timeout", cells.get(2).get("outputs").get(0).get("ename").asText(), log);
        assertEquals("SystemExit", cells.get(3).get("outputs").get(0).get("ename").asText());
        assertEquals("StackOverflowError", cells.get(4).get("outputs").get(0).get("ename").asText());
        assertEquals("2", cells.get(5).get("outputs").get(0).get("data").get("text/plain").get(0).asText(), "state survives");
        assertTrue(seconds < 60, "took " + seconds + " s");
    }

    /** Every picture in a committed notebook carries image/png, the one type every front end shows. */
    @Test void figuresGraphsAndProgressBarsAreSavedWithAPng(@TempDir Path dir) throws Exception {
        Path nb = notebook(dir, "pictures.ipynb",
                "LinePlot.create(\"sin\", \"x\", new double[] {0, 1, 2, 3}, \"y\", new double[] {0, 0.8, 0.9, 0.1})",
                "var a = new Value(1, \"a\"); var b = new Value(2, \"b\"); var y = a.mul(b).label(\"y\"); y.backward();\ndraw(y)",
                "var bar = progress(4, \"epochs\");\nfor (int i = 0; i < 4; i++) bar.step(1.0 / (i + 1));");
        try (Evaluator ev = new Evaluator()) {
            assertTrue(new NotebookRunner(ev, 60, false).run(nb, dir.resolve("out")).ok());
        }
        JsonNode cells = JSON.readTree(dir.resolve("out/pictures.ipynb").toFile()).get("cells");
        String[] kinds = {"figure", "graph", "progress bar"};
        for (int i = 0; i < kinds.length; i++) {
            JsonNode outputs = cells.get(i + 1).get("outputs");
            assertEquals(1, outputs.size(), kinds[i] + ": " + outputs);
            JsonNode data = outputs.get(0).get("data");
            assertTrue(data.has("image/png"), kinds[i] + " has no image/png: " + data.fieldNames().next());
            StringBuilder base64 = new StringBuilder();
            data.get("image/png").forEach(line -> base64.append(line.asText()));
            var img = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(java.util.Base64.getDecoder().decode(base64.toString())));
            assertTrue(img != null && img.getWidth() > 100 && img.getHeight() > 10, kinds[i] + " decodes");
            assertFalse(data.has("image/svg+xml"), kinds[i] + ": nothing nbconvert < 7.7 would pick over the PNG and strip");
        }
    }
}
