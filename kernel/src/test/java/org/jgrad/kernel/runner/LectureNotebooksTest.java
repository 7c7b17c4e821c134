package org.jgrad.kernel.runner;

import org.jgrad.kernel.eval.Evaluator;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every lecture notebook in notebooks/ runs without an error through the headless runner, and
 * its committed outputs are the ones a fresh run gives (readers see what the code does). The course's
 * budget is part of what a student relies on: each notebook runs in under a minute, the whole course
 * in under five (the budgets are generous on purpose; ./course bench course has the exact figures).
 */
class LectureNotebooksTest {

    private static final Path NOTEBOOKS = Path.of("..", "notebooks");

    @Test
    void everyNotebookRunsAndItsCommittedOutputsAreFresh(@TempDir Path out) throws Exception {
        List<Path> notebooks;
        try (Stream<Path> files = Files.list(NOTEBOOKS)) {
            notebooks = files.filter(p -> p.toString().endsWith(".ipynb")).sorted().toList();
        }
        assertFalse(notebooks.isEmpty(), "notebooks/ has lecture notebooks");
        ObjectMapper json = new ObjectMapper();
        long courseStart = System.nanoTime();
        StringBuilder times = new StringBuilder();
        for (Path nb : notebooks) {
            long start = System.nanoTime();
            try (Evaluator ev = new Evaluator()) {
                ev.setWorkDir(NOTEBOOKS);
                NotebookRunner.Result r = new NotebookRunner(ev, 120, false).run(nb, out);
                assertTrue(r.ok(), nb + ": cell " + r.failedCell() + " failed: " + r.error());
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            times.append(String.format("%n  %5.1f s  %s", seconds, nb.getFileName()));
            assertTrue(seconds < 60, nb + " took " + Math.round(seconds) + " s to run; a notebook must run in under 60 s");
            JsonNode committed = json.readTree(nb.toFile());
            JsonNode fresh = json.readTree(out.resolve(nb.getFileName()).toFile());
            assertEquals(outputs(committed), outputs(fresh), nb + ": committed outputs are stale; run ./course run " + nb);
        }
        double course = (System.nanoTime() - courseStart) / 1e9;
        System.out.printf("lecture notebooks, run time each:%s%n  %5.1f s  the whole course%n", times, course);
        assertTrue(course < 300, "the whole course took " + Math.round(course) + " s; it must run in under 5 minutes" + times);
    }

    private static String outputs(JsonNode notebook) {
        StringBuilder sb = new StringBuilder();
        for (JsonNode cell : notebook.get("cells")) {
            if (cell.has("outputs")) {
                sb.append(cell.get("outputs")).append('\n');
            }
        }
        return pngsAsSizes(sb.toString());
    }

    private static final java.util.regex.Pattern PNG = java.util.regex.Pattern.compile("iVBORw0KGgo[A-Za-z0-9+/=]*");

    /**
     * Every base64 PNG (bare image/png, and inside a figure's HTML) as "PNG w×h": its pixels depend on
     * the fonts Java2D finds on the machine, the rest of an output does not.
     */
    static String pngsAsSizes(String outputs) {
        return PNG.matcher(outputs).replaceAll(m -> {
            byte[] head = java.util.Base64.getDecoder().decode(m.group().substring(0, 32));
            java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(head);
            return "PNG " + b.getInt(16) + "x" + b.getInt(20);
        });
    }

    @Test
    void pngsCompareByTheirSizeOnly() {
        String png = java.util.Base64.getEncoder().encodeToString(org.jgrad.plot.Rasterizer.png(
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"30\" height=\"20\"><rect width=\"5\" height=\"5\"/></svg>").bytes());
        assertEquals("{\"image/png\":[\"PNG 30x20\"],\"text/html\":[\"<img src=\\\"data:image/png;base64,PNG 30x20\\\">\"]}",
                pngsAsSizes("{\"image/png\":[\"" + png + "\"],\"text/html\":[\"<img src=\\\"data:image/png;base64," + png + "\\\">\"]}"));
    }
}
