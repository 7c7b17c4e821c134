package org.jgrad.grading;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The grader's pieces without a grading JVM: plan, screen, reserved names, channel, scoring, CSV. */
class GradingPiecesTest {
    static NotebookFile fixture(String path) throws Exception {
        return NotebookFile.read(GradingEndToEndTest.FIXTURES.resolve(path));
    }

    @Test
    void thePlanTakesOnlyAnswerCellsFromTheStudentAndRunsHiddenTestsApart() throws Exception {
        GradingPlan plan = GradingPlan.of(fixture("sigmoid/sigmoid.ipynb"), fixture("hostile/edited_tests/sigmoid.ipynb"));
        GradingPlan.Step test = plan.steps().stream().filter(s -> "test_sigmoid".equals(s.gradeId())).findFirst().orElseThrow();
        assertFalse(test.fromStudent());
        assertEquals(List.of(false, true), test.parts().stream().map(GradingPlan.Part::hidden).toList());
        assertTrue(test.parts().get(1).code().contains("HIDDEN-SECRET"));
        assertTrue(plan.notes().contains("test cell 'test_sigmoid' was edited; the instructor's version was used"), plan.notes().toString());
        GradingPlan.Step answer = plan.steps().stream().filter(s -> "sigmoid".equals(s.gradeId())).findFirst().orElseThrow();
        assertTrue(answer.fromStudent());
        assertTrue(answer.code().contains("YOUR CODE HERE"));
    }

    @Test
    void theReleaseAsHandedOutHasNoNotes() throws Exception {
        assertEquals(List.of(), GradingPlan.of(fixture("sigmoid/sigmoid.ipynb"), fixture("release/sigmoid.ipynb")).notes());
    }

    @Test
    void unreadableNotebooksSayWhy() throws Exception {
        var e = assertThrows(NotebookFile.Unreadable.class, () -> fixture("hostile/invalid_json/sigmoid.ipynb"));
        assertTrue(e.getMessage().contains("not valid JSON"), e.getMessage());
        e = assertThrows(NotebookFile.Unreadable.class, () -> NotebookFile.parse("[1, 2]".getBytes(), "x.ipynb"));
        assertTrue(e.getMessage().contains("not a notebook"), e.getMessage());
    }

    @Test
    void theScreenSeesThroughUnicodeEscapesAndLeavesOrdinaryCodeAlone() {
        assertTrue(ForbiddenCode.check("Object o = String.class.\\u0067etDeclaredMethods();").orElseThrow().contains("reflection"));
        assertTrue(ForbiddenCode.check("var f = new java.io.FileOutputStream(java.io.FileDescriptor.out);").isPresent());
        assertTrue(ForbiddenCode.check("%classpath /tmp/evil.jar").isPresent());
        assertTrue(ForbiddenCode.check("Files.readString(Path.of(\"/proc/self/mem\"))").isPresent());
        assertEquals(java.util.Optional.empty(), ForbiddenCode.check(
                "double sigmoid(double x) {\n    return 1 / (1 + Math.exp(-x));\n}\nvar t = new Thread(() -> {});\nSystem.out.println(\"method\");"));
    }

    @Test
    void reservedNamesAreWhatTheTestsUseMinusWhatTheAnswersDeclare() throws Exception {
        ReservedNames n = ReservedNames.of(fixture("sigmoid/sigmoid.ipynb"));
        assertTrue(n.reserved().containsAll(List.of("close", "assertEquals", "assertTrue", "Math", "List")), n.toString());
        assertFalse(n.reserved().contains("sigmoid"), n.toString());
        assertTrue(n.intended().containsAll(List.of("sigmoid", "sigmoidGrad", "normalize")), n.toString());
    }

    @Test
    void theChannelKeepsOnlyTokenFramesWhateverIsPrintedAroundThem() throws Exception {
        ByteArrayOutputStream pipe = new ByteArrayOutputStream();
        ResultChannel.Sender sender = new ResultChannel.Sender("secret", pipe);
        pipe.write("x".repeat(100_000).getBytes());   // a megabyte-ish line without a newline before our frame
        sender.send(JsonNodeFactory.instance.objectNode().put("event", "done").put("output", "y".repeat(10_000)));
        pipe.write("other 0 0 1 eyJldmVudCI6ImRvbmUifQ==\nsecreX 0 0 1 eyJldmVudCI6ImRvbmUifQ==\n".getBytes());   // forged frames
        List<JsonNode> got = new ArrayList<>();
        ResultChannel.receive(new ByteArrayInputStream(pipe.toByteArray()), "secret", got::add);
        assertEquals(1, got.size());
        assertEquals(10_000, got.get(0).path("output").asText().length());
    }

