package org.jgrad.grading;

import org.jgrad.kernel.eval.Evaluator;
import org.jgrad.kernel.runner.NotebookRunner;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A student's check before hand-in: runs the notebook headless (the kernel's NotebookRunner,
 * the same evaluator as the live kernel) and says, per test cell, whether its visible tests
 * pass. The student's file is not changed.
 */
public final class Validate {
    private Validate() {}

    /** The scores of the notebook's test cells after running it; every cell runs even when one fails. */
    public static List<Scores.CellScore> run(Path notebook, double cellTimeoutSeconds) throws IOException {
        Notebook.read(notebook);   // a clear error for a file that is not a notebook
        Path out = Files.createTempDirectory("jgrad-validate");
        try (Evaluator evaluator = new Evaluator()) {
            NotebookRunner.Result r = new NotebookRunner(evaluator, cellTimeoutSeconds, true).run(notebook, out);
            return Scores.of(Notebook.read(r.written()));
        } finally {
            try (var files = Files.list(out)) {
                for (Path f : files.toList()) Files.deleteIfExists(f);
            }
            Files.deleteIfExists(out);
        }
    }

    /** Prints the report; true when every test cell passes. */
    public static boolean report(Path notebook, List<Scores.CellScore> scores, PrintStream out) {
        out.println("validate " + notebook + ":");
        int failed = 0;
        int width = scores.stream().mapToInt(s -> s.gradeId().length()).max().orElse(8);
        for (Scores.CellScore s : scores) {
            boolean ok = s.full();
            if (!ok) failed++;
            out.printf("  %s %-" + width + "s  %s points%s%n", ok ? "✓" : "✗", s.gradeId(),
                    s.points() == null ? "? / " + Values.fmt(s.maxPoints()) : Values.fmt(s.points()) + " / " + Values.fmt(s.maxPoints()),
                    ok ? "" : "   " + s.reason());
        }
        if (scores.isEmpty()) out.println("  (no test cells: is this an exercise notebook?)");
        out.println((failed == 0 ? "all visible tests pass" : failed + " of " + scores.size() + " test cells fail")
                + "; " + Values.fmt(Scores.possible(scores)) + " points possible (hidden tests are run at grading)");
        return failed == 0;
    }
}
