package org.jgrad.grading;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Runs one submission's plan in a fresh grading JVM ({@link SubmissionMain}) and collects a
 * result per cell. When the JVM dies or stops answering in the middle of a cell (a halt that got
 * through, memory exhausted outside the cell, a hang the interrupt cannot reach), that cell is
 * marked with the reason and the plan runs again in a new JVM without it, so it costs only
 * that cell and what depends on it.
 */
final class IsolatedRun {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final int MAX_RESTARTS = 4;
    /** JVM start and JShell set-up before the first cell, on a busy machine. */
    private static final long START_GRACE_MS = 90_000;

    private final GradingJvm jvm;
    private final Sandbox sandbox;
    private final double cellTimeoutSeconds;

    IsolatedRun(GradingJvm jvm, Sandbox sandbox, double cellTimeoutSeconds) {
        this.jvm = jvm;
        this.sandbox = sandbox;
        this.cellTimeoutSeconds = cellTimeoutSeconds;
    }

    /** index → the cell's result message (event "done"); cells without one did not run. */
    private java.util.Collection<String> reserved = List.of(), intended = List.of();

    /** Names the student's cells may not declare, and those they are meant to (see {@link ReservedNames}). */
    IsolatedRun names(java.util.Collection<String> reserved, java.util.Collection<String> intended) {
        this.reserved = reserved;
        this.intended = intended;
        return this;
    }

    Map<Integer, ObjectNode> run(List<GradingPlan.Step> steps, Path workDir) throws IOException, InterruptedException {
        return run(() -> steps, workDir);
    }

    /**
     * The steps are asked for once the first grading JVM has started, so that preparing them
     * (the plan, {@link StatementBlocks}) overlaps the JVM's and JShell's start.
     */
    Map<Integer, ObjectNode> run(java.util.function.Supplier<List<GradingPlan.Step>> plan, Path workDir) throws IOException, InterruptedException {
        List<List<GradingPlan.Step>> prepared = new ArrayList<>(1);
        java.util.function.Supplier<List<GradingPlan.Step>> once = () -> {
            if (prepared.isEmpty()) prepared.add(plan.get());
            return prepared.get(0);
        };
        Map<Integer, ObjectNode> results = new LinkedHashMap<>();
        Set<Integer> skip = new TreeSet<>();
        for (int attempt = 0; attempt <= MAX_RESTARTS; attempt++) {
            Attempt a = attempt(once, skip, workDir);
            results.putAll(a.results);
            if (a.finished) return results;
            if (a.lastStarted == null || skip.contains(a.lastStarted)) {
                for (GradingPlan.Step s : once.get()) {
                    results.putIfAbsent(s.index(), crashed(s.index(), a.why));
                }
                return results;
            }
            results.put(a.lastStarted, crashed(a.lastStarted, a.why));
            skip.add(a.lastStarted);
        }
        for (GradingPlan.Step s : once.get()) {
            results.putIfAbsent(s.index(), crashed(s.index(), "not run: the grading JVM failed " + (MAX_RESTARTS + 1) + " times"));
        }
        return results;
    }

    private static ObjectNode crashed(int index, String why) {
        return F.objectNode().put("event", "done").put("index", index).put("status", "crashed")
                .put("ename", "GradingStopped").put("evalue", why).put("output", "").put("stderr", false);
    }

    private record Attempt(Map<Integer, ObjectNode> results, boolean finished, Integer lastStarted, String why) {}

    private Attempt attempt(java.util.function.Supplier<List<GradingPlan.Step>> once, Set<Integer> skip, Path workDir)
            throws IOException, InterruptedException {
        Process process = jvm.start(sandbox, workDir);
        List<GradingPlan.Step> steps;
        try {
            steps = once.get();
        } catch (RuntimeException e) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw e;
        }
        String token = HexFormat.of().formatHex(random());
        ObjectNode plan = F.objectNode().put("token", token).put("timeoutSeconds", cellTimeoutSeconds).put("fileNote", sandbox.fileNote());
        ArrayNode s = plan.putArray("steps");
        for (GradingPlan.Step step : steps) {
            if (step.parts().isEmpty()) continue;
            ObjectNode o = s.addObject().put("index", step.index()).put("student", step.fromStudent());
            ArrayNode parts = o.putArray("parts");
            step.parts().forEach(p -> parts.addObject().put("code", p.code()).put("hidden", p.hidden()));
        }
        ArrayNode names = plan.putArray("reserved");
        reserved.forEach(names::add);
        ArrayNode meant = plan.putArray("intended");
        intended.forEach(meant::add);
        ArrayNode sk = plan.putArray("skip");
        skip.forEach(sk::add);

        BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
        JsonNode closed = F.objectNode().put("event", "$closed");
        Thread reader = new Thread(() -> {
            try (InputStream in = process.getInputStream()) {
                ResultChannel.receive(in, token, messages::add);
            } catch (IOException ignored) {
                // the process is gone: handled below
            } finally {
                messages.add(closed);
            }
        }, "jgrad-grade-reader");
        reader.setDaemon(true);
        reader.start();
        StderrTail stderr = StderrTail.drain(process.getErrorStream());
        try (OutputStream in = process.getOutputStream()) {
            in.write(NotebookFile.JSON.writeValueAsBytes(plan));
        } catch (IOException e) {
            // the JVM ended before reading its plan; its stderr says why
        }

        Map<Integer, ObjectNode> results = new LinkedHashMap<>();
        Integer lastStarted = null;
        boolean started = false;
        long silenceMs = (long) (cellTimeoutSeconds * 1000) + 20_000;   // the cell's own timeout, then the kernel's 3 s abandon, and slack
        String why;
        try {
            while (true) {
                JsonNode m = messages.poll(started ? silenceMs : START_GRACE_MS, TimeUnit.MILLISECONDS);
                if (m == null) {
                    why = "the grading JVM stopped responding" + (lastStarted != null ? " during this cell" : "")
                            + " (no answer for " + (started ? silenceMs : START_GRACE_MS) / 1000 + " s) and was killed";
                    break;
                }
                started = true;
                switch (m.path("event").asText()) {
                    case "start" -> lastStarted = m.path("index").asInt();
                    case "done" -> {
                        int index = m.path("index").asInt();
                        if (lastStarted != null && lastStarted == index && !results.containsKey(index)) results.put(index, (ObjectNode) m);
                        lastStarted = null;
                    }
                    case "end" -> {
                        return new Attempt(results, true, null, null);
                    }
                    case "fatal" -> { /* followed by end */ }
                    case "$closed" -> {
                        process.waitFor(5, TimeUnit.SECONDS);
                        String hint = stderr.hint();
                        why = "the grading JVM ended" + (lastStarted != null ? " during this cell" : "")
                                + (process.isAlive() ? "" : " (exit code " + process.exitValue() + ")")
                                + (hint.isEmpty() ? "" : ": " + hint);
                        return new Attempt(results, false, lastStarted, why);
                    }
                    default -> { }
                }
            }
        } finally {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        return new Attempt(results, false, lastStarted, why);
    }

    private static byte[] random() {
        byte[] b = new byte[16];
        new SecureRandom().nextBytes(b);
        return b;
    }

    /** The last few KB of the JVM's stderr, read as it comes so the JVM never blocks on it. */
    static final class StderrTail {
        private final StringBuilder tail = new StringBuilder();

        static StderrTail drain(InputStream err) {
            StderrTail t = new StderrTail();
            Thread th = new Thread(() -> {
                byte[] buf = new byte[8192];
                int r;
                try {
                    while ((r = err.read(buf)) > 0) t.add(new String(buf, 0, r, StandardCharsets.UTF_8));
                } catch (IOException ignored) {
                    // closed
                }
            }, "jgrad-grade-stderr");
            th.setDaemon(true);
            th.start();
            return t;
        }

        private synchronized void add(String s) {
            tail.append(s);
            if (tail.length() > 4096) tail.delete(0, tail.length() - 4096);
        }

        /** A short reason from the JVM's own messages (OutOfMemoryError, a crash), if any. */
        synchronized String hint() {
            for (String key : List.of("OutOfMemoryError", "StackOverflowError", "Killed", "SIGSEGV", "Error occurred during initialization")) {
                int at = tail.indexOf(key);
                if (at >= 0) {
                    int end = tail.indexOf("\n", at);
                    return tail.substring(at, end < 0 ? tail.length() : end).strip();
                }
            }
            return "";
        }
    }

}
