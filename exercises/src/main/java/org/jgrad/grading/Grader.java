package org.jgrad.grading;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Grades a folder of submissions against the instructor's notebooks, with no nbgrader set-up:
 * each submission in its own fresh JVM ({@link IsolatedRun}) inside a {@link Sandbox}, several at
 * once. Each finished submission's grade is written at once (results/STUDENT/NB.json, with a
 * fingerprint of the notebooks and settings it was graded from) with its feedback page
 * (feedback/STUDENT/NB.html); the gradebook is assembled from those files at the end. A run that
 * is killed loses no finished grade, and the next run grades only what is missing or changed.
 */
public final class Grader {
    /** How to grade; memory is a -Xmx value; jobs, the submissions graded at once. */
    public record Settings(double cellTimeoutSeconds, String memory, int jobs, boolean force) {
        public static Settings defaults() {
            // one more JVM than cores: each waits at times (its start, disk, the pipe), and on a
            // shared machine a third JVM gets its share of the CPU (6 submissions under load 15:
            // 35 s with 3 at a time against 52 s with 2)
            return new Settings(30, "512m", Runtime.getRuntime().availableProcessors() + 1, false);
        }
    }

    /** The outcome: every grade of this run's submissions, and how many were graded now (not resumed). */
    public record Outcome(List<NotebookGrade> grades, int graded, int resumed) {}

    /** Bumped when grading changes in a way that must invalidate stored results. */
    private static final String VERSION = "grader-2";

    private final Assignment assignment;
    private final Settings settings;
    private final PrintStream progress;

    public Grader(Assignment assignment, Settings settings, PrintStream progress) {
        this.assignment = assignment;
        this.settings = settings;
        this.progress = progress;
    }

