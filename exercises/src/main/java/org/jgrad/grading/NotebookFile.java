package org.jgrad.grading;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A notebook read for grading: its cells with their nbgrader metadata. Reading never trusts the
 * file: what is not JSON, or JSON that is not an nbformat 4 notebook, is refused with the reason.
 */
public record NotebookFile(List<Cell> cells) {
    static final ObjectMapper JSON = new ObjectMapper();

    /** One cell as nbgrader sees it (schema 3: grade, grade_id, points, solution, locked, task). */
    public record Cell(int index, String id, String type, String source, String gradeId, boolean grade, boolean solution,
                       boolean locked, boolean task, double points) {
        public boolean isCode() { return "code".equals(type); }
        /** An autograded test cell: graded, code, not a solution. */
        public boolean isTest() { return grade && !solution && isCode(); }
    }

    /** The file is not a notebook we can grade; the message says why. */
    public static final class Unreadable extends IOException {
        public Unreadable(String message) { super(message); }
    }

    public static NotebookFile read(Path path) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (IOException e) {
            throw new Unreadable("cannot read " + path.getFileName() + ": " + e.getMessage());
        }
        return parse(bytes, path.getFileName().toString());
    }

    public static NotebookFile parse(byte[] bytes, String name) throws Unreadable {
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new Unreadable(name + " is not valid JSON (" + e.getOriginalMessage() + " at line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
        } catch (IOException e) {
            throw new Unreadable(name + " cannot be read: " + e.getMessage());
        }
        if (root == null || !root.isObject()) throw new Unreadable(name + " is JSON but not a notebook (not an object)");
        if (root.path("nbformat").asInt(0) != 4) {
            throw new Unreadable(name + " is not an nbformat 4 notebook (nbformat is " + root.path("nbformat") + ")");
        }
        JsonNode cells = root.get("cells");
        if (cells == null || !cells.isArray()) throw new Unreadable(name + " is not a notebook: it has no list of cells");
        List<Cell> out = new ArrayList<>();
        for (int i = 0; i < cells.size(); i++) {
            JsonNode c = cells.get(i);
            if (!c.isObject()) throw new Unreadable(name + ": cell " + i + " is not an object");
            JsonNode nb = c.path("metadata").path("nbgrader");
            String gradeId = nb.path("grade_id").isTextual() ? nb.path("grade_id").asText() : null;
            String id = c.path("id").isTextual() ? c.path("id").asText() : null;
            out.add(new Cell(i, id, c.path("cell_type").asText("?"), text(c.get("source")), gradeId,
                    nb.path("grade").asBoolean(false), nb.path("solution").asBoolean(false),
                    nb.path("locked").asBoolean(false), nb.path("task").asBoolean(false),
                    nb.path("points").asDouble(0)));
        }
        return new NotebookFile(List.copyOf(out));
    }

    /** nbformat keeps multi-line strings as a list of lines or as one string. */
    static String text(JsonNode source) {
        if (source == null || source.isNull()) return "";
        if (source.isArray()) {
            StringBuilder b = new StringBuilder();
            source.forEach(n -> b.append(n.asText()));
            return b.toString();
        }
        return source.asText();
    }

    /** Total points of the autograded test cells. */
    public double maxPoints() {
        return cells.stream().filter(c -> c.grade() && c.isCode()).mapToDouble(Cell::points).sum();
    }
}
