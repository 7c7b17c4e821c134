package org.jgrad.kernel;

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
 * its committed outputs are the ones a fresh run gives (readers see what the code does).
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
        for (Path nb : notebooks) {
            try (Evaluator ev = new Evaluator()) {
                ev.setWorkDir(NOTEBOOKS);
                NotebookRunner.Result r = new NotebookRunner(ev, 120, false).run(nb, out);
                assertTrue(r.ok(), nb + ": cell " + r.failedCell() + " failed: " + r.error());
            }
            JsonNode committed = json.readTree(nb.toFile());
            JsonNode fresh = json.readTree(out.resolve(nb.getFileName()).toFile());
            assertEquals(outputs(committed), outputs(fresh), nb + ": committed outputs are stale; run ./course run " + nb);
        }
    }

    private static String outputs(JsonNode notebook) {
        StringBuilder sb = new StringBuilder();
        for (JsonNode cell : notebook.get("cells")) {
            if (cell.has("outputs")) {
                sb.append(cell.get("outputs")).append('\n');
            }
        }
        return sb.toString();
    }
}
