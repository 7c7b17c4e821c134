package org.jgrad.grading;

/**
 * The outcome of one check, shown as a result card: passed or failed, what was expected (with
 * its tolerance), what the student's code gave, and a hint. All strings are made by
 * {@link Values}, never by the student's toString.
 */
public record CheckResult(String name, boolean passed, String expected, String actual, String hint, String problem) {

    /** The card as text: one line, then the details of a failure. */
    public String text() {
        StringBuilder b = new StringBuilder();
        b.append(passed ? "✓ passed: " : "✗ FAILED: ").append(name);
        if (passed) {
            if (actual != null) b.append(" = ").append(actual);
            if (expected != null) b.append(" (expected ").append(expected).append(')');
        } else {
            if (expected != null) b.append("\n    expected: ").append(expected);
            if (actual != null) b.append("\n    actual:   ").append(actual);
            if (problem != null) b.append("\n    problem:  ").append(problem);
            if (hint != null) b.append("\n    hint:     ").append(hint);
        }
        return b.toString();
    }

    /** The card as HTML, escaped: a green or red box. */
    public String html() {
        String colour = passed ? "#1a7f37" : "#cf222e";
        String bg = passed ? "#f0fff4" : "#fff5f5";
        StringBuilder b = new StringBuilder();
        b.append("<div class=\"jgrad-check\" style=\"border-left:4px solid ").append(colour).append(";background:").append(bg)
                .append(";padding:4px 10px;margin:2px 0;font-family:sans-serif;font-size:13px\">");
        b.append("<b style=\"color:").append(colour).append("\">").append(passed ? "✓ passed" : "✗ failed").append("</b> ")
                .append(esc(name));
        if (passed) {
            if (actual != null) b.append(" = <code>").append(esc(actual)).append("</code>");
            if (expected != null) b.append(" <span style=\"color:#666\">(expected <code>").append(esc(expected)).append("</code>)</span>");
        } else {
            b.append("<table style=\"margin:2px 0 2px 8px;border:none\">");
            row(b, "expected", expected);
            row(b, "actual", actual);
            row(b, "problem", problem);
            row(b, "hint", hint);
            b.append("</table>");
        }
        return b.append("</div>").toString();
    }

    private static void row(StringBuilder b, String label, String value) {
        if (value == null) return;
        b.append("<tr><td style=\"color:#666;text-align:left;border:none\">").append(label)
                .append("</td><td style=\"text-align:left;border:none\"><code>").append(esc(value)).append("</code></td></tr>");
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
