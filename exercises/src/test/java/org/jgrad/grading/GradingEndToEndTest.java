package org.jgrad.grading;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Grades the fixture submissions (src/test/resources/grading: correct, partial, wrong, the release
 * unchanged, and every hostile kind) in real sandboxed grading JVMs, and checks each score, what
 * its feedback says, that no feedback shows a hidden test, that the instructor's files are
 * untouched, and that grading again gives the same gradebook without running anything.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GradingEndToEndTest {
    static final Path FIXTURES = Paths.get("src/test/resources/grading").toAbsolutePath();

    Path root;
    Path assignment;
    Path submissions;
    Path out;
    JsonNode expected;
    Grader.Outcome first;
    String firstLog;
    Map<String, String> instructorHashes;

    @BeforeAll
    void gradeAll() throws Exception {
        // the name marks the folders the instructor_files fixture may try to overwrite
        root = Files.createTempDirectory("jgrad-e2e-");
        assignment = copy(FIXTURES.resolve("sigmoid"), root.resolve("source/sigmoid"));
        submissions = root.resolve("submitted");
        copy(FIXTURES.resolve("submissions"), submissions);
        copy(FIXTURES.resolve("hostile"), submissions);
        out = root.resolve("graded");
        expected = NotebookFile.JSON.readTree(FIXTURES.resolve("expected.json").toFile());
        instructorHashes = hashes(assignment);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        first = grader(new PrintStream(log, true, StandardCharsets.UTF_8)).grade(submissions, out);
        firstLog = log.toString(StandardCharsets.UTF_8);
        System.out.println(firstLog);
    }

    @AfterAll
    void cleanUp() {
        Grader.deleteTree(root);
    }

    private Grader grader(PrintStream progress) throws IOException {
        return new Grader(Assignment.find(assignment.toString(), root), new Grader.Settings(10, "256m", 2, false), progress);
    }

    @Test
    void everySubmissionGetsItsExpectedScore() {
        Map<String, Double> scores = new TreeMap<>();
        first.grades().forEach(g -> scores.put(g.student(), g.score()));
        Map<String, Double> want = new TreeMap<>();
        expected.fields().forEachRemaining(e -> want.put(e.getKey(), e.getValue().path("score").asDouble()));
        assertEquals(want, scores);
    }

    @Test
    void feedbackSaysWhatFailedAndWhy() throws IOException {
        List<String> missing = new ArrayList<>();
        boolean sandboxed = Sandbox.detect(List.of()).mode != Sandbox.Mode.NONE;
        for (var it = expected.fields(); it.hasNext(); ) {
            var e = it.next();
            String html = Files.readString(out.resolve("feedback").resolve(e.getKey()).resolve("sigmoid.html"));
            List<JsonNode> phrases = new ArrayList<>();
            e.getValue().path("feedback").forEach(phrases::add);
            // what only the sandbox makes true: instructor_files finds none of the course's files, wherever the checkout is
            if (sandboxed) e.getValue().path("sandboxed").forEach(phrases::add);
            for (JsonNode phrase : phrases) {
                String text = html.replace("&#39;", "'").replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
                if (!html.contains(phrase.asText()) && !text.contains(phrase.asText())) missing.add(e.getKey() + ": '" + phrase.asText() + "'");
            }
        }
        assertEquals(List.of(), missing, "phrases missing from feedback pages");
    }

    @Test
    void noFeedbackShowsAHiddenTest() throws IOException {
        try (Stream<Path> pages = Files.walk(out.resolve("feedback"))) {
            for (Path p : pages.filter(Files::isRegularFile).toList()) {
                String html = Files.readString(p);
                for (String secret : List.of("HIDDEN-SECRET", "BEGIN HIDDEN", "0.8807970779778823", "0.19661193324148185", "List.of(2.0, 2.0)")) {
                    assertFalse(html.contains(secret), p + " shows hidden test text " + secret);
                }
            }
        }
    }

    @Test
    void theInstructorsFilesAndTheGradebookAreUntouched() throws Exception {
        assertEquals(instructorHashes, hashes(assignment));
        String csv = Files.readString(out.resolve("gradebook.csv"));
        assertFalse(csv.contains("HACKED"));
        assertTrue(csv.startsWith("student,score,max_score,test_sigmoid,test_grad,test_normalize,notes\n"), csv);
        assertTrue(csv.contains("\ncorrect,10,10,2,3,5,\n"), csv);
    }

    @Test
    void progressIsOneLinePerSubmissionWithAnEta() {
        int n = expected.size();
        long lines = firstLog.lines().filter(l -> l.matches("\\[\\d+/" + n + "] .*points.*ETA \\d+ s")).count();
        assertEquals(n, lines, firstLog);
    }

    @Test
    void gradingAgainGivesTheSameGradebookFromStoredResults() throws Exception {
        byte[] csv = Files.readAllBytes(out.resolve("gradebook.csv"));
        byte[] json = Files.readAllBytes(out.resolve("gradebook.json"));
        Grader.Outcome again = grader(null).grade(submissions, out);
        assertEquals(0, again.graded());
        assertEquals(expected.size(), again.resumed());
        assertEquals(new String(csv, StandardCharsets.UTF_8), Files.readString(out.resolve("gradebook.csv")));
        assertEquals(new String(json, StandardCharsets.UTF_8), Files.readString(out.resolve("gradebook.json")));
    }

    static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(t);
                else Files.copy(p, t);
            }
        }
        return to;
    }

    static Map<String, String> hashes(Path dir) throws Exception {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                m.put(dir.relativize(p).toString(), HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))));
            }
        }
        return m;
    }
}
