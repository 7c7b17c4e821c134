package org.jgrad.grading;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jdk.jshell.DeclarationSnippet;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SourceCodeAnalysis;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * JShell lets a later declaration shadow an earlier one (and a class or variable named {@code org}
 * obscures the package): a student could turn a test cell's {@code Check} into their own code.
 * A test cell may use only names the instructor's answer cells declare (the student is meant to
 * define those) or names from the JDK, jgrad and org.jgrad.grading; this finds the test cells that
 * use a name the submission declares at top level but the instructor's answers do not.
 */
public final class Shadowing {
    private static final Pattern IDENTIFIER = Pattern.compile("[\\p{L}_$][\\p{L}\\p{N}_$]*");
    private static final Pattern LITERALS_AND_COMMENTS = Pattern.compile(
            "\"\"\"[\\s\\S]*?\"\"\"|\"(?:\\\\.|[^\"\\\\\\n])*\"|'(?:\\\\.|[^'\\\\\\n])*'|//[^\\n]*|/\\*[\\s\\S]*?\\*/");

    private Shadowing() {}

    /** Test cell grade_id → the shadowing names it uses (only cells with some). */
    public static Map<String, Set<String>> violations(Notebook submission, Notebook instructor) {
        try (JShell shell = JShell.builder().executionEngine("local").build()) {
            SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
            Set<String> allowed = declared(instructor, analysis);
            Set<String> suspicious = declared(submission, analysis);
            suspicious.removeAll(allowed);
            Map<String, Set<String>> out = new LinkedHashMap<>();
            if (suspicious.isEmpty()) return out;
            for (ObjectNode cell : submission.cells()) {
                if (!Notebook.isGrade(cell) || Notebook.isSolution(cell)) continue;
                Set<String> used = identifiers(Notebook.source(cell));
                used.retainAll(suspicious);
                if (!used.isEmpty()) out.put(Notebook.gradeId(cell), used);
            }
            return out;
        }
    }

    /** Top-level names declared by the notebook's code cells other than its test cells. */
    static Set<String> declared(Notebook nb, SourceCodeAnalysis analysis) {
        Set<String> names = new TreeSet<>();
        for (ObjectNode cell : nb.cells()) {
            if (!"code".equals(cell.path("cell_type").asText()) || (Notebook.isGrade(cell) && !Notebook.isSolution(cell))) continue;
            String rest = Notebook.source(cell);
            while (!rest.isBlank()) {
                SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(rest);
                String snippet = info.source() != null ? info.source() : rest;
                for (Snippet s : analysis.sourceToSnippets(snippet)) {
                    if (s instanceof DeclarationSnippet d) names.add(d.name());
                }
                if (info.source() == null || info.remaining().equals(rest)) break;
                rest = info.remaining();
            }
        }
        return names;
    }

    /** Identifiers of Java source, outside literals and comments. */
    static Set<String> identifiers(String source) {
        String code = LITERALS_AND_COMMENTS.matcher(source).replaceAll(" ");
        Set<String> out = new TreeSet<>();
        Matcher m = IDENTIFIER.matcher(code);
        while (m.find()) out.add(m.group());
        return out;
    }
}
