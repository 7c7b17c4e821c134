package org.jgrad.grading;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The gradebook of an assignment, assembled from the per-submission results: gradebook.csv (a row
 * per student: total, maximum, then the points of each test cell) and gradebook.json (the same
 * with every cell's status and message). Sorted by student and written atomically, so the same
 * results always give the same bytes and a reader never sees half a file.
 */
final class Gradebook {
    private Gradebook() {}

    static void write(Path dir, String assignment, List<NotebookGrade> grades, Map<String, Double> maxByNotebook) throws IOException {
        Map<String, List<NotebookGrade>> byStudent = new TreeMap<>();
        for (NotebookGrade g : grades) byStudent.computeIfAbsent(g.student(), k -> new ArrayList<>()).add(g);
        byStudent.values().forEach(l -> l.sort(Comparator.comparing(NotebookGrade::notebook)));
        boolean oneNotebook = maxByNotebook.size() == 1;
        double max = maxByNotebook.values().stream().mapToDouble(Double::doubleValue).sum();

        Set<String> columns = new LinkedHashSet<>();
        for (NotebookGrade g : grades.stream().sorted(Comparator.comparing(NotebookGrade::notebook)).toList()) {
            for (NotebookGrade.Part p : g.parts()) {
                if (p.kind().equals("test") || p.kind().equals("manual")) columns.add(column(oneNotebook, g.notebook(), p.gradeId()));
            }
        }
        StringBuilder csv = new StringBuilder("student,score,max_score");
        columns.forEach(c -> csv.append(',').append(csv(c)));
        csv.append(",notes\n");
        ArrayNode students = JsonNodeFactory.instance.arrayNode();
        for (var e : byStudent.entrySet()) {
            double score = 0;
            Map<String, Double> points = new LinkedHashMap<>();
            List<String> notes = new ArrayList<>();
            ObjectNode s = students.addObject();
            s.put("student", e.getKey());
            ArrayNode nbs = JsonNodeFactory.instance.arrayNode();
            for (NotebookGrade g : e.getValue()) {
                score += g.score();
                for (NotebookGrade.Part p : g.parts()) points.put(column(oneNotebook, g.notebook(), p.gradeId()), p.points());
                if (g.unreadable() != null) notes.add(g.notebook() + ": " + g.unreadable());
                g.notes().forEach(n -> notes.add(oneNotebook ? n : g.notebook() + ": " + n));
                nbs.add(NotebookFile.JSON.valueToTree(g));
            }
            score = Scoring.round(score);
            s.put("score", score);
            s.put("max_score", max);
            s.set("notebooks", nbs);
            csv.append(csv(e.getKey())).append(',').append(FeedbackPage.num(score)).append(',').append(FeedbackPage.num(max));
            for (String c : columns) csv.append(',').append(points.containsKey(c) ? FeedbackPage.num(points.get(c)) : "0");
            csv.append(',').append(csv(String.join("; ", notes))).append('\n');
        }
        ObjectNode book = JsonNodeFactory.instance.objectNode();
        book.put("assignment", assignment);
        book.put("max_score", max);
        book.set("students", students);
        AtomicFiles.write(dir.resolve("gradebook.csv"), csv.toString());
        AtomicFiles.write(dir.resolve("gradebook.json"),
                NotebookFile.JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(book) + "\n");
    }

    private static String column(boolean oneNotebook, String notebook, String gradeId) {
        return oneNotebook ? gradeId : notebook + ":" + gradeId;
    }

    static String csv(String s) {
        if (s.isEmpty() || s.chars().noneMatch(c -> c == ',' || c == '"' || c == '\n' || c == '\r')) {
            // a leading =, +, - or @ would be a formula in a spreadsheet
            return !s.isEmpty() && "=+-@".indexOf(s.charAt(0)) >= 0 ? "'" + s : s;
        }
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }
}
