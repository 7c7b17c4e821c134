package org.jgrad.grading;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names a student's cell may not declare, found in the instructor's notebook: every name
 * the test and set-up cells use (Math, Check, assertEquals, a helper ...), except those the
 * instructor's own answer cells declare (the student is meant to define sigmoid or dyda). JShell
 * would let a student's class Math or method assertEquals take the place of the real one in the
 * tests; the grading JVM drops such declarations ({@link SubmissionMain}).
 */
record ReservedNames(Set<String> reserved, Set<String> intended) {
    private static final Pattern COMMENTS_AND_STRINGS = Pattern.compile(
            "//[^\\n]*|/\\*.*?\\*/|\"\"\"(?:\\\\.|(?!\"\"\").)*\"\"\"|\"(?:\\\\.|[^\"\\\\\\n])*\"|'(?:\\\\.|[^'\\\\\\n])*'", Pattern.DOTALL);
    /** A name used on its own: not a member after a dot. */
    private static final Pattern NAME = Pattern.compile("(?<![\\w$.])\\s*([A-Za-z_$][\\w$]*)");
    private static final Pattern DECLARED = Pattern.compile(
            "\\b(?:class|interface|enum|record)\\s+([A-Za-z_$][\\w$]*)"                       // types
            + "|(?m:^\\s*(?:(?:public|private|protected|static|final|abstract|synchronized)\\s+)*"
            + "[\\w$<>\\[\\],.? ]+?\\s+([A-Za-z_$][\\w$]*)\\s*(?:\\(|=|;))");                  // methods, variables

    static ReservedNames of(NotebookFile instructor) {
        Set<String> used = new TreeSet<>(), intended = new TreeSet<>();
        for (NotebookFile.Cell c : instructor.cells()) {
            if (!c.isCode()) continue;
            String code = COMMENTS_AND_STRINGS.matcher(c.source()).replaceAll(" ");
            if (c.solution()) {
                Matcher m = DECLARED.matcher(code);
                while (m.find()) intended.add(m.group(1) != null ? m.group(1) : m.group(2));
            } else {
                Matcher m = NAME.matcher(code);
                while (m.find()) used.add(m.group(1));
            }
        }
        used.removeAll(intended);
        return new ReservedNames(used, intended);
    }
}
