package org.jgrad.grading;

import org.jgrad.kernel.eval.Evaluator;
import org.jgrad.kernel.runner.NotebookRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Checks as students meet them: in cells run by the kernel's evaluator, with no %jars line. */
class CheckInKernelTest {
    static String cell(String id, String source, int points) {
        String meta = points > 0
                ? "{\"nbgrader\": {\"grade\": true, \"solution\": false, \"locked\": true, \"points\": " + points + ", \"grade_id\": \"" + id + "\", \"schema_version\": 3}}"
                : "{}";
        return "{\"cell_type\": \"code\", \"id\": \"" + id + "\", \"metadata\": " + meta + ", \"outputs\": [], \"execution_count\": null, \"source\": "
                + Notebook.JSON.valueToTree(source) + "}";
    }

    @Test
    void cardsErrorsAndJUnitClasses(@TempDir Path tmp) throws IOException {
        String nb = "{\"nbformat\": 4, \"nbformat_minor\": 5, \"metadata\": {}, \"cells\": ["
                + cell("defs", "double twice(double x) { return 2 * x; }", 0) + ","
                + cell("pass", "Check.that(\"twice(2)\", () -> twice(2)).isCloseTo(4, 0);", 1) + ","
                + cell("fail", "Check.that(\"twice(3)\", () -> twice(3)).hint(\"two times three\").isCloseTo(7, 0);", 2) + ","
                + cell("junit", "import org.junit.jupiter.api.*;\nclass TwiceTests {\n  @Test void zero() { Assertions.assertEquals(0, twice(0)); }\n  @Test void wrong() { Assertions.assertEquals(5, twice(2)); }\n}\nCheck.tests(TwiceTests.class);", 3)
                + "]}";
        Path file = tmp.resolve("nb.ipynb");
        Files.writeString(file, nb);
        Notebook ran;
        try (Evaluator e = new Evaluator()) {
            ran = Notebook.read(new NotebookRunner(e, 60, true).run(file, tmp.resolve("out")).written());
        }
        var scores = Scores.of(ran);
        assertEquals(1.0, scores.get(0).points(), scores.get(0).toString());
        assertEquals(0.0, scores.get(1).points());
        assertEquals("CheckFailed: twice(3): expected 7, got 6", scores.get(1).reason());
        var failCell = ran.cells().get(2);
        String html = Notebook.source(Notebook.F.objectNode().set("source", failCell.path("outputs").get(0).path("data").path("text/html")));
        assertTrue(html.contains("✗ failed") && html.contains("two times three"), html);
        var err = failCell.path("outputs").get(1);
        assertEquals(1, err.path("traceback").size(), "one line, no Java stack trace: " + err);
        assertEquals(0.0, scores.get(2).points());
        assertTrue(scores.get(2).reason().contains("1 of 2 tests failed"), scores.get(2).reason());
        String junitOut = ran.cells().get(3).path("outputs").toString();
        assertTrue(junitOut.contains("passed: TwiceTests.zero()") && junitOut.contains("FAILED: TwiceTests.wrong()"), junitOut);
    }
}
