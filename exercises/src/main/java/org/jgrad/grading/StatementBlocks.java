package org.jgrad.grading;

import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.Trees;
import jdk.jshell.JShell;
import jdk.jshell.SourceCodeAnalysis;

import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Joins each run of two or more expression statements in the instructor's cells (a test cell's
 * {@code Check.that(...)...;} lines) into one block, so the grading JVM compiles them with one
 * javac run instead of one each: JShell compiles every top-level statement as its own snippet
 * (≈50–150 ms of a cold JVM's CPU each), and a grading JVM is always cold. Meaning is kept: a
 * block of expression statements declares nothing (top-level variables stay JShell's fields, so
 * lambdas capture them as before), runs in order and stops at the first exception, as the cell
 * would. Declarations, other statements and a last bare expression (partial credit) stay as they
 * were. Students' cells are never touched. The text keeps its lines (the braces join the first and
 * last statement's lines), so failures are reported at the same line numbers.
 */
final class StatementBlocks implements AutoCloseable {
    private final Map<String, String> joined = new ConcurrentHashMap<>();
    private JShell shell;
    private SourceCodeAnalysis analysis;
    private JavaCompiler javac;
    private StandardJavaFileManager files;

    @Override
    public synchronized void close() {
        if (shell != null) shell.close();
        shell = null;
    }

    /** The plan with its instructor cells' statement runs joined. */
    GradingPlan apply(GradingPlan plan) {
        List<GradingPlan.Step> steps = new ArrayList<>();
        for (GradingPlan.Step s : plan.steps()) {
            if (s.fromStudent()) {
                steps.add(s);
                continue;
            }
            List<GradingPlan.Part> parts = new ArrayList<>();
            for (GradingPlan.Part p : s.parts()) parts.add(new GradingPlan.Part(join(p.code()), p.hidden()));
            steps.add(new GradingPlan.Step(s.index(), s.gradeId(), s.kind(), s.points(), List.copyOf(parts), false, s.problem()));
        }
        return new GradingPlan(List.copyOf(steps), plan.notes());
    }

    /** The code with its expression-statement runs in braces; the same code when there is none. */
    String join(String code) {
        return joined.computeIfAbsent(code, this::compute);
    }

    private synchronized String compute(String code) {
        if (shell == null) {
            shell = JShell.builder().executionEngine("local").build();   // its parser only: nothing runs in it
            analysis = shell.sourceCodeAnalysis();
            javac = ToolProvider.getSystemJavaCompiler();
            files = javac.getStandardFileManager(null, null, java.nio.charset.StandardCharsets.UTF_8);
        }
        // the snippets as the evaluator cuts them (JShell's own analysis), each with where it starts
        List<int[]> snippets = new ArrayList<>();   // {start, end, mergeable}
        String rest = code;
        int offset = 0;
        while (!rest.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(rest);
            if (info.completeness() != SourceCodeAnalysis.Completeness.COMPLETE
                    && info.completeness() != SourceCodeAnalysis.Completeness.COMPLETE_WITH_SEMI) {
                break;   // incomplete or unknown: the rest runs as it is
            }
            int consumed = rest.length() - info.remaining().length();
            String piece = rest.substring(0, consumed);
            int lead = 0;
            while (lead < piece.length() && Character.isWhitespace(piece.charAt(lead))) lead++;
            int end = info.completeness() == SourceCodeAnalysis.Completeness.COMPLETE ? expressionStatementEnd(piece) : -1;
            snippets.add(new int[] {offset + lead, offset + (end >= 0 ? end : consumed), end >= 0 ? 1 : 0});
            offset += consumed;
            rest = rest.substring(consumed);
        }
        StringBuilder out = new StringBuilder(code);
        // from the end, so earlier positions stay right
        for (int i = snippets.size() - 1; i >= 0; ) {
            if (snippets.get(i)[2] == 0) {
                i--;
                continue;
            }
            int last = i;
            while (i >= 0 && snippets.get(i)[2] == 1) i--;
            int first = i + 1;
            if (last > first) {
                out.insert(snippets.get(last)[1], " }");
                out.insert(snippets.get(first)[0], "{ ");
            }
        }
        return out.toString();
    }

    /**
     * Where the snippet's statement ends (after its semicolon, before a trailing comment) when it
     * is one expression statement, by javac's parser (no attribution: names need not resolve)
     * inside a method body; -1 when it is anything else.
     */
    private int expressionStatementEnd(String piece) {
        String prefix = "class $J { void $m() {\n";
        String src = prefix + piece + "\n} }";
        JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///$J.java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return src;
            }
        };
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try {
            JavacTask task = (JavacTask) javac.getTask(null, files, diagnostics, List.of("-proc:none"), null, List.of(file));
            for (CompilationUnitTree unit : task.parse()) {
                if (!diagnostics.getDiagnostics().isEmpty() || unit.getTypeDecls().size() != 1) return -1;
                ClassTree c = (ClassTree) unit.getTypeDecls().get(0);
                if (c.getMembers().size() != 1 || !(c.getMembers().get(0) instanceof MethodTree m)) return -1;
                BlockTree b = m.getBody();
                if (b == null || b.getStatements().size() != 1 || !(b.getStatements().get(0) instanceof ExpressionStatementTree st)) return -1;
                long end = Trees.instance(task).getSourcePositions().getEndPosition(unit, st) - prefix.length();
                return end > 0 && end <= piece.length() && piece.charAt((int) end - 1) == ';' ? (int) end : -1;
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
