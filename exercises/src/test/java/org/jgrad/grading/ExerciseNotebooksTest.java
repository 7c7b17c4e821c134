package org.jgrad.grading;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jgrad.kernel.eval.Evaluator;
import org.jgrad.kernel.runner.NotebookRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The committed exercise notebooks: release up to date, solutions full marks, release zero, partial in between. */
class ExerciseNotebooksTest {
    static final Path SOURCE = Paths.get("source"), RELEASE = Paths.get("release");

    static List<Path> sources() throws IOException {
        try (Stream<Path> s = Files.walk(SOURCE)) {
            return s.filter(p -> p.toString().endsWith(".ipynb")).sorted().toList();
        }
    }

    static Notebook run(Path notebook, Path out) throws IOException {
        try (Evaluator e = new Evaluator()) {
            return Notebook.read(new NotebookRunner(e, 120, true).run(notebook, out).written());
        }
    }

    @Test
    void atLeastTenExercisesWithThreeGradedPartsAndHiddenTests() throws IOException {
        List<Path> all = sources();
        assertTrue(all.size() >= 10, "exercise notebooks: " + all);
        for (Path p : all) {
            Notebook nb = Notebook.read(p);
            long tests = nb.cells().stream().filter(Notebook::isGrade).count();
            long hidden = nb.cells().stream().filter(c -> Notebook.source(c).contains("BEGIN HIDDEN TESTS")).count();
            assertTrue(tests >= 3, p + " has " + tests + " test cells");
            assertTrue(hidden >= 2, p + " has hidden tests in " + hidden + " cells");
        }
    }

    @Test
    void releaseIsUpToDate(@TempDir Path tmp) throws IOException {
        List<Path> written = Assign.run(SOURCE, tmp, List.of());
        assertEquals(sources().size(), written.size());
        for (Path w : written) {
            Path committed = RELEASE.resolve(tmp.relativize(w));
            assertTrue(Files.exists(committed), committed + " is missing: run ./course assign");
            assertEquals(Files.readString(committed), Files.readString(w), committed + " is stale: run ./course assign");
        }
    }

    @Test
    void releaseHasNoSolutionsNorHiddenTests() throws IOException {
        for (Path p : sources()) {
            String release = Files.readString(RELEASE.resolve(SOURCE.relativize(p)));
            assertFalse(release.contains("BEGIN SOLUTION") || release.contains("HIDDEN TESTS"), p.toString());
            assertTrue(release.contains("// YOUR CODE HERE"), p.toString());
        }
    }

    @Test
    void solutionsScoreFullMarks(@TempDir Path tmp) throws IOException {
        for (Path p : sources()) {
            List<Scores.CellScore> scores = Scores.of(run(p, tmp));
            for (Scores.CellScore s : scores) assertTrue(s.full(), p + ": " + s);
            assertEquals(Scores.possible(scores), Scores.total(scores), p.toString());
        }
    }

    @Test
    void unchangedReleaseScoresZeroAndItsAnswerCellsRunCleanly(@TempDir Path tmp) throws IOException {
        for (Path p : sources()) {
            Notebook ran = run(RELEASE.resolve(SOURCE.relativize(p)), tmp);
            for (Scores.CellScore s : Scores.of(ran)) assertEquals(0.0, s.points(), p + ": " + s);
            for (ObjectNode cell : ran.cells()) {
                if (Notebook.isGrade(cell)) continue;
                // the stubs compile and do not throw where they are declared: students meet failures in test cells
                cell.path("outputs").forEach(o -> assertFalse(o.path("output_type").asText().equals("error"),
                        p + " cell " + cell.path("id") + ": " + o));
            }
        }
    }

    @Test
    void partialSolutionScoresPartially(@TempDir Path tmp) throws IOException {
        Path src = SOURCE.resolve("ex01-backward/ex01-backward.ipynb");
        Notebook partial = Notebook.read(src);
        Notebook release = Notebook.read(RELEASE.resolve("ex01-backward/ex01-backward.ipynb"));
        // the student did parts 1 and 2, left part 3 as released
        for (int i = 0; i < partial.cells().size(); i++) {
            if ("graph".equals(Notebook.gradeId(partial.cells().get(i)))) Notebook.setSource(partial.cells().get(i), Notebook.source(release.cells().get(i)));
        }
        Path file = tmp.resolve("in/partial.ipynb");
        partial.write(file);
        List<Scores.CellScore> scores = Scores.of(run(file, tmp.resolve("out")));
        assertEquals(List.of(2.0, 3.0, 0.0), scores.stream().map(Scores.CellScore::points).toList());
        assertTrue(scores.get(2).reason().contains("exercise not done yet: graph"), scores.get(2).reason());
    }

    @Test
    void aClassNamedCheckInAnAnswerIsRemovedBeforeTheTestsRun(@TempDir Path tmp) throws Exception {
        // JShell lets a later declaration shadow an earlier one: this Check passes everything
        Notebook cheat = Notebook.read(RELEASE.resolve("ex01-backward/ex01-backward.ipynb"));
        for (ObjectNode cell : cheat.cells()) {
            if ("rules".equals(Notebook.gradeId(cell))) {
                Notebook.setSource(cell, "double[] addBackward(double u) { return null; }\n"
                        + "double[] mulBackward(double u, double a, double b) { return null; }\n"
                        + "class Check { static Check that(String n, Object o) { return new Check(); } Check hint(String h) { return this; }\n"
                        + "  void isCloseTo(double[] e, double t) {} void isCloseTo(double e, double t) {} }\n"
                        + "int org = 1;\n");
            }
        }
        cheat.write(tmp.resolve("submitted/mallory/ex01-backward.ipynb"));
        Grader.Outcome o = new Grader(Assignment.find(SOURCE.resolve("ex01-backward").toString(), Paths.get("")), new Grader.Settings(30, "512m", 1, false), null)
                .grade(tmp.resolve("submitted"), tmp.resolve("graded"));
        NotebookGrade g = o.grades().get(0);
        assertEquals(0.0, g.score());
        NotebookGrade.Part rules = g.parts().stream().filter(p -> "rules".equals(p.gradeId())).findFirst().orElseThrow();
        assertTrue(rules.message() != null && rules.message().contains("declared Check, a name the tests use"), String.valueOf(rules.message()));
        NotebookGrade.Part tests = g.parts().stream().filter(p -> "rules-tests".equals(p.gradeId())).findFirst().orElseThrow();
        assertEquals("failed", tests.status());
    }

    @Test
    void theGraderGivesEverySolutionFullMarksAndEveryReleaseZero(@TempDir Path tmp) throws Exception {
        // through the grader's own path (GradingPlan, StatementBlocks, a grading JVM), not the kernel's runner
        for (Path source : sources()) {
            String name = source.getFileName().toString();
            Path subs = tmp.resolve(name + "-in");
            Files.createDirectories(subs.resolve("solution"));
            Files.createDirectories(subs.resolve("release"));
            Files.copy(source, subs.resolve("solution").resolve(name));
            Files.copy(RELEASE.resolve(SOURCE.relativize(source)), subs.resolve("release").resolve(name));
            Grader.Outcome o = new Grader(Assignment.find(source.toString(), Paths.get("")), new Grader.Settings(60, "512m", 2, false), null)
                    .grade(subs, tmp.resolve(name + "-out"));
            for (NotebookGrade g : o.grades()) {
                double want = g.student().equals("solution") ? g.maxScore() : 0;
                assertEquals(want, g.score(), name + " " + g.student() + ": " + g.parts());
            }
        }
    }
}