    @Test
    void theSandboxShowsOnlyItsAllowListAndCoversTheCourseWhereAnAllowedFolderHoldsIt() throws Exception {
        Path t = Files.createTempDirectory("jgrad-sandbox-ops");
        try {
            Path shared = t.resolve("shared"), course = shared.resolve("course"), lib = Files.createDirectories(course.resolve("target/lib"));
            Path elsewhere = Files.createDirectories(t.resolve("ci/kernel/target/classes"));
            Path work = Files.createDirectories(t.resolve("scratch/w-alice-1"));
            List<String> ops = new Sandbox(Sandbox.Mode.ROOT, List.of(course), List.of(shared)).operations(work, List.of(lib, elsewhere));
            List<String> pairs = new ArrayList<>();
            for (int i = 0; i < ops.size(); i += ops.get(i).equals("link") ? 3 : 2) pairs.add(ops.get(i) + " " + ops.get(i + 1));
            assertTrue(pairs.containsAll(List.of("ro /usr", "ro /etc", "tmp /tmp", "proc /proc", "rw /dev/null", "ro " + elsewhere)), pairs.toString());
            // the allowed folder, then the course inside it covered, then the jars inside the course bound again
            int a = pairs.indexOf("ro " + shared), h = pairs.indexOf("hide " + course), j = pairs.lastIndexOf("ro " + lib);
            assertTrue(a >= 0 && a < h && h < j, pairs.toString());
            assertEquals("rw " + work, pairs.get(pairs.size() - 1), "the working directory last: nothing may cover it");
            for (String p : pairs) {
                assertFalse(p.endsWith(" " + t) || p.endsWith(" " + t.resolve("ci")) || p.endsWith(" " + t.resolve("scratch")), p + " shows more than it must");
            }
        } finally {
            Grader.deleteTree(t);
        }
    }

    @Test
    void partialCreditFollowsNbgrader() {
        assertEquals(1.5, Scoring.partial("1.5", 2));
        assertEquals(2, Scoring.partial("7", 2));
        assertEquals(0, Scoring.partial("-1", 2));
        assertEquals(2, Scoring.partial("Tensor[3]", 2));
        assertEquals(2, Scoring.partial(null, 2));
    }

    @Test
    void gradebookCellsCannotBecomeSpreadsheetFormulas() {
        assertEquals("'=HYPERLINK(1)", Gradebook.csv("=HYPERLINK(1)"));
        assertEquals("\"a,b\"", Gradebook.csv("a,b"));
    }

    @Test
    void atomicWritesLeaveNoTempFile() throws Exception {
        var dir = Files.createTempDirectory("jgrad-atomic");
        AtomicFiles.write(dir.resolve("g.csv"), "a\n");
        AtomicFiles.write(dir.resolve("g.csv"), "b\n");
        try (var s = Files.list(dir)) {
            assertEquals(List.of("g.csv"), s.map(p -> p.getFileName().toString()).toList());
        }
        assertEquals("b\n", Files.readString(dir.resolve("g.csv"), StandardCharsets.UTF_8));
        Grader.deleteTree(dir);
    }

    @Test
    void aGradingJvmOnJdk25UsesAnAotCacheAndOnOlderJdksAppCds() throws Exception {
        assertEquals(17, GradingJvm.featureOf("17.0.21.1"));
        assertEquals(25, GradingJvm.featureOf("25.0.3"));
        assertEquals(8, GradingJvm.featureOf("1.8.0_392"));
        java.nio.file.Path dir = Files.createTempDirectory("jgrad-jvm-");
        try {
            List<String> own = new GradingJvm("256m", null).command(true, dir);
            if (Runtime.version().feature() < 25) {
                assertTrue(own.stream().anyMatch(a -> a.startsWith("-XX:ArchiveClassesAtExit=") && a.endsWith(".jsa")), own.toString());
            }
            java.nio.file.Path jdk25 = java.nio.file.Paths.get("/usr/lib/jvm/temurin-25-jdk-amd64");
            if (Files.isExecutable(jdk25.resolve("bin/java"))) {
                GradingJvm jvm = new GradingJvm("256m", jdk25.toString());
                List<String> cmd = jvm.command(true, dir);
                assertEquals(jdk25.resolve("bin/java").toString(), cmd.get(0));
                assertTrue(cmd.stream().anyMatch(a -> a.startsWith("-XX:AOTCacheOutput=") && a.endsWith(".aot")), cmd.toString());
                assertTrue(jvm.description().startsWith("JDK 25"), jvm.description());
            }
            assertThrows(IllegalArgumentException.class, () -> new GradingJvm("256m", dir.toString()));
        } finally {
            Grader.deleteTree(dir);
        }
    }
}
