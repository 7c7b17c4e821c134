package org.jgrad.grading;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Points per grade_id of an executed notebook, by nbgrader's rules ({@code utils.determine_grade}).
 * The notebook's nbgrader metadata is trusted: a grader restores the instructor's cells and
 * metadata first, as nbgrader's OverwriteCells does.
 */
public final class Scores {
    private Scores() {}

    /** One grade cell's result: points is null when the cell awaits a manual grade. */
    public record CellScore(String gradeId, Double points, double maxPoints, String reason) {
        public boolean full() { return points != null && points == maxPoints; }
    }

    /** The grade cells, in notebook order. */
    public static List<CellScore> of(Notebook nb) {
        List<CellScore> out = new ArrayList<>();
        for (ObjectNode cell : nb.cells()) {
            if (Notebook.isGrade(cell)) out.add(grade(cell));
        }
        return out;
    }

    /** grade_id → points (nulls, awaiting manual grading, left out). */
    public static Map<String, Double> byGradeId(Notebook nb) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (CellScore s : of(nb)) if (s.points() != null) m.put(s.gradeId(), s.points());
        return m;
    }

    public static double total(List<CellScore> scores) {
        return scores.stream().filter(s -> s.points() != null).mapToDouble(CellScore::points).sum();
    }

    public static double possible(List<CellScore> scores) {
        return scores.stream().mapToDouble(CellScore::maxPoints).sum();
    }

    /** determine_grade for one grade cell. */
    public static CellScore grade(JsonNode cell) {
        String id = Notebook.gradeId(cell);
        double max = Notebook.points(cell);
        if (Notebook.isSolution(cell)) {
            ObjectNode m = Notebook.nbgrader(cell);
            // an unchanged answer cell (same checksum as released) was not answered
            if (m.hasNonNull("checksum") && m.get("checksum").asText().equals(Checksum.of(cell))) {
                return new CellScore(id, 0.0, max, "not answered (the cell is as released)");
            }
            return new CellScore(id, null, max, "needs a manual grade");
        }
        if (!"code".equals(cell.path("cell_type").asText())) return new CellScore(id, null, max, "needs a manual grade");
        for (JsonNode o : cell.path("outputs")) {
            String type = o.path("output_type").asText();
            if (type.equals("error")) {
                return new CellScore(id, 0.0, max, o.path("ename").asText() + ": " + o.path("evalue").asText());
            }
            if (type.equals("stream") && o.path("name").asText().equals("stderr")) {
                return new CellScore(id, 0.0, max, "wrote to stderr: " + Values.shorten(streamText(o).strip(), 200));
            }
            if (type.equals("execute_result")) return partial(id, max, o);
        }
        return new CellScore(id, max, max, "passed");
    }

    private static String streamText(JsonNode streamOutput) {
        return Notebook.source(Notebook.F.objectNode().set("source", streamOutput.get("text")));
    }

    /** get_partial_grade: a single number in text/plain is the cell's points; anything else is full marks. */
    private static CellScore partial(String id, double max, JsonNode output) {
        JsonNode plain = output.path("data").get("text/plain");
        if (plain == null || plain.isNull() || (plain.isTextual() && plain.asText().isEmpty()) || (plain.isArray() && plain.isEmpty())) {
            throw new IllegalArgumentException("grade cell " + id + ": an execute_result without text/plain (nbgrader fails on it too)");
        }
        String text;
        if (plain.isArray()) {
            if (plain.size() > 1) return new CellScore(id, max, max, "passed (a result of several lines counts as full marks)");
            text = plain.get(0).asText();
        } else {
            text = plain.asText();
        }
        double g;
        try {
            g = pythonFloat(text);
        } catch (NumberFormatException e) {
            return new CellScore(id, max, max, "passed");
        }
        if (g >= 0) {
            if (g > max) throw new IllegalArgumentException("grade cell " + id + ": partial credit " + text + " is more than its " + max + " points");
            return new CellScore(id, g, max, g == max ? "passed" : "partial credit " + Values.fmt(g));
        }
        return new CellScore(id, max, max, "passed");   // nbgrader: a negative number counts as full marks (with a warning)
    }

    /** Python's float(str): surrounding whitespace, inf, nan and underscores between digits allowed. */
    static double pythonFloat(String s) {
        String t = s.strip().toLowerCase(java.util.Locale.ROOT);
        String unsigned = t.startsWith("-") || t.startsWith("+") ? t.substring(1) : t;
        if (unsigned.equals("inf") || unsigned.equals("infinity")) return t.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        if (unsigned.equals("nan")) return Double.NaN;
        if (!t.matches("[+-]?(\\d(_?\\d)*)?(\\.(\\d(_?\\d)*)?)?(e[+-]?\\d(_?\\d)*)?") || !t.matches(".*\\d.*")) throw new NumberFormatException(s);
        if (t.matches("[+-]?\\.?e.*")) throw new NumberFormatException(s);
        return Double.parseDouble(t.replace("_", ""));
    }
}
