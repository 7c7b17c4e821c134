package org.jgrad.grading;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ./course grade killed (SIGKILL) after its first finished submission: no finished grade is lost,
 * no half-written gradebook is left, and the next run grades only the rest.
 */
class ResumeAfterKillTest {
    @TempDir
    Path tmp;

    @Test
    void aKilledRunLosesNoFinishedGradeAndTheNextOneResumes() throws Exception {
        Path subs = GradingEndToEndTest.copy(GradingEndToEndTest.FIXTURES.resolve("submissions"), tmp.resolve("subs"));
        Path out = tmp.resolve("out");
        Path assignment = GradingEndToEndTest.FIXTURES.resolve("sigmoid");
        List<String> cmd = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djgrad.grading.classpath=" + System.getProperty("jgrad.grading.classpath"),
                "-cp", System.getProperty("jgrad.grading.classpath"), GradeCommand.class.getName(),
                assignment.toString(), subs.toString(), "--out", out.toString(), "--jobs", "1", "--timeout", "20", "--memory", "256m"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(tmp.resolve("log").toFile()).start();
        Path results = out.resolve("results");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
        while (resultFiles(results) < 1 && p.isAlive() && System.nanoTime() < deadline) Thread.sleep(100);
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        p.waitFor();
        int finished = resultFiles(results);
        assertTrue(finished >= 1 && finished < 4, "finished before the kill: " + finished + "\n" + Files.readString(tmp.resolve("log")));
        assertFalse(Files.exists(out.resolve("gradebook.csv")), "a gradebook before all were graded");

        Grader.Outcome again = new Grader(Assignment.find(assignment.toString(), tmp), new Grader.Settings(20, "256m", 2, false), null)
                .grade(subs, out);
        assertEquals(finished, again.resumed());
        assertEquals(4 - finished, again.graded());
        Map<String, Double> scores = new TreeMap<>();
        again.grades().forEach(g -> scores.put(g.student(), g.score()));
        assertEquals(Map.of("correct", 10.0, "partial", 2.0, "unchanged", 0.0, "wrong", 0.0), scores);
        try (Stream<Path> s = Files.list(out)) {
            assertEquals(List.of(), s.filter(f -> f.getFileName().toString().endsWith(".tmp")).toList(), "temp files left");
        }
    }

    private static int resultFiles(Path results) throws Exception {
        if (!Files.isDirectory(results)) return 0;
        try (Stream<Path> s = Files.walk(results)) {
            return (int) s.filter(f -> f.toString().endsWith(".json")).count();
        }
    }
}
