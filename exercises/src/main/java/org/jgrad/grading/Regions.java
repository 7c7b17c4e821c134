package org.jgrad.grading;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * nbgrader's marked regions, line by line (a line containing the marker counts): solution
 * regions become a stub, hidden-test regions disappear.
 */
final class Regions {
    static final String BEGIN_SOLUTION = "BEGIN SOLUTION", END_SOLUTION = "END SOLUTION";
    static final String BEGIN_HIDDEN = "BEGIN HIDDEN TESTS", END_HIDDEN = "END HIDDEN TESTS";
    static final String STUB = "// YOUR CODE HERE";

    private static final Pattern INDENT = Pattern.compile("^\\s*");
    /** A value return: the method needs one to compile, so the stub throws instead. */
    private static final Pattern RETURNS_VALUE = Pattern.compile("^return\\b\\s*[^;\\s]");

    private Regions() {}

    /** Source with each solution region replaced by the stub; null when there was none. */
    static String replaceSolutions(String source, String gradeId, boolean code) {
        String[] lines = source.split("\n", -1);
        List<String> out = new ArrayList<>();
        boolean in = false, replaced = false;
        String indent = "";
        List<String> region = new ArrayList<>();
        for (String line : lines) {
            if (line.contains(BEGIN_SOLUTION)) {
                if (in) throw new IllegalArgumentException("a BEGIN SOLUTION inside another solution region");
                in = true;
                replaced = true;
                indent = indentOf(line);
                region.clear();
            } else if (line.contains(END_SOLUTION)) {
                if (!in) throw new IllegalArgumentException("an END SOLUTION without its BEGIN SOLUTION");
                in = false;
                out.addAll(stub(indent, region, gradeId, code));
            } else if (in) {
                region.add(line);
            } else {
                out.add(line);
            }
        }
        if (in) throw new IllegalArgumentException("a BEGIN SOLUTION without its END SOLUTION");
        return replaced ? String.join("\n", out) : null;
    }

    /** The stub for one region: the comment, and a throw when the region returned a value. */
    static List<String> stub(String indent, List<String> region, String gradeId, boolean code) {
        if (!code) return List.of(indent + "YOUR ANSWER HERE");
        List<String> stub = new ArrayList<>(List.of(indent + STUB));
        if (returnsValue(region)) {
            stub.add(indent + "throw new UnsupportedOperationException(\"exercise not done yet: " + gradeId + "\");");
        }
        return stub;
    }

    /** True when a line at the region's own (least) indentation is {@code return <value>}. */
    static boolean returnsValue(List<String> region) {
        int least = Integer.MAX_VALUE;
        for (String l : region) if (!l.isBlank()) least = Math.min(least, indentOf(l).length());
        for (String l : region) {
            if (l.isBlank() || indentOf(l).length() != least) continue;
            if (RETURNS_VALUE.matcher(l.strip()).find()) return true;
        }
        return false;
    }

    /** Source without its hidden-test regions; null when there was none. */
    static String removeHiddenTests(String source) {
        String[] lines = source.split("\n", -1);
        List<String> out = new ArrayList<>();
        boolean in = false, removed = false;
        for (String line : lines) {
            if (line.contains(BEGIN_HIDDEN)) {
                if (in) throw new IllegalArgumentException("a BEGIN HIDDEN TESTS inside another hidden-test region");
                in = true;
                removed = true;
            } else if (line.contains(END_HIDDEN)) {
                if (!in) throw new IllegalArgumentException("an END HIDDEN TESTS without its BEGIN HIDDEN TESTS");
                in = false;
            } else if (!in) {
                out.add(line);
            }
        }
        if (in) throw new IllegalArgumentException("a BEGIN HIDDEN TESTS without its END HIDDEN TESTS");
        return removed ? String.join("\n", out) : null;
    }

    private static String indentOf(String line) {
        Matcher m = INDENT.matcher(line);
        return m.find() ? m.group() : "";
    }
}
