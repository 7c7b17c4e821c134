package org.jgrad.grading;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jgrad.kernel.eval.CellError;
import org.jgrad.kernel.display.CellOutput;
import org.jgrad.kernel.eval.Evaluator;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The grading JVM: one per submission, started by {@link IsolatedRun}. Starts the evaluator,
 * then reads its plan (the token, the cells, their parts) from standard input before anything
 * graded runs, runs the
 * cells in order through the kernel's {@link Evaluator}, and reports each cell over
 * {@link ResultChannel}. After a student's cell, any declaration of a name the instructor's cells
 * declared or imported (a test helper, an assertion, a checking class) is dropped and the
 * instructor's restored: JShell would otherwise let it shadow the real one in the tests.
 */
public final class SubmissionMain {
    static final int MAX_OUTPUT = 8192;
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    /** A file the sandbox keeps out of reach looks missing or read-only: the feedback says why. */
    private static final Set<String> FILE_ERRORS = Set.of("NoSuchFileException", "FileNotFoundException", "AccessDeniedException",
            "FileSystemException", "NotDirectoryException", "UncheckedIOException");

    private SubmissionMain() {}

    public static void main(String[] args) throws Exception {
        // the raw stdout, taken before any graded code runs; the evaluator redirects System.out per cell
        FileOutputStream raw = new FileOutputStream(FileDescriptor.out);
        // JShell and javac start before the plan is read: the grader prepares the plan meanwhile
        // (IsolatedRun starts this JVM first). Nothing graded runs before the plan is here.
        Evaluator evaluator = null;
        Throwable failed = null;
        try {
            evaluator = new Evaluator();
        } catch (Throwable t) {
            failed = t;
        }
        JsonNode plan;
        try (InputStream in = System.in) {
            plan = NotebookFile.JSON.readTree(in.readAllBytes());
        } catch (Throwable t) {
            // no plan, so no token to report with: just end (JShell's threads must not keep the JVM)
            System.err.println("grading JVM: no readable plan on stdin: " + t);
            Runtime.getRuntime().halt(4);
            return;
        }
        ResultChannel.Sender channel = new ResultChannel.Sender(plan.path("token").asText(), raw);
        int status = 0;
        try {
            if (failed != null) throw failed;
            run(plan, channel, evaluator);
        } catch (Throwable t) {
            status = 3;
            channel.send(F.objectNode().put("event", "fatal").put("message", String.valueOf(t)));
        }
        channel.send(F.objectNode().put("event", "end"));
        // halt: no shutdown hook or never-ending thread of the graded code can hold the JVM open
        Runtime.getRuntime().halt(status);
    }

    static void run(JsonNode plan, ResultChannel.Sender channel) {
        run(plan, channel, new Evaluator());
    }

