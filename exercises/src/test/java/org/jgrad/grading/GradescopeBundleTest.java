package org.jgrad.grading;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Gradescope bundle, run as Gradescope runs it: unzipped into /autograder/source of a
 * directory laid out as Gradescope's (moved by GRADESCOPE_ROOT), the submission in
 * /autograder/submission, run_autograder started, results.json read back.
 */
class GradescopeBundleTest {
    @TempDir
    Path tmp;

    @Test
    void runAutograderWritesGradescopesResultsJson() throws Exception {
        Path zip = tmp.resolve("sigmoid-gradescope.zip");
        GradescopeBundle.write(Assignment.find(GradingEndToEndTest.FIXTURES.resolve("sigmoid").toString(), tmp), zip);
        List<String> names = unzip(zip, tmp.resolve("autograder/source"));
        assertTrue(names.containsAll(List.of("setup.sh", "run_autograder", "assignment/sigmoid.ipynb")), names.toString());

        JsonNode partial = autograde(GradingEndToEndTest.FIXTURES.resolve("submissions/partial/sigmoid.ipynb"));
        assertEquals(2.0, partial.path("score").asDouble(), partial.toPrettyString());
        List<String> tests = new ArrayList<>();
        for (JsonNode t : partial.path("tests")) {
            tests.add(t.path("name").asText() + "=" + t.path("score").asDouble() + "/" + t.path("max_score").asDouble());
            assertEquals("visible", t.path("visibility").asText());
        }
        assertTrue(tests.containsAll(List.of("test_sigmoid=2.0/2.0", "test_grad=0.0/3.0", "test_normalize=0.0/5.0")), tests.toString());
        assertFalse(partial.toString().contains("HIDDEN-SECRET"));

        JsonNode wrong = autograde(GradingEndToEndTest.FIXTURES.resolve("submissions/wrong/sigmoid.ipynb"));
        assertEquals(0.0, wrong.path("score").asDouble());
        assertTrue(wrong.toString().contains("a hidden test failed"), wrong.toPrettyString());
        assertFalse(wrong.toString().contains("HIDDEN-SECRET"));

        JsonNode broken = autograde(GradingEndToEndTest.FIXTURES.resolve("hostile/invalid_json/sigmoid.ipynb"));
        assertEquals(0.0, broken.path("score").asDouble());
        assertTrue(broken.path("output").asText().contains("not valid JSON"), broken.toPrettyString());
    }

    private JsonNode autograde(Path submission) throws IOException, InterruptedException {
        Path root = tmp.resolve("autograder");
        Grader.deleteTree(root.resolve("submission"));
        Grader.deleteTree(root.resolve("results"));
        Files.createDirectories(root.resolve("submission"));
        Files.copy(submission, root.resolve("submission/sigmoid.ipynb"));
        ProcessBuilder pb = new ProcessBuilder("bash", root.resolve("source/run_autograder").toString())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("run.log").toFile());
        Map<String, String> env = pb.environment();
        env.put("GRADESCOPE_ROOT", root.toString());
        env.put("JAVA_HOME", System.getProperty("java.home"));
        Process p = pb.start();
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "run_autograder did not finish");
        assertEquals(0, p.exitValue(), Files.readString(tmp.resolve("run.log")));
        return NotebookFile.JSON.readTree(root.resolve("results/results.json").toFile());
    }

    static List<String> unzip(Path zip, Path to) throws IOException {
        List<String> names = new ArrayList<>();
        try (ZipInputStream z = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e; (e = z.getNextEntry()) != null; ) {
                Path t = to.resolve(e.getName());
                Files.createDirectories(t.getParent());
                Files.copy(z, t);
                names.add(e.getName());
            }
        }
        return names;
    }
}
