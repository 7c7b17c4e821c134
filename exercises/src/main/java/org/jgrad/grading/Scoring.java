package org.jgrad.grading;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Points per cell, by nbgrader's rules (so its scores equal ours): a test cell earns its points
 * unless it ended with an error or wrote to stderr; a test cell whose last expression is a number
 * earns that many points (partial credit, kept between 0 and the cell's points). A solution cell
 * that is also graded needs an instructor (nbgrader's manual grading) and earns nothing here.
 */
final class Scoring {
    private Scoring() {}

    static NotebookGrade grade(String student, String notebook, String fingerprint, GradingPlan plan,
                               Map<Integer, ObjectNode> results, double timeoutSeconds) {
        List<NotebookGrade.Part> parts = new ArrayList<>();
        double score = 0, max = 0;
        for (GradingPlan.Step s : plan.steps()) {
            ObjectNode r = results.get(s.index());
            String output = r == null ? "" : r.path("output").asText("");
            switch (s.kind()) {
                case TEST -> {
                    max += s.points();
                    double earned = 0;
                    String status, message = null;
                    if (r == null) {
                        status = "not run";
                        message = "this test did not run";
                    } else if (!r.path("status").asText().equals("ok")) {
                        status = r.path("status").asText().equals("timeout") ? "timed out" : "failed";
                        message = failure(r, timeoutSeconds);
                    } else if (r.path("stderr").asBoolean()) {
                        status = "failed";
                        message = "the cell wrote to standard error (a graded cell must not; nbgrader counts it as a failure)";
                    } else {
                        earned = partial(r.path("result").isTextual() ? r.path("result").asText() : null, s.points());
                        status = earned == s.points() ? "passed" : "partial";
                    }
                    score += earned;
                    parts.add(new NotebookGrade.Part(s.gradeId(), "test", earned, s.points(), status, message, output));
                }
                case SOLUTION, MANUAL -> {
                    boolean manual = s.kind() == GradingPlan.Kind.MANUAL;
                    if (manual) max += s.points();
                    String status, message = null;
                    if (s.problem() != null) {
                        status = s.problem().startsWith("your answer cell was not run") ? "refused" : "missing";
                        message = s.problem();
                    } else if (r == null) {
                        status = "not run";
                    } else if (!r.path("status").asText().equals("ok")) {
                        status = "failed";
                        message = failure(r, timeoutSeconds);
                    } else {
                        status = "ran";
                    }
                    if (r != null && r.has("shadowed")) {
                        List<String> names = new ArrayList<>();
                        r.path("shadowed").forEach(n -> names.add(n.asText()));
                        message = (message == null ? "" : message + "; ") + "declared " + String.join(", ", names)
                                + ", a name the tests use: that declaration was removed before the tests ran";
                    }
                    if (manual) message = (message == null ? "" : message + "; ") + "needs manual grading";
                    parts.add(new NotebookGrade.Part(s.gradeId(), manual ? "manual" : "answer", 0, manual ? s.points() : 0, status, message, output));
                }
                case CODE -> {
                    if (r != null && !r.path("status").asText().equals("ok")) {
                        // an instructor's cell failed: said once, so a broken set-up is not blamed on the student silently
                        parts.add(new NotebookGrade.Part(s.gradeId() == null ? "cell " + s.index() : s.gradeId(), "setup", 0, 0,
                                "failed", failure(r, timeoutSeconds), output));
                    }
                }
            }
        }
        return new NotebookGrade(student, notebook, fingerprint, round(score), round(max), List.copyOf(parts), plan.notes(), null);
    }

    static String failure(ObjectNode r, double timeoutSeconds) {
        if (r.path("hiddenFailed").asBoolean()) return "a hidden test failed";
        return switch (r.path("status").asText()) {
            case "timeout" -> "stopped after " + timeoutSeconds + " s (an endless loop, or far too slow)";
            case "crashed" -> r.path("evalue").asText();
            default -> r.path("ename").asText("Error") + ": " + r.path("evalue").asText("");
        };
    }

    /** nbgrader's get_partial_grade: a numeric result is the points, clamped; anything else is full marks. */
    static double partial(String result, double points) {
        if (result == null) return points;
        try {
            double v = Double.parseDouble(result.strip());
            if (Double.isNaN(v)) return points;
            return Math.max(0, Math.min(points, v));
        } catch (NumberFormatException e) {
            return points;
        }
    }

    static double round(double v) {
        return Math.round(v * 1e6) / 1e6;
    }
}
