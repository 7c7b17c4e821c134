package org.jgrad.grading;

import java.util.Locale;
import java.util.Map;

/**
 * A student's feedback as one self-contained HTML page: the score, a section per graded cell
 * (passed or not, the points, why it failed, the visible test code and what the cell printed),
 * and what the grader changed (restored cells, refused code). Hidden tests never appear: not their
 * code (only the visible parts of a test cell are shown), not their output, not their messages.
 * Everything the student wrote or printed is escaped, so a printed "passed" card shows as text.
 */
final class FeedbackPage {
    private FeedbackPage() {}

    static String html(String assignment, NotebookGrade g, Map<String, String> visibleTestCode) {
        StringBuilder b = new StringBuilder();
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(esc(assignment + " / " + g.notebook() + " — " + g.student())).append("</title>\n<style>")
                .append("body{font-family:system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;color:#222}")
                .append(".part{border:1px solid #ccc;border-left:6px solid #999;border-radius:4px;margin:1rem 0;padding:.5rem 1rem}")
                .append(".passed{border-left-color:#2a7}.failed,.refused,.missing,.timed-out,.not-run{border-left-color:#c33}")
                .append(".partial{border-left-color:#e90}pre{background:#f6f6f6;padding:.5rem;overflow:auto;white-space:pre-wrap}")
                .append("</style></head><body>\n");
        b.append("<h1>").append(esc(assignment)).append(" — ").append(esc(g.notebook())).append("</h1>\n");
        b.append("<p>Student: <b>").append(esc(g.student())).append("</b></p>\n");
        b.append("<p class=\"score\">Score: <b>").append(num(g.score())).append(" / ").append(num(g.maxScore())).append("</b></p>\n");
        if (g.unreadable() != null) {
            b.append("<p class=\"part failed\">Your notebook could not be graded: ").append(esc(g.unreadable())).append("</p>\n");
        }
        if (!g.notes().isEmpty()) {
            b.append("<h2>What the grader changed</h2>\n<ul>\n");
            g.notes().forEach(n -> b.append("<li>").append(esc(n)).append("</li>\n"));
            b.append("</ul>\n");
        }
        for (NotebookGrade.Part p : g.parts()) {
            b.append("<div class=\"part ").append(p.status().replace(' ', '-')).append("\">\n<h3>").append(esc(p.gradeId()))
                    .append(" <small>(").append(esc(label(p.kind()))).append(")</small></h3>\n<p><b>").append(esc(p.status())).append("</b>");
            if (p.maxPoints() > 0) b.append(" — ").append(num(p.points())).append(" / ").append(num(p.maxPoints())).append(" points");
            b.append("</p>\n");
            if (p.message() != null) b.append("<p>").append(esc(p.message())).append("</p>\n");
            String code = visibleTestCode.get(p.gradeId());
            if (code != null && !code.isBlank() && p.kind().equals("test") && !p.status().equals("passed")) {
                b.append("<details><summary>the test (hidden tests not shown)</summary><pre>").append(esc(code.strip())).append("</pre></details>\n");
            }
            if (p.output() != null && !p.output().isBlank()) {
                b.append("<details><summary>output</summary><pre>").append(esc(p.output())).append("</pre></details>\n");
            }
            b.append("</div>\n");
        }
        b.append("</body></html>\n");
        return b.toString();
    }

    private static String label(String kind) {
        return switch (kind) {
            case "test" -> "test";
            case "answer" -> "your answer";
            case "manual" -> "graded by hand";
            default -> "set-up";
        };
    }

    static String num(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.2f", v);
    }

    static String esc(String s) {
        return org.jgrad.kernel.render.Renderers.html(s);
    }
}
