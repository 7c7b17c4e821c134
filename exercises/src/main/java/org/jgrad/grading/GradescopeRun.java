package org.jgrad.grading;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;

/**
 * Gradescope's side of a bundle ({@link GradescopeBundle}): grades the notebook(s) in the
 * submission folder like {@code ./course grade} and writes results.json as Gradescope reads it:
 * {"score", "output", "tests": [{"name", "score", "max_score", "output", "visibility"}]}. A test's
 * output is what the feedback page says (never a hidden test); a notebook that cannot be read
 * still gets a results.json, with score 0 and the reason.
 */
public final class GradescopeRun {
    private GradescopeRun() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: GradescopeRun ASSIGNMENT_DIR SUBMISSION_DIR RESULTS_JSON");
            System.exit(2);
        }
        Path assignmentDir = Paths.get(args[0]), submission = Paths.get(args[1]), results = Paths.get(args[2]);
        Assignment a = Assignment.find(assignmentDir.toString(), assignmentDir);
        Path work = Files.createTempDirectory("jgrad-gradescope-");
        try {
            // one student: the layout ./course grade reads (STUDENT/NB.ipynb)
            Path student = Files.createDirectories(work.resolve("submitted/submission"));
            List<Path> found;
            try (Stream<Path> s = Files.walk(submission)) {
                found = s.filter(p -> Files.isRegularFile(p) && p.toString().endsWith(".ipynb")).sorted().toList();
            }
            for (Path p : found) {
                Path target = student.resolve(p.getFileName());
                if (!Files.exists(target)) Files.copy(p, target);
            }
            Grader.Outcome o = new Grader(a, new Grader.Settings(60, "512m", 1, true), System.out)
                    .grade(work.resolve("submitted"), work.resolve("graded"));
            write(results, o, found.isEmpty() ? "no .ipynb notebook was found in the submission" : null, a.notebookNames().size() > 1);
        } finally {
            Grader.deleteTree(work);
        }
        System.exit(0);
    }

    static void write(Path results, Grader.Outcome o, String problem, boolean manyNotebooks) throws IOException {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode r = f.objectNode();
        ArrayNode tests = f.arrayNode();
        double score = 0;
        StringBuilder output = new StringBuilder(problem == null ? "" : problem + "\n");
        for (NotebookGrade g : o.grades()) {
            score += g.score();
            if (g.unreadable() != null) output.append(g.notebook()).append(": ").append(g.unreadable()).append('\n');
            g.notes().forEach(n -> output.append(g.notebook()).append(": ").append(n).append('\n'));
            for (NotebookGrade.Part p : g.parts()) {
                if (!p.kind().equals("test") && p.message() == null) continue;
                ObjectNode t = tests.addObject();
                t.put("name", (manyNotebooks ? g.notebook() + ": " : "") + p.gradeId() + (p.kind().equals("test") ? "" : " (your answer)"));
                t.put("score", p.points());
                t.put("max_score", p.maxPoints());
                t.put("output", p.status() + (p.message() == null ? "" : ": " + p.message()));
                t.put("visibility", "visible");
            }
        }
        r.put("score", Scoring.round(score));
        r.put("output", output.toString());
        r.set("tests", tests);
        AtomicFiles.write(results, NotebookFile.JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(r) + "\n");
    }
}
