package org.jgrad.kernel.runner;

import org.jgrad.kernel.display.CellOutput;
import org.jgrad.kernel.eval.CellError;
import org.jgrad.kernel.eval.Evaluator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The headless runner: executes a notebook's code cells in order through {@link Evaluator}
 * and the same renderers as the live kernel, and writes nbformat 4 outputs.
 */
public final class NotebookRunner {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    /** What a run did; {@code slowestCell} is the index (in the notebook's cells) of the cell that took longest. */
    public record Result(Path written, int cellsRun, Integer failedCell, CellError error, double seconds,
                         int slowestCell, double slowestCellSeconds) {
        public boolean ok() { return error == null; }
    }

    private final Evaluator evaluator;
    private final double timeoutSeconds;
    private final boolean keepGoing;

    public NotebookRunner(Evaluator evaluator, double timeoutSeconds, boolean keepGoing) {
        this.evaluator = evaluator;
        this.timeoutSeconds = timeoutSeconds;
        this.keepGoing = keepGoing;
    }

    public Result run(Path notebook, Path outDir) throws IOException {
        ObjectNode nb = (ObjectNode) JSON.readTree(notebook.toFile());
        Path dir = notebook.toAbsolutePath().getParent();
        evaluator.setWorkDir(dir);
        ArrayNode cells = (ArrayNode) nb.get("cells");
        giveCellsIds(cells);
        Map<String, ObjectNode> byDisplayId = new HashMap<>();
        int count = 0;
        long runStart = System.nanoTime();
        int slowest = -1;
        double slowestSeconds = 0;
        Integer failed = null;
        CellError firstError = null;
        ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "jgrad-watchdog");
            t.setDaemon(true);
            return t;
        });
        try {
            for (int i = 0; i < cells.size(); i++) {
                ObjectNode cell = (ObjectNode) cells.get(i);
                if (!"code".equals(cell.path("cell_type").asText())) continue;
                String source = text(cell.get("source"));
                ArrayNode outputs = F.arrayNode();
                cell.set("outputs", outputs);
                if (source.isBlank()) {
                    cell.putNull("execution_count");
                    continue;
                }
                count++;
                cell.put("execution_count", count);
                NotebookOutput out = new NotebookOutput(outputs, byDisplayId);
                boolean[] timedOut = {false};
                ScheduledFuture<?> timer = timeoutSeconds > 0
                        ? watchdog.schedule(() -> { timedOut[0] = true; evaluator.interrupt(); }, (long) (timeoutSeconds * 1000), TimeUnit.MILLISECONDS)
                        : null;
                CellError error = null;
                long cellStart = System.nanoTime();
                try {
                    Map<String, Object> result = evaluator.eval(source, out);
                    if (result != null) {
                        ObjectNode r = outputs.addObject();
                        r.put("output_type", "execute_result");
                        r.put("execution_count", count);
                        r.set("data", bundle(result));
                        r.set("metadata", F.objectNode());
                    }
                } catch (CellError e) {
                    error = timedOut[0] && e.ename.equals("Interrupted")
                            ? new CellError("Timeout", "the cell ran longer than " + timeoutSeconds + " s and was stopped", List.of("Timeout: the cell ran longer than " + timeoutSeconds + " s and was stopped"))
                            : e;
                } finally {
                    if (timer != null) timer.cancel(false);
                    out.finish();
                    double cellSeconds = (System.nanoTime() - cellStart) / 1e9;
                    if (cellSeconds > slowestSeconds) {
                        slowestSeconds = cellSeconds;
                        slowest = i;
                    }
                }
                if (error != null) {
                    ObjectNode r = outputs.addObject();
                    r.put("output_type", "error");
                    r.put("ename", error.ename);
                    r.put("evalue", error.evalue);
                    ArrayNode tb = r.putArray("traceback");
                    error.traceback.forEach(tb::add);
                    if (firstError == null) {
                        firstError = error;
                        failed = i;
                    }
                    if (!keepGoing) break;
                }
            }
        } finally {
            watchdog.shutdownNow();
        }
        nb.put("nbformat", 4);
        nb.put("nbformat_minor", Math.max(5, nb.path("nbformat_minor").asInt(5)));   // 4.5: cells have ids
        ObjectNode meta = nb.has("metadata") ? (ObjectNode) nb.get("metadata") : nb.putObject("metadata");
        if (!meta.has("kernelspec")) {
            ObjectNode ks = meta.putObject("kernelspec");
            ks.put("name", "jgrad");
            ks.put("display_name", "Java (jgrad)");
            ks.put("language", "java");
        }
        ObjectNode li = meta.putObject("language_info");
        li.put("name", "java");
        li.put("version", Runtime.version().toString());
        li.put("mimetype", "text/x-java");
        li.put("file_extension", ".jshell");
        Path target = outDir == null ? notebook : outDir.resolve(notebook.getFileName());
        if (outDir != null) Files.createDirectories(outDir);
        String textOut = JSON.writeValueAsString(nb) + "\n";
        Files.writeString(target, textOut);
        return new Result(target, count, failed, firstError, (System.nanoTime() - runStart) / 1e9, slowest, slowestSeconds);
    }

    static String text(JsonNode source) {
        if (source == null) return "";
        if (source.isArray()) {
            StringBuilder b = new StringBuilder();
            source.forEach(n -> b.append(n.asText()));
            return b.toString();
        }
        return source.asText();
    }

    /**
     * nbformat 4.5 requires an {@code id} on every cell: cells that have one keep it, the others
     * get a stable one from their position ({@code cell-3}), so re-running a notebook changes no id.
     */
    static void giveCellsIds(ArrayNode cells) {
        java.util.Set<String> taken = new java.util.HashSet<>();
        cells.forEach(c -> {
            if (c.hasNonNull("id")) {
                taken.add(c.get("id").asText());
            }
        });
        for (int i = 0; i < cells.size(); i++) {
            ObjectNode cell = (ObjectNode) cells.get(i);
            if (!cell.hasNonNull("id")) {
                String id = "cell-" + i;
                for (int k = 2; taken.contains(id); k++) {
                    id = "cell-" + i + "-" + k;
                }
                taken.add(id);
                ObjectNode withId = F.objectNode();   // nbformat writes id right after cell_type
                withId.set("cell_type", cell.get("cell_type"));
                withId.put("id", id);
                cell.fields().forEachRemaining(e -> withId.set(e.getKey(), e.getValue()));
                cells.set(i, withId);
            }
        }
    }

    /** nbformat stores multi-line strings as lists of lines, each but the last ending in \n. */
    public static ArrayNode lines(String s) {
        ArrayNode a = F.arrayNode();
        int start = 0;
        while (start < s.length()) {
            int nl = s.indexOf('\n', start);
            int end = nl < 0 ? s.length() : nl + 1;
            a.add(s.substring(start, end));
            start = end;
        }
        return a;
    }

    /**
     * A notebook the runner writes is read more often than it is run, and is opened unrun by
     * viewers that sanitize HTML (nbconvert 7's {@code --sanitize-html} prints a figure's HTML as
     * text): a figure keeps its picture, {@code image/png}, which every renderer shows, and drops
     * the interactive HTML form that the live kernel sends. {@code -Djgrad.runner.interactiveFigures=true}
     * keeps it (for {@code ./course site}, whose pages load plotly.js themselves).
     */
    static final boolean INTERACTIVE_FIGURES = Boolean.getBoolean("jgrad.runner.interactiveFigures");

    static ObjectNode bundle(Map<String, Object> b) {
        ObjectNode o = F.objectNode();
        boolean pictureOnly = !INTERACTIVE_FIGURES && b.containsKey("image/png")
                && String.valueOf(b.get("text/html")).contains("class=\"jgrad-figure\"");
        b.forEach((mime, v) -> {
            if (pictureOnly && mime.equals("text/html")) return;
            if (mime.endsWith("json") && !(v instanceof String)) o.set(mime, JSON.valueToTree(v));
            else o.set(mime, lines(String.valueOf(v)));
        });
        return o;
    }

    private static final class NotebookOutput implements CellOutput {
        private final ArrayNode outputs;
        private final Map<String, ObjectNode> byDisplayId;
        private boolean clearPending;

        NotebookOutput(ArrayNode outputs, Map<String, ObjectNode> byDisplayId) {
            this.outputs = outputs;
            this.byDisplayId = byDisplayId;
        }

        private void beforeOutput() {
            if (clearPending) {
                finish();
                outputs.removeAll();
                clearPending = false;
            }
        }

        private ObjectNode lastStream;
        private StringBuilder lastText;

        /** Writes the text of the stream output being appended to. */
        synchronized void finish() {
            if (lastStream != null) lastStream.set("text", lines(lastText.toString()));
            lastStream = null;
            lastText = null;
        }

        @Override
        public synchronized void stream(String name, String text) {
            beforeOutput();
            if (lastStream != null && !outputs.isEmpty() && outputs.get(outputs.size() - 1) == lastStream
                    && name.equals(lastStream.path("name").asText())) {
                lastText.append(text);
                return;
            }
            finish();
            ObjectNode o = outputs.addObject();
            o.put("output_type", "stream");
            o.put("name", name);
            lastStream = o;
            lastText = new StringBuilder(text);
        }

        @Override
        public synchronized void display(Map<String, Object> bundle, String displayId, boolean update) {
            if (update) {
                ObjectNode old = displayId == null ? null : byDisplayId.get(displayId);
                if (old != null) old.set("data", bundle(bundle));
                return;
            }
            beforeOutput();
            finish();
            ObjectNode o = outputs.addObject();
            o.put("output_type", "display_data");
            o.set("data", bundle(bundle));
            o.set("metadata", F.objectNode());
            if (displayId != null) byDisplayId.put(displayId, o);
        }

        @Override
        public synchronized void clear(boolean wait) {
            if (wait) clearPending = true;
            else {
                finish();
                outputs.removeAll();
            }
        }
    }
}