    static void run(JsonNode plan, ResultChannel.Sender channel, Evaluator started) {
        double timeout = plan.path("timeoutSeconds").asDouble(30);
        String fileNote = plan.path("fileNote").asText("");
        Set<Integer> skip = new HashSet<>();
        plan.path("skip").forEach(n -> skip.add(n.asInt()));
        ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "jgrad-grading-watchdog");
            t.setDaemon(true);
            return t;
        });
        try (Evaluator evaluator = started) {
            evaluator.setWorkDir(Paths.get("").toAbsolutePath());
            Set<String> reserved = new HashSet<>(ImportedNames.gradingClasses());
            plan.path("reserved").forEach(n -> reserved.add(n.asText()));
            Set<String> intended = new HashSet<>();
            plan.path("intended").forEach(n -> intended.add(n.asText()));
            Map<String, Evaluator.Declaration> instructorDeclarations = new HashMap<>();
            Set<String> instructorImports = new LinkedHashSet<>();
            for (JsonNode step : plan.path("steps")) {
                int index = step.path("index").asInt();
                boolean student = step.path("student").asBoolean();
                channel.send(F.objectNode().put("event", "start").put("index", index));
                if (skip.contains(index)) continue;   // it ended an earlier grading JVM; the grader knows why
                ObjectNode done = F.objectNode().put("event", "done").put("index", index);
                Set<Evaluator.Declaration> before = student ? Set.of() : new HashSet<>(evaluator.declarations());
                Collector out = new Collector();
                String status = "ok";
                Object result = null;
                for (JsonNode part : step.path("parts")) {
                    boolean hidden = part.path("hidden").asBoolean();
                    out.hidden = hidden;
                    boolean[] timedOut = {false};
                    ScheduledFuture<?> timer = watchdog.schedule(() -> { timedOut[0] = true; evaluator.interrupt(); },
                            (long) (timeout * 1000), TimeUnit.MILLISECONDS);
                    try {
                        Map<String, Object> value = evaluator.eval(part.path("code").asText(), out);
                        result = value == null ? null : value.get("text/plain");
                    } catch (CellError e) {
                        status = timedOut[0] ? "timeout" : "error";
                        if (hidden) {
                            done.put("hiddenFailed", true);   // what failed stays unseen, even its exception's name
                        } else {
                            done.put("ename", timedOut[0] ? "Timeout" : e.ename);
                            done.put("evalue", timedOut[0] ? "the cell ran longer than " + timeout + " s and was stopped"
                                    : FILE_ERRORS.contains(e.ename) && !fileNote.isEmpty() ? e.evalue + " (" + fileNote + ")" : e.evalue);
                            ArrayNode tb = done.putArray("traceback");
                            e.traceback.stream().limit(40).forEach(tb::add);
                        }
                    } catch (Throwable t) {   // the evaluator itself failed (out of memory while compiling ...)
                        status = "error";
                        done.put("ename", t.getClass().getSimpleName()).put("evalue", String.valueOf(t.getMessage()));
                    } finally {
                        timer.cancel(false);
                    }
                    if (!status.equals("ok")) break;
                }
                if (student) {
                    ArrayNode shadowed = unshadow(evaluator, reserved, intended, instructorDeclarations, instructorImports);
                    if (!shadowed.isEmpty()) done.set("shadowed", shadowed);
                } else {
                    for (Evaluator.Declaration d : evaluator.declarations()) {
                        if (before.contains(d)) continue;   // only what this instructor cell declared
                        instructorDeclarations.put(d.id(), d);
                        if (!intended.contains(d.name())) reserved.add(d.name());
                    }
                    for (JsonNode part : step.path("parts")) {
                        ImportedNames.of(part.path("code").asText(), instructorImports, reserved);
                    }
                }
                done.put("status", status);
                done.put("output", out.text());
                done.put("stderr", out.stderr);
                if (result != null) done.put("result", String.valueOf(result));
                channel.send(done);
            }
        } finally {
            watchdog.shutdownNow();
        }
    }

    /**
     * Drops the student's declarations of reserved names, then restores what they replaced.
     * A declaration is the instructor's only with the instructor's source: JShell keeps a
     * snippet's id when a declaration with the same signature replaces it.
     */
    private static ArrayNode unshadow(Evaluator evaluator, Set<String> reserved, Set<String> intended,
                                      Map<String, Evaluator.Declaration> instructor, Set<String> imports) {
        ArrayNode shadowed = F.arrayNode();
        Set<String> instructorNames = new HashSet<>();
        instructor.values().forEach(d -> instructorNames.add(d.name()));
        for (Evaluator.Declaration d : evaluator.declarations()) {
            if (d.equals(instructor.get(d.id())) || intended.contains(d.name()) || !reserved.contains(d.name())) continue;
            // a variable hides a name only where a type or the instructor's own variable was meant
            boolean hides = !d.kind().equals("variable") || instructorNames.contains(d.name()) || Character.isUpperCase(d.name().charAt(0));
            if (hides) {
                evaluator.dropDeclaration(d.id());
                shadowed.add(d.name());
            }
        }
        if (shadowed.isEmpty()) return shadowed;
        Set<Evaluator.Declaration> active = new HashSet<>(evaluator.declarations());
        CellOutput sink = new Collector();
        for (String imp : imports) evaluator.eval(imp, sink);
        for (Evaluator.Declaration d : List.copyOf(instructor.values())) {
            if (!active.contains(d)) {
                instructor.remove(d.id());
                try {
                    evaluator.eval(d.source(), sink);
                } catch (CellError ignored) {
                    // it compiled before; if it no longer does, the tests that use it fail and say so
                }
            }
        }
        // the restored declarations are the instructor's too
        for (Evaluator.Declaration d : evaluator.declarations()) {
            if (reserved.contains(d.name()) && !active.contains(d)) instructor.put(d.id(), d);
        }
        return shadowed;
    }

    /** A cell's outputs as text, capped; hidden-test parts write nothing. */
    static final class Collector implements CellOutput {
        private final StringBuilder text = new StringBuilder();
        private long dropped;
        boolean stderr;
        boolean hidden;

        @Override
        public synchronized void stream(String name, String s) {
            if ("stderr".equals(name)) stderr = true;   // nbgrader fails a test cell with any stderr output
            add(s);
        }

        @Override
        public synchronized void display(Map<String, Object> bundle, String displayId, boolean update) {
            Object plain = bundle.get("text/plain");
            if (plain != null) add(plain + "\n");
        }

        @Override
        public void clear(boolean wait) {}

        private void add(String s) {
            if (hidden) return;
            int room = MAX_OUTPUT - text.length();
            if (s.length() <= room) text.append(s);
            else {
                text.append(s, 0, Math.max(0, room));
                dropped += s.length() - Math.max(0, room);
            }
        }

        synchronized String text() {
            return dropped == 0 ? text.toString() : text + "\n[output truncated: " + dropped + " characters more]\n";
        }
    }
}
