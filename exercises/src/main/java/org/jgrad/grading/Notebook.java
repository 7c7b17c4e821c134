package org.jgrad.grading;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jgrad.kernel.runner.NotebookRunner;

/** An .ipynb file as JSON: reading it with errors that say what is wrong, its cells, and writing it as nbformat does. */
public final class Notebook {
    static final ObjectMapper JSON = new ObjectMapper();
    static final JsonNodeFactory F = JsonNodeFactory.instance;

    private final ObjectNode root;

    public Notebook(ObjectNode root) { this.root = root; }

    /** Reads a notebook; an {@link IOException} says why the file is not a usable nbformat 4 notebook. */
    public static Notebook read(Path file) throws IOException {
        String text;
        try {
            text = Files.readString(file);
        } catch (java.nio.charset.MalformedInputException e) {
            throw new IOException(file + " is not a notebook: it is not UTF-8 text");
        }
        return parse(text, file.toString());
    }

    public static Notebook parse(String text, String where) throws IOException {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IOException(where + " is not a notebook: not valid JSON (" + e.getOriginalMessage() + " at line "
                    + e.getLocation().getLineNr() + ")");
        }
        if (!(node instanceof ObjectNode o) || !o.path("cells").isArray()) {
            throw new IOException(where + " is not a notebook: no \"cells\" list");
        }
        if (o.path("nbformat").asInt(0) != 4) {
            throw new IOException(where + " is not an nbformat 4 notebook (nbformat = " + o.path("nbformat") + ")");
        }
        for (JsonNode c : o.get("cells")) {
            if (!c.isObject() || !c.path("cell_type").isTextual()) throw new IOException(where + " is not a notebook: a cell without cell_type");
        }
        return new Notebook(o);
    }

    public ObjectNode json() { return root; }

    public List<ObjectNode> cells() {
        List<ObjectNode> out = new ArrayList<>();
        root.get("cells").forEach(c -> out.add((ObjectNode) c));
        return out;
    }

    public Notebook copy() { return new Notebook(root.deepCopy()); }

    /** The cell's source as one string (nbformat stores a string or a list of lines). */
    public static String source(JsonNode cell) {
        JsonNode s = cell.get("source");
        if (s == null || s.isNull()) return "";
        if (s.isArray()) {
            StringBuilder b = new StringBuilder();
            s.forEach(n -> b.append(n.asText()));
            return b.toString();
        }
        return s.asText();
    }

    public static void setSource(ObjectNode cell, String source) { cell.set("source", NotebookRunner.lines(source)); }

    /** The cell's {@code metadata.nbgrader}, or null. */
    public static ObjectNode nbgrader(JsonNode cell) {
        JsonNode m = cell.path("metadata").get("nbgrader");
        return m instanceof ObjectNode o ? o : null;
    }

    public static String gradeId(JsonNode cell) {
        ObjectNode m = nbgrader(cell);
        return m == null || !m.hasNonNull("grade_id") ? null : m.get("grade_id").asText();
    }

    // nbgrader's utils.is_grade / is_solution / is_locked
    public static boolean isGrade(JsonNode cell) { ObjectNode m = nbgrader(cell); return m != null && m.path("grade").asBoolean(false); }

    public static boolean isSolution(JsonNode cell) { ObjectNode m = nbgrader(cell); return m != null && m.path("solution").asBoolean(false); }

    public static boolean isLocked(JsonNode cell) {
        ObjectNode m = nbgrader(cell);
        if (m == null || isSolution(cell)) return false;
        return isGrade(cell) || m.path("locked").asBoolean(false);
    }

    public static double points(JsonNode cell) {
        ObjectNode m = nbgrader(cell);
        return m == null ? 0 : m.path("points").asDouble(0);
    }

    /** As nbformat writes: keys sorted, one-space indent, non-ASCII kept, a final newline. */
    public String toText() {
        try {
            DefaultPrettyPrinter pp = new DefaultPrettyPrinter(Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                    .withObjectEmptySeparator("").withArrayEmptySeparator(""));
            DefaultIndenter one = new DefaultIndenter(" ", "\n");
            pp.indentObjectsWith(one);
            pp.indentArraysWith(one);
            return JSON.writer(pp).writeValueAsString(sorted(root)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public void write(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, toText());
    }

    private static JsonNode sorted(JsonNode n) {
        if (n.isObject()) {
            Map<String, JsonNode> m = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                m.put(e.getKey(), sorted(e.getValue()));
            }
            ObjectNode o = F.objectNode();
            m.forEach(o::set);
            return o;
        }
        if (n.isArray()) {
            ArrayNode a = F.arrayNode();
            n.forEach(x -> a.add(sorted(x)));
            return a;
        }
        return n;
    }
}
