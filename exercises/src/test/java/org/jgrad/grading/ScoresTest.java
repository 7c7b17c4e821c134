package org.jgrad.grading;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** nbgrader's determine_grade, case by case. */
class ScoresTest {
    static Scores.CellScore grade(String outputs) throws IOException {
        String nb = "{\"nbformat\": 4, \"nbformat_minor\": 5, \"metadata\": {}, \"cells\": [{\"cell_type\": \"code\", \"id\": \"t\", \"source\": \"x\","
                + "\"metadata\": {\"nbgrader\": {\"grade\": true, \"solution\": false, \"locked\": true, \"points\": 3, \"grade_id\": \"t\", \"schema_version\": 3}},"
                + "\"outputs\": " + outputs + "}]}";
        List<Scores.CellScore> s = Scores.of(Notebook.parse(nb, "test"));
        return s.get(0);
    }

    @Test
    void rules() throws IOException {
        assertEquals(3.0, grade("[]").points());
        assertEquals(3.0, grade("[{\"output_type\": \"display_data\", \"data\": {\"text/plain\": \"ok\"}}]").points());
        assertEquals(0.0, grade("[{\"output_type\": \"error\", \"ename\": \"CheckFailed\", \"evalue\": \"x\", \"traceback\": []}]").points());
        assertEquals(0.0, grade("[{\"output_type\": \"stream\", \"name\": \"stderr\", \"text\": \"warn\"}]").points());
        assertEquals(3.0, grade("[{\"output_type\": \"stream\", \"name\": \"stdout\", \"text\": \"fine\"}]").points());
        assertEquals(1.5, grade("[{\"output_type\": \"execute_result\", \"data\": {\"text/plain\": \"1.5\"}}]").points());
        assertEquals(3.0, grade("[{\"output_type\": \"execute_result\", \"data\": {\"text/plain\": \"passed\"}}]").points());
        assertEquals(3.0, grade("[{\"output_type\": \"execute_result\", \"data\": {\"text/plain\": \"-1\"}}]").points());
        assertEquals(3.0, grade("[{\"output_type\": \"execute_result\", \"data\": {\"text/plain\": [\"1\", \"2\"]}}]").points());
        assertThrows(IllegalArgumentException.class, () -> grade("[{\"output_type\": \"execute_result\", \"data\": {\"text/plain\": \"4\"}}]"));
        // the first decisive output wins, as in nbgrader's loop
        assertEquals(2.0, grade("[{\"output_type\": \"execute_result\", \"data\": {\"text/plain\": \"2\"}}, {\"output_type\": \"error\", \"ename\": \"E\", \"evalue\": \"\", \"traceback\": []}]").points());
    }

    @Test
    void answerCellsAreZeroWhenUnchangedElseManual() throws IOException {
        String cell = "{\"cell_type\": \"code\", \"id\": \"a\", \"source\": \"// YOUR CODE HERE\", \"outputs\": [],"
                + "\"metadata\": {\"nbgrader\": {\"grade\": true, \"solution\": true, \"locked\": false, \"points\": 2, \"grade_id\": \"a\", \"schema_version\": 3}}}";
        Notebook nb = Notebook.parse("{\"nbformat\": 4, \"nbformat_minor\": 5, \"metadata\": {}, \"cells\": [" + cell + "]}", "test");
        Notebook.nbgrader(nb.cells().get(0)).put("checksum", Checksum.of(nb.cells().get(0)));
        assertEquals(0.0, Scores.of(nb).get(0).points());
        Notebook.setSource(nb.cells().get(0), "int answer = 42;");
        assertNull(Scores.of(nb).get(0).points());
    }

    @Test
    void notANotebookSaysWhy() {
        var e = assertThrows(IOException.class, () -> Notebook.parse("{\"cells\": [", "sub.ipynb"));
        assertEquals(true, e.getMessage().startsWith("sub.ipynb is not a notebook: not valid JSON"));
        var e2 = assertThrows(IOException.class, () -> Notebook.parse("[1, 2]", "sub.ipynb"));
        assertEquals("sub.ipynb is not a notebook: no \"cells\" list", e2.getMessage());
    }
}