    public Outcome grade(Path submissionsDir, Path outDir) throws IOException, InterruptedException {
        List<Submissions.Submission> subs = Submissions.find(submissionsDir, assignment.name(), assignment.notebookNames());
        Files.createDirectories(outDir);
        GradingJvm jvm = new GradingJvm(settings.memory());
        List<Path> instructors = new ArrayList<>(List.of(assignment.dir(), submissionsDir, outDir));
        String course = System.getProperty("jgrad.root");   // the checkout ./course runs from
        if (course != null) instructors.add(Paths.get(course));
        Sandbox sandbox = Sandbox.detect(instructors, jvm.classPathEntries());
        Path scratch = Files.createTempDirectory("jgrad-grade-");
        Files.setPosixFilePermissions(scratch, PosixFilePermissions.fromString("rwx--x--x"));   // nobody may enter, not list
        int jobs = Math.max(1, settings.jobs());
        say("grading " + subs.size() + " submission notebook(s) of " + assignment.name() + " from " + submissionsDir
                + " (" + jobs + " at a time, " + settings.cellTimeoutSeconds() + " s per cell, heap " + settings.memory() + ")");
        say("isolation: " + sandbox.description());
        long t0 = System.nanoTime();
        AtomicInteger done = new AtomicInteger(), resumed = new AtomicInteger();
        List<NotebookGrade> grades = new ArrayList<>();
        StatementBlocks blocks = new StatementBlocks();
        ExecutorService pool = Executors.newFixedThreadPool(jobs);
        try {
            jvm.prepareArchive(sandbox, scratch);
            say("grading JVMs: " + jvm.description());
            List<Future<NotebookGrade>> futures = new ArrayList<>();
            for (Submissions.Submission s : subs) {
                futures.add(pool.submit(() -> {
                    long start = System.nanoTime();
                    boolean[] wasResumed = {false};
                    NotebookGrade g = gradeOne(s, outDir, jvm, sandbox, scratch, blocks, wasResumed);
                    int n = done.incrementAndGet();
                    if (wasResumed[0]) resumed.incrementAndGet();
                    report(n, subs.size(), g, wasResumed[0], start, t0);
                    return g;
                }));
            }
            for (Future<NotebookGrade> f : futures) {
                try {
                    grades.add(f.get());
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IOException("grading failed: " + e.getCause(), e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
            blocks.close();
            deleteTree(scratch);
        }
        grades.sort(Comparator.comparing(NotebookGrade::student).thenComparing(NotebookGrade::notebook));
        Gradebook.write(outDir, assignment.name(), grades, assignment.maxByNotebook());
        say(String.format(java.util.Locale.ROOT, "done in %.1f s: %s and %s, feedback in %s",
                (System.nanoTime() - t0) / 1e9, outDir.resolve("gradebook.csv"), outDir.resolve("gradebook.json"), outDir.resolve("feedback")));
        return new Outcome(grades, grades.size() - resumed.get(), resumed.get());
    }

    private NotebookGrade gradeOne(Submissions.Submission s, Path outDir, GradingJvm jvm, Sandbox sandbox, Path scratch,
                                   StatementBlocks blocks, boolean[] wasResumed) throws IOException, InterruptedException {
        NotebookFile instructor = assignment.notebook(s.notebook());
        byte[] submitted = s.path() == null ? null : Files.readAllBytes(s.path());
        String fingerprint = fingerprint(assignment.bytes(s.notebook()), submitted);
        Path resultFile = outDir.resolve("results").resolve(s.student()).resolve(s.notebook().replace(".ipynb", ".json"));
        if (!settings.force() && Files.isRegularFile(resultFile)) {
            try {
                NotebookGrade old = NotebookFile.JSON.readValue(resultFile.toFile(), NotebookGrade.class);
                if (fingerprint.equals(old.fingerprint())) {
                    wasResumed[0] = true;
                    return old;
                }
            } catch (IOException e) {
                // damaged: graded again
            }
        }
        NotebookGrade g = null;
        if (submitted == null) {
            g = unreadable(s, fingerprint, instructor, "no " + s.notebook() + " was handed in");
        } else {
            NotebookFile student;
            try {
                student = NotebookFile.parse(submitted, s.notebook());
            } catch (NotebookFile.Unreadable e) {
                student = null;
                g = unreadable(s, fingerprint, instructor, e.getMessage());
            }
            if (student != null) {
                GradingPlan plan = screen(GradingPlan.of(instructor, student));
                ReservedNames names = ReservedNames.of(instructor);
                Path work = Files.createDirectory(scratch.resolve("w-" + Submissions.safe(s.student()) + "-" + System.nanoTime()));
                try {
                    // the working directory holds only the student's own notebook (code may read its own files)
                    Files.write(work.resolve(s.notebook()), submitted);
                    sandbox.prepareWorkDir(work);
                    Map<Integer, ObjectNode> results = new IsolatedRun(jvm, sandbox, settings.cellTimeoutSeconds())
                            .names(names.reserved(), names.intended())
                            .run(() -> blocks.apply(plan).steps(), work);   // what the JVM compiles; scores and notes are the plan's
                    g = Scoring.grade(s.student(), s.notebook(), fingerprint, plan, results, settings.cellTimeoutSeconds());
                } finally {
                    deleteTree(work);
                }
            }
        }
        AtomicFiles.write(outDir.resolve("feedback").resolve(s.student()).resolve(s.notebook().replace(".ipynb", ".html")),
                FeedbackPage.html(assignment.name(), g, assignment.visibleTests(s.notebook())));
        AtomicFiles.write(resultFile, NotebookFile.JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(g) + "\n");
        return g;
    }

    /** Student cells that use what graded code may not are not run (see {@link ForbiddenCode}). */
    static GradingPlan screen(GradingPlan plan) {
        List<GradingPlan.Step> steps = new ArrayList<>();
        for (GradingPlan.Step s : plan.steps()) {
            var why = s.fromStudent() && s.problem() == null ? ForbiddenCode.check(s.code()) : java.util.Optional.<String>empty();
            steps.add(why.isPresent()
                    ? new GradingPlan.Step(s.index(), s.gradeId(), s.kind(), s.points(), List.of(), true, "your answer cell was not run: " + why.get())
                    : s);
        }
        return new GradingPlan(List.copyOf(steps), plan.notes());
    }

    private static NotebookGrade unreadable(Submissions.Submission s, String fingerprint, NotebookFile instructor, String why) {
        List<NotebookGrade.Part> parts = new ArrayList<>();
        for (NotebookFile.Cell c : instructor.cells()) {
            if (c.grade() && c.isCode()) {
                parts.add(new NotebookGrade.Part(c.gradeId(), c.solution() ? "manual" : "test", 0, c.points(), "not run", "the submission could not be graded", ""));
            }
        }
        return new NotebookGrade(s.student(), s.notebook(), fingerprint, 0, Scoring.round(instructor.maxPoints()), parts, List.of(), why);
    }

    private String fingerprint(byte[] instructor, byte[] submitted) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update((VERSION + "|" + settings.cellTimeoutSeconds() + "|" + settings.memory() + "|").getBytes());
            md.update(instructor);
            md.update((byte) 0);
            if (submitted != null) md.update(submitted);
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private synchronized void report(int n, int total, NotebookGrade g, boolean wasResumed, long start, long t0) {
        double elapsed = (System.nanoTime() - t0) / 1e9;
        double eta = n == 0 ? 0 : elapsed / n * (total - n);
        long failed = g.parts().stream().filter(p -> p.kind().equals("test") && !p.status().equals("passed")).count();
        say(String.format(java.util.Locale.ROOT, "[%d/%d] %s %s: %s/%s points%s%s, %s; elapsed %.0f s, ETA %.0f s",
                n, total, g.student(), g.notebook(), FeedbackPage.num(g.score()), FeedbackPage.num(g.maxScore()),
                failed > 0 ? ", " + failed + " test(s) not passed" : "",
                g.unreadable() != null ? " (" + g.unreadable() + ")" : "",
                wasResumed ? "kept from the last run" : String.format(java.util.Locale.ROOT, "%.1f s", (System.nanoTime() - start) / 1e9),
                elapsed, eta));
    }

    private void say(String line) {
        if (progress != null) {
            synchronized (progress) {
                progress.println(line);
                progress.flush();
            }
        }
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) return;
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // temp files: best effort
        }
    }

}
