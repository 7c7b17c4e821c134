package org.jgrad.kernel;

import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.UnresolvedReferenceException;
import jdk.jshell.VarSnippet;
import org.jgrad.kernel.render.Renderers;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Evaluates cells with JShell in this JVM (see {@link GuardedExecutionControl}); shared by the
 * live kernel and the headless runner. One cell at a time.
 */
public final class Evaluator implements AutoCloseable {
    static final List<String> DEFAULT_IMPORTS = List.of(
            "java.util.*", "java.util.function.*", "java.util.stream.*",
            "org.jgrad.autodiff.*", "org.jgrad.nn.*", "org.jgrad.optim.*", "org.jgrad.data.*", "org.jgrad.plot.*",
            // exercises' checks: on the class path when the kernel runs with the exercises module (./course)
            "org.jgrad.grading.*",
            "tech.tablesaw.api.*", "tech.tablesaw.plotly.api.*", "tech.tablesaw.plotly.components.*",
            "tech.tablesaw.plotly.traces.*");

    private static final CellOutputStream OUT = new CellOutputStream("stdout", new java.io.FileOutputStream(java.io.FileDescriptor.out));
    private static final CellOutputStream ERR = new CellOutputStream("stderr", new java.io.FileOutputStream(java.io.FileDescriptor.err));
    private static final PrintStream OUT_PS = new PrintStream(OUT, true, StandardCharsets.UTF_8);
    private static final PrintStream ERR_PS = new PrintStream(ERR, true, StandardCharsets.UTF_8);

    /**
     * Jars the kernel itself runs on (protocol, bytecode rewriting, %maven's resolver), left out
     * of what cells compile against: students never name them, and javac reads less.
     */
    private static final java.util.regex.Pattern KERNEL_PLUMBING = java.util.regex.Pattern.compile(
            "(maven-|plexus-|httpclient|httpcore|commons-codec|jcl-over-slf4j|jeromq|jnacl|gson|asm-).*\\.jar");

    private final GuardedExecutionControl.Provider provider = new GuardedExecutionControl.Provider();
    private final JShell shell;
    private final SourceCodeAnalysis analysis;
    private final Magics magics;
    /** snippet id → (cell start offset of the snippet, the cell's text) for mapping stack frames. */
    private final Map<String, int[]> snippetLines = new HashMap<>();
    private volatile boolean interrupted;
    /** When a cell last started or ended, and whether one runs: background work waits for a pause. */
    private volatile long lastActivity = System.nanoTime();
    private volatile boolean busy;
    private volatile boolean closed;
    private Path workDir = Paths.get("").toAbsolutePath();

    /**
     * The matrix-product engine is chosen (loading the native BLAS, a few hundred ms) beside
     * JShell's start, and before any cell takes over System.err: a missing BLAS is then said on
     * the kernel's own stderr, where said inside a cell it would fail that cell under nbgrader.
     */
    private final Thread blasLoader = new Thread(org.jgrad.autodiff.Tensor::matmulEngine, "jgrad-blas-load");

    public Evaluator() {
        blasLoader.setDaemon(true);
        blasLoader.start();
        shell = JShell.builder()
                .executionEngine(provider, Map.of())
                .fileManager(standard -> new KernelFileManager(standard, this::waitUntilIdle))
                .out(OUT_PS).err(ERR_PS)
                .build();
        // one call for the whole class path: each call re-reads the class path and re-indexes it for completion
        List<String> cellClassPath = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.isBlank() && !KERNEL_PLUMBING.matcher(Paths.get(entry).getFileName().toString()).matches()) {
                cellClassPath.add(entry);
            }
        }
        shell.addToClasspath(String.join(File.pathSeparator, cellClassPath));
        StringBuilder imports = new StringBuilder();
        ClassLoader cl = Evaluator.class.getClassLoader();
        for (String imp : DEFAULT_IMPORTS) {
            String pkg = imp.substring(0, imp.length() - 2);
            if (pkg.startsWith("java.") || cl.getResource(pkg.replace('.', '/')) != null) {
                imports.append("import ").append(imp).append(";\n");
            }
        }
        imports.append("import static org.jgrad.kernel.Display.*;\n");
        for (String line : imports.toString().split("\n")) shell.eval(line);
        // created last: it starts indexing the JDK and the class path for completion on another
        // thread, which would compete with javac's first compilations above
        analysis = shell.sourceCodeAnalysis();
        magics = new Magics(this);
    }

    private void joinBlasLoader() {
        try {
            blasLoader.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Compiles and runs a throwaway snippet so javac is warm before the first real cell. */
    public void warmUp() {
        for (SnippetEvent e : shell.eval("int $jgradWarmUp = java.util.List.of(1).size() + 1;")) {
            if (e.snippet() instanceof jdk.jshell.PersistentSnippet ps) shell.drop(ps);
        }
    }

    /**
     * Runs, once, what a student's first plot, matrix product or Value graph would otherwise pay
     * for on first use: Tablesaw's start-up (it scans the class path for its readers, ≈0.3–1 s),
     * a figure through the renderers (Pebble templates, Jackson, the SVG drawing), tensors and
     * Values with their renderers. Each step waits until no cell has run for a moment, so it
     * neither delays a cell nor runs during "Run all". Plain Java, no JShell: a cell may start
     * meanwhile. It leaves no trace: nothing is printed, the shared seeded random source is not
     * used (the matrix-product engine was chosen, and a missing BLAS reported, at start-up).
     * Returns the steps done (for the kernel log and tests); an empty list if closed first.
     */
    public List<String> warmUpLibraries() {
        List<String> done = new ArrayList<>();
        try {
            step(done, "tablesaw", () -> {
                double[] x = {0, 1, 2, 3}, y = {1, 0, 3, 2};
                return tech.tablesaw.api.Table.create("warm-up").addColumns(
                        tech.tablesaw.api.DoubleColumn.create("x", x), tech.tablesaw.api.DoubleColumn.create("y", y));
            });
            step(done, "plot", () -> Renderers.render(tech.tablesaw.plotly.api.LinePlot.create("warm-up",
                    tech.tablesaw.api.Table.create("warm-up").addColumns(
                            tech.tablesaw.api.DoubleColumn.create("x", new double[] {0, 1, 2}),
                            tech.tablesaw.api.DoubleColumn.create("y", new double[] {2, 0, 1})), "x", "y")));
            step(done, "value", () -> {
                org.jgrad.autodiff.Value a = new org.jgrad.autodiff.Value(0.5, "a");
                org.jgrad.autodiff.Value loss = a.mul(2).add(1).tanh().sub(1).pow(2);
                loss.backward();
                Renderers.render(GraphDrawing.of(loss));
                return Renderers.render(loss);
            });
            step(done, "tensor", () -> {
                java.util.Random r = new java.util.Random(1);   // never the shared Rng: a student's seed stays as set
                org.jgrad.autodiff.Tensor small = org.jgrad.autodiff.Tensor.randn(r, 3, 3);
                Renderers.render(small.matmul(small).add(1.0).mul(2.0));
                org.jgrad.autodiff.Tensor m = org.jgrad.autodiff.Tensor.randn(r, 64, 64);
                return Renderers.render(m.matmul(m));
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return done;
    }

    private void step(List<String> done, String name, java.util.concurrent.Callable<?> body) throws InterruptedException {
        while (!closed && (busy || System.nanoTime() - lastActivity < 300_000_000L)) Thread.sleep(50);
        if (closed) return;
        try {
            body.call();
            done.add(name);
        } catch (Throwable t) {
            // a warm-up is worth nothing to the student's cells if it fails; they meet the error themselves
            KernelLog.log("warm-up step " + name + " failed: " + t);
        }
    }

    public void setWorkDir(Path dir) { workDir = dir.toAbsolutePath(); }

    Path workDir() { return workDir; }

    JShell shell() { return shell; }

    /** Nanoseconds spent so far running cell code, compilation excluded. */
    long runNanos() {
        GuardedExecutionControl c = provider.control;
        return c == null ? 0 : c.runNanos;
    }

    /** Interrupts the running cell (from another thread). */
    public void interrupt() {
        interrupted = true;
        GuardedExecutionControl c = provider.control;
        if (c != null) c.stop();
    }

    /**
     * Runs a cell. Streams and displays go to out while it runs; returns the bundle of the last
     * expression's value (or null); throws {@link CellError} when the cell fails.
     */
    public Map<String, Object> eval(String cell, CellOutput out) {
        busy = true;
        lastActivity = System.nanoTime();
        interrupted = false;
        Guard.clear();
        PrintStream oldOut = System.out, oldErr = System.err;
        CellOutputStream.resetCell();
        OUT.target = out;
        ERR.target = out;
        Display.current = CellOutputStream.ordered(out);   // after the output printed before it
        joinBlasLoader();
        System.setOut(OUT_PS);
        System.setErr(ERR_PS);
        try {
            return evalWithMagics(cell);
        } catch (CellError e) {
            throw e;
        } catch (Guard.Interrupted e) {
            throw interruptedError();
        } catch (Throwable t) {
            // never out of here without a CellError: the front end must answer every request
            KernelLog.log("a cell failed inside the kernel: " + t);
            String msg = "the kernel could not finish this cell: " + t + "; the kernel is still running";
            throw new CellError(simpleName(t.getClass().getName()), msg, List.of(simpleName(t.getClass().getName()) + ": " + msg));
        } finally {
            OUT_PS.flush();
            ERR_PS.flush();
            OUT.finishCell();
            ERR.finishCell();
            Display.current = null;
            OUT.target = null;
            ERR.target = null;
            System.setOut(oldOut);
            System.setErr(oldErr);
            Guard.clear();
            lastActivity = System.nanoTime();
            busy = false;
        }
    }

    /** When the last cell ended (System.nanoTime()), or -1 while one runs. */
    long idleSince() { return busy ? -1 : lastActivity; }

    boolean isClosed() { return closed; }

    /** Blocks until no cell has run for a second (or the evaluator is closed). */
    private void waitUntilIdle() {
        try {
            while (!closed && (busy || System.nanoTime() - lastActivity < 1_000_000_000L)) Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    Map<String, Object> evalWithMagics(String cell) {
        if (cell.startsWith("%%")) return magics.cellMagic(cell);
        // line magics run first, in order; their lines are blanked so positions stay right
        String[] lines = cell.split("\n", -1);
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            String t = lines[i].strip();
            if (t.startsWith("%") && !t.startsWith("%%")) {
                magics.lineMagic(t.substring(1));
                lines[i] = "";
            }
            code.append(lines[i]);
            if (i < lines.length - 1) code.append('\n');
        }
        return evalCode(code.toString());
    }

    /** Evaluates Java source (no magics). */
    Map<String, Object> evalCode(String cell) {
        String remaining = cell;
        int offset = 0;
        Object value = null;
        boolean hasValue = false;
        while (!remaining.isBlank()) {
            if (interrupted) throw interruptedError();
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
            String source;
            int consumed;
            switch (info.completeness()) {
                case EMPTY -> { return hasValue ? show(value) : null; }
                case DEFINITELY_INCOMPLETE, CONSIDERED_INCOMPLETE, UNKNOWN -> {
                    source = remaining;
                    consumed = remaining.length();
                }
                default -> {
                    source = info.source();
                    consumed = remaining.length() - info.remaining().length();
                }
            }
            String part = remaining.substring(0, consumed);
            int lead = 0;
            while (lead < part.length() && Character.isWhitespace(part.charAt(lead))) lead++;
            int start = offset + lead;
            // JShell maps a frame's line wrongly when the source starts with whitespace (every
            // line inside a lambda or method reads as the snippet's first), so it gets none
            int srcLead = 0;
            while (srcLead < source.length() && Character.isWhitespace(source.charAt(srcLead))) srcLead++;
            source = source.substring(srcLead);
            hasValue = false;
            List<SnippetEvent> events = info.completeness() == SourceCodeAnalysis.Completeness.COMPLETE
                    ? evalAsValue(source) : null;
            if (events == null) events = shell.eval(source);
            noteResetVariables(events);
            for (SnippetEvent e : events) {
                if (e.causeSnippet() != null) continue;
                Snippet s = e.snippet();
                snippetLines.put(s.id(), new int[] {lineOf(cell, start)});
                if (e.status() == Snippet.Status.REJECTED) throw compileError(cell, offset + srcLead, s);
                boolean isValue = isValueHolder(s);
                if (isValue) shell.drop((VarSnippet) s);   // it has done its job (see evalAsValue)
                if (e.exception() != null) {
                    if (interrupted) throw interruptedError();
                    throw exceptionError(e.exception());
                }
                if (isValue || (isExpression(s) && !source.strip().endsWith(";"))) {   // `x;` is a statement, `x` a result
                    hasValue = true;
                    GuardedExecutionControl c = provider.control;
                    value = c != null ? c.lastValue : e.value();
                }
                if (s instanceof VarSnippet && s.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND) {
                    // JShell keeps every expression as a variable $1, $2, …, and each one makes every
                    // later cell slower to compile (1 + 1: 15 ms with them dropped, 40-50 ms and
                    // growing without). Notebooks name what they keep, so the $n variables go.
                    shell.drop((VarSnippet) s);
                }
                if (e.status() == Snippet.Status.RECOVERABLE_DEFINED || e.status() == Snippet.Status.RECOVERABLE_NOT_DEFINED) {
                    List<String> unresolved = shell.unresolvedDependencies((jdk.jshell.DeclarationSnippet) s).toList();
                    System.out.println("note: defined, but cannot be used until " + String.join(", ", unresolved) + " is declared");
                }
            }
            offset += consumed;
            remaining = remaining.substring(consumed);
        }
        return hasValue ? show(value) : null;
    }

    /**
     * The cell's result rendered as the cell itself runs: on the cell thread, interruptible, with
     * the text capped like the cell's output. toString and renderers are cell code too, and may
     * loop, overflow the stack or throw; that ends the cell with an error saying so.
     */
    private Map<String, Object> show(Object value) {
        GuardedExecutionControl c = provider.control;
        Map<String, Object> bundle;
        try {
            bundle = c != null ? c.onCellThread(() -> Renderers.render(value)) : Renderers.render(value);
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw renderError(e.getCause());
        } catch (Throwable t) {
            throw renderError(t);
        }
        if (bundle.get("text/plain") instanceof String text && text.length() > CellOutputStream.CAP) {
            int cut = (int) CellOutputStream.CAP;
            if (Character.isHighSurrogate(text.charAt(cut - 1))) cut--;
            bundle.put("text/plain", text.substring(0, cut) + "\n[output truncated: " + (text.length() - cut) + " characters more]");
        }
        return bundle;
    }

    private CellError renderError(Throwable t) {
        if (t instanceof Guard.Interrupted || interrupted) return interruptedError();
        if (t instanceof Guard.ExitCalled x) return exitError(x.getMessage());
        String cls = t.getClass().getName();
        String what;
        if (t instanceof StackOverflowError) what = "its toString() overflowed the stack (a structure that contains itself?)";
        else if (t instanceof OutOfMemoryError) what = "its toString() ran out of memory (the text would be too long)";
        else what = "its toString() threw " + cls + (t.getMessage() != null ? ": " + t.getMessage() : "");
        String msg = "could not show the value: " + what;
        List<String> tb = new ArrayList<>();
        tb.add(simpleName(cls) + ": " + msg);
        if (!(t instanceof StackOverflowError)) appendFrames(t, tb);
        return new CellError(simpleName(cls), msg, tb);
    }

    /**
     * Redefining a class makes JShell declare again the variables of that class: their values are
     * gone (null), or they cannot be used at all. jshell says so, and so does the cell, on stdout
     * (nbgrader fails a cell that writes to stderr).
     */
    private void noteResetVariables(List<SnippetEvent> events) {
        Map<Snippet, List<String>> reset = new java.util.LinkedHashMap<>();
        Map<Snippet, List<String>> unusable = new java.util.LinkedHashMap<>();
        boolean allNull = true;
        for (SnippetEvent e : events) {
            if (e.causeSnippet() == null || !(e.snippet() instanceof VarSnippet v) || isValueHolder(v)
                    || !e.previousStatus().isActive()) continue;
            if (e.status() == Snippet.Status.VALID && e.isSignatureChange()) {
                reset.computeIfAbsent(e.causeSnippet(), k -> new ArrayList<>()).add(v.name());
                allNull &= defaultValue(v.typeName()).equals("null");
            } else if (e.status() == Snippet.Status.RECOVERABLE_DEFINED || e.status() == Snippet.Status.RECOVERABLE_NOT_DEFINED) {
                List<String> missing = shell.unresolvedDependencies(v).toList();
                unusable.computeIfAbsent(e.causeSnippet(), k -> new ArrayList<>()).add("variable " + v.name()
                        + " cannot be used until " + (missing.isEmpty() ? "it is declared again" : String.join(" and ", missing) + " is declared"));
            }
        }
        java.util.Set<Snippet> causes = new java.util.LinkedHashSet<>(reset.keySet());
        causes.addAll(unusable.keySet());
        for (Snippet cause : causes) {
            List<String> parts = new ArrayList<>();
            List<String> names = reset.getOrDefault(cause, List.of());
            if (!names.isEmpty()) {
                parts.add((names.size() == 1 ? "variable " : "variables ") + andList(names)
                        + (names.size() == 1 ? " was" : " were") + " reset to " + (allNull ? "null" : "null, 0 or false (by type)"));
            }
            parts.addAll(unusable.getOrDefault(cause, List.of()));
            System.out.println("note: " + describe(cause) + " was redefined: " + String.join("; ", parts));
        }
    }

    private static String andList(List<String> names) {
        if (names.size() == 1) return names.get(0);
        return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
    }

    private static String defaultValue(String type) {
        return switch (type) {
            case "boolean" -> "false";
            case "byte", "short", "char", "int", "long", "float", "double" -> "0";
            default -> "null";
        };
    }

    /** "class Node", "record Size", "method f", as jshell names what changed. */
    private static String describe(Snippet s) {
        String name = s instanceof jdk.jshell.PersistentSnippet p ? p.name() : s.source().strip();
        String kind = switch (s.subKind()) {
            case INTERFACE_SUBKIND -> "interface";
            case ENUM_SUBKIND -> "enum";
            case ANNOTATION_TYPE_SUBKIND -> "annotation interface";
            case RECORD_SUBKIND -> "record";
            case METHOD_SUBKIND -> "method";
            default -> s.kind() == Snippet.Kind.TYPE_DECL ? "class" : s.kind() == Snippet.Kind.VAR ? "variable" : "";
        };
        return kind.isEmpty() ? name : kind + " " + name;
    }

    /**
     * Prefix of the variables {@link #evalAsValue} declares, numbered: each is a new JShell
     * declaration (re-declaring one name made every cell slower than the last).
     */
    static final String VALUE_HOLDER = "$jgradValue";
    private int holders;

    /**
     * Evaluates an expression that ends a cell as {@code Object $jgradValueN = <expression>;}. For a
     * bare expression JShell runs javac five times (parse, two analyses to type a temporary
     * variable, analysis and compilation of the wrapper); a variable of a declared type needs
     * three, which makes a trivial cell about a third cheaper. The holder is dropped once read.
     * Returns null, having run nothing, when the source is not such an expression (a statement,
     * a void call, an unresolved name…): then the source is evaluated as it is, with JShell's own
     * diagnostics.
     */
    private List<SnippetEvent> evalAsValue(String source) {
        String code = source.strip();
        if (code.isEmpty() || code.endsWith(";") || code.endsWith("}")) return null;
        char first = code.charAt(0);
        if (!Character.isJavaIdentifierStart(first) && !Character.isDigit(first) && "(\"'-+!~".indexOf(first) < 0) return null;
        // a switch expression is typed by its target: `switch (k) { case 1 -> 1; default -> 2.0; }`
        // is 1.0 on its own but 1 when assigned to Object
        if (code.contains("switch")) return null;
        // the semicolon on a line of its own: a trailing // comment must not swallow it
        List<SnippetEvent> events = shell.eval("Object " + VALUE_HOLDER + (++holders) + " = " + source + "\n;");
        for (SnippetEvent e : events) {
            if (e.causeSnippet() == null && isValueHolder(e.snippet())) {
                if (e.status() == Snippet.Status.VALID) return events;   // it ran (perhaps throwing)
                if (e.status() != Snippet.Status.REJECTED) shell.drop((VarSnippet) e.snippet());
            }
        }
        return null;
    }

    private static boolean isValueHolder(Snippet s) {
        return s instanceof VarSnippet v && v.name().startsWith(VALUE_HOLDER);
    }

    private static boolean isExpression(Snippet s) {
        return s.kind() == Snippet.Kind.EXPRESSION
                || (s instanceof VarSnippet && s.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND);
    }

    private static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < text.length(); i++) if (text.charAt(i) == '\n') line++;
        return line;
    }

    /** start: where the snippet's source (including its leading whitespace) begins in the cell. */
    private CellError compileError(String cell, int start, Snippet s) {
        List<String> tb = new ArrayList<>();
        String first = null;
        for (Diag d : shell.diagnostics(s).toList()) {
            if (!d.isError()) continue;
            int pos = start + (int) Math.max(0, d.getStartPosition());
            int line = lineOf(cell, pos);
            int lineStart = cell.lastIndexOf('\n', Math.max(0, pos - 1)) + 1;
            if (pos > 0 && cell.charAt(pos - 1) == '\n') lineStart = pos;
            int lineEnd = cell.indexOf('\n', lineStart);
            if (lineEnd < 0) lineEnd = cell.length();
            int col = pos - lineStart + 1;
            String msg = diagnosticMessage(d);
            if (first == null) first = "line " + line + ", column " + col + ": " + msg;
            tb.add("Compile error at line " + line + ", column " + col + ": " + msg);
            tb.add("  " + cell.substring(lineStart, lineEnd));
            tb.add("  " + caretPadding(cell.substring(lineStart, Math.max(lineStart, Math.min(pos, lineEnd)))) + "^");
        }
        if (first == null) {
            first = "the code could not be compiled: " + s.source().strip();
            tb.add(first);
        }
        return new CellError("CompilationError", first, tb);
    }

    /**
     * javac's message with JShell's wrapper class blanked out: "location: class " with nothing
     * after it is the cell itself, so that line goes.
     */
    private static String diagnosticMessage(Diag d) {
        String msg = studentNames(d.getMessage(Locale.ROOT));
        return msg.replaceAll("\n[ \t]*location: class[ \t]*(?=\n|$)", "");
    }

    /**
     * Spaces (and the line's own tabs) as wide on screen as text, so a caret below lands under
     * the right character: East Asian wide and fullwidth characters take two columns, combining
     * marks none, and a tab is copied as it is (it then expands as the line above does).
     */
    static String caretPadding(String text) {
        StringBuilder b = new StringBuilder();
        text.codePoints().forEach(cp -> {
            if (cp == '\t') b.append('\t');
            else b.append(" ".repeat(displayWidth(cp)));
        });
        return b.toString();
    }

    static int displayWidth(String text) { return text.codePoints().map(Evaluator::displayWidth).sum(); }

    /** Columns a code point takes in a monospaced font (after Unicode's East_Asian_Width W and F). */
    static int displayWidth(int cp) {
        int type = Character.getType(cp);
        if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK || type == Character.FORMAT
                || (cp >= 0x1160 && cp <= 0x11FF)) return 0;   // Hangul medial vowels and finals join the syllable
        boolean wide = (cp >= 0x1100 && cp <= 0x115F) || cp == 0x2329 || cp == 0x232A
                || (cp >= 0x231A && cp <= 0x231B) || (cp >= 0x23E9 && cp <= 0x23EC) || (cp >= 0x25FD && cp <= 0x25FE)
                || (cp >= 0x2614 && cp <= 0x2615) || (cp >= 0x2648 && cp <= 0x2653) || (cp >= 0x26AA && cp <= 0x26AB)
                || (cp >= 0x26BD && cp <= 0x26BE) || (cp >= 0x26C4 && cp <= 0x26C5) || cp == 0x26A1 || cp == 0x26CE
                || cp == 0x26D4 || cp == 0x26EA || (cp >= 0x26F2 && cp <= 0x26F5) || cp == 0x26FA || cp == 0x26FD
                || cp == 0x2705 || (cp >= 0x270A && cp <= 0x270B) || cp == 0x2728 || cp == 0x274C || cp == 0x274E
                || (cp >= 0x2753 && cp <= 0x2755) || cp == 0x2757 || (cp >= 0x2795 && cp <= 0x2797) || cp == 0x27B0
                || cp == 0x27BF || (cp >= 0x2B1B && cp <= 0x2B1C) || cp == 0x2B50 || cp == 0x2B55
                || (cp >= 0x2E80 && cp <= 0x303E) || (cp >= 0x3041 && cp <= 0x33FF) || (cp >= 0x3400 && cp <= 0x4DBF)
                || (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xA000 && cp <= 0xA4CF) || (cp >= 0xA960 && cp <= 0xA97F)
                || (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE10 && cp <= 0xFE19)
                || (cp >= 0xFE30 && cp <= 0xFE6F) || (cp >= 0xFF00 && cp <= 0xFF60) || (cp >= 0xFFE0 && cp <= 0xFFE6)
                || (cp >= 0x16FE0 && cp <= 0x18CFF) || (cp >= 0x1B000 && cp <= 0x1B2FF) || cp == 0x1F004 || cp == 0x1F0CF
                || cp == 0x1F18E || (cp >= 0x1F191 && cp <= 0x1F19A) || (cp >= 0x1F200 && cp <= 0x1F251)
                || (cp >= 0x1F300 && cp <= 0x1F64F && !(cp >= 0x1F321 && cp <= 0x1F32C) && cp != 0x1F336
                    && cp != 0x1F37D && !(cp >= 0x1F394 && cp <= 0x1F39F) && !(cp >= 0x1F3CB && cp <= 0x1F3CE)
                    && !(cp >= 0x1F3D4 && cp <= 0x1F3DF) && !(cp >= 0x1F3F1 && cp <= 0x1F3F3) && !(cp >= 0x1F3F5 && cp <= 0x1F3F7)
                    && cp != 0x1F43F && cp != 0x1F441 && !(cp >= 0x1F4FD && cp <= 0x1F4FE) && !(cp >= 0x1F53E && cp <= 0x1F54A)
                    && cp != 0x1F54F && !(cp >= 0x1F568 && cp <= 0x1F579) && !(cp >= 0x1F57B && cp <= 0x1F594)
                    && !(cp >= 0x1F597 && cp <= 0x1F5A3) && !(cp >= 0x1F5A5 && cp <= 0x1F5FA))
                || (cp >= 0x1F680 && cp <= 0x1F6C5) || cp == 0x1F6CC || (cp >= 0x1F6D0 && cp <= 0x1F6D2)
                || (cp >= 0x1F6D5 && cp <= 0x1F6D7) || (cp >= 0x1F6DC && cp <= 0x1F6DF) || (cp >= 0x1F6EB && cp <= 0x1F6EC)
                || (cp >= 0x1F6F4 && cp <= 0x1F6FC) || (cp >= 0x1F7E0 && cp <= 0x1F7EB) || cp == 0x1F7F0
                || (cp >= 0x1F90C && cp <= 0x1F93A) || (cp >= 0x1F93C && cp <= 0x1F945) || (cp >= 0x1F947 && cp <= 0x1F9FF)
                || (cp >= 0x1FA70 && cp <= 0x1FAFF) || (cp >= 0x20000 && cp <= 0x2FFFD) || (cp >= 0x30000 && cp <= 0x3FFFD);
        return wide ? 2 : 1;
    }

    /** JShell's wrapper classes (REPL.$JShell$12.x, REPL.$JShell$12$Cat) named as the student wrote them. */
    private static final java.util.regex.Pattern WRAPPER = java.util.regex.Pattern.compile("(?:REPL\\.)?\\$JShell\\$[0-9A-Za-z_]+[.$]?");

    static String studentNames(String text) {
        return text == null ? null : WRAPPER.matcher(text).replaceAll("");
    }

    private CellError interruptedError() {
        return new CellError("Interrupted", "the cell was interrupted; earlier definitions are kept",
                List.of("Interrupted: the cell was interrupted; earlier definitions are kept"));
    }

    private static CellError exitError(String call) {
        String msg = call + ": the cell stopped there; the kernel is still running and all earlier definitions are kept";
        return new CellError("SystemExit", msg, List.of("SystemExit: " + msg));
    }

    private CellError exceptionError(JShellException ex) {
        if (ex instanceof UnresolvedReferenceException u) {
            String msg = "uses " + u.getSnippet().toString() + ", which cannot run until its missing declarations exist";
            return new CellError("UnresolvedReference", msg, List.of("UnresolvedReference: " + msg));
        }
        EvalException e = (EvalException) ex;
        String cls = e.getExceptionClassName();
        if (cls.equals(Guard.Interrupted.class.getName())) return interruptedError();
        if (cls.equals(Guard.ExitCalled.class.getName())) return exitError(e.getMessage());
        List<String> tb = new ArrayList<>();
        String message = studentNames(e.getMessage());
        tb.add(cls + (message != null ? ": " + message : ""));
        appendFrames(e, tb);
        Throwable cause = e.getCause();
        int depth = 0;
        while (cause != null && depth++ < 5) {
            String cn = cause instanceof EvalException ee ? ee.getExceptionClassName() : cause.getClass().getName();
            tb.add("Caused by: " + cn + (cause.getMessage() != null ? ": " + studentNames(cause.getMessage()) : ""));
            appendFrames(cause, tb);
            cause = cause.getCause();
        }
        if (cls.equals("java.lang.OutOfMemoryError")) {
            tb.add("(the kernel ran out of memory: its heap limit is " + (Runtime.getRuntime().maxMemory() >> 20)
                    + " MB, set at install with --max-heap; it is still running, but large objects from earlier cells may need to be released)");
        }
        if (cls.equals("java.lang.StackOverflowError")) tb.add("(a method called itself too deeply: check the recursion's base case)");
        return new CellError(simpleName(cls), message == null ? "" : message, tb);
    }

    private static String simpleName(String cls) {
        int i = cls.lastIndexOf('.');
        return i < 0 ? cls : cls.substring(i + 1);
    }

    private void appendFrames(Throwable e, List<String> tb) {
        int shown = 0;
        StackTraceElement[] frames = e.getStackTrace();
        for (StackTraceElement f : frames) {
            String c = f.getClassName();
            if (c.startsWith("jdk.internal.reflect") || c.startsWith("java.lang.reflect") || c.startsWith("org.jgrad.kernel.")) break;
            if (shown++ >= 25) {
                tb.add("\t... more frames");
                break;
            }
            String file = f.getFileName();
            if (file != null && file.startsWith("#")) {
                int[] base = snippetLines.get(file.substring(1));
                String where = base != null && f.getLineNumber() > 0 ? "cell line " + (base[0] + f.getLineNumber() - 1) : "cell";
                String m = f.getMethodName();
                if (m.startsWith("lambda$")) m = "<lambda>";   // javac's lambda$do_it$$0
                tb.add("\tat " + (m.isEmpty() || m.startsWith("do_it") ? "<cell>" : m) + " (" + where + ")");
            } else {
                tb.add("\tat " + studentNames(f.toString()));
            }
        }
    }

    /** "complete", "incomplete", or "invalid". */
    public String isComplete(String code) {
        String remaining = stripMagics(code);
        while (!remaining.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
            switch (info.completeness()) {
                case DEFINITELY_INCOMPLETE, CONSIDERED_INCOMPLETE: return "incomplete";
                case UNKNOWN: return "invalid";
                case EMPTY: return "complete";
                default: remaining = info.remaining();
            }
        }
        return "complete";
    }

    private static String stripMagics(String code) {
        if (code.startsWith("%%")) {
            int nl = code.indexOf('\n');
            return nl < 0 ? "" : code.substring(nl + 1);
        }
        StringBuilder b = new StringBuilder();
        for (String line : code.split("\n", -1)) b.append(line.strip().startsWith("%") ? "" : line).append('\n');
        return b.toString();
    }

    /** Start of the snippet that contains cursor. */
    private int snippetStart(String code, int cursor) {
        int offset = 0;
        String remaining = code;
        while (!remaining.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
            if (info.completeness() != SourceCodeAnalysis.Completeness.COMPLETE
                    && info.completeness() != SourceCodeAnalysis.Completeness.COMPLETE_WITH_SEMI) break;
            int consumed = remaining.length() - info.remaining().length();
            if (offset + consumed >= cursor || consumed == 0) break;
            offset += consumed;
            remaining = info.remaining();
        }
        return offset;
    }

    /** Completion: [start, end) of the text to replace, and the replacements. */
    public record Completion(int start, int end, List<String> options) {}

    public Completion complete(String code, int cursor) {
        int base = snippetStart(code, cursor);
        String part = code.substring(base, cursor);
        // the cell has not run: the variables and classes it declares before the cursor are unknown
        // to JShell. Members: complete the snippet inside a block after those declarations, where
        // they are locals of known types. Names: JShell offers no locals, so add the declared ones.
        List<String> declared = new ArrayList<>();
        String declarations = declarationsBefore(code, base, declared);
        Completion c = declared.isEmpty() ? null : suggestions("{" + declarations + part, cursor);
        if (c == null || c.options().isEmpty()) c = suggestions(part, cursor);
        int start = cursor;
        while (start > base && Character.isJavaIdentifierPart(code.charAt(start - 1))) start--;
        String prefix = code.substring(start, cursor);
        boolean member = start > 0 && code.charAt(start - 1) == '.';
        if (!prefix.isEmpty() && !member && Character.isJavaIdentifierStart(prefix.charAt(0))) {
            List<String> options = new ArrayList<>(c.options());
            for (String name : declared) if (name.startsWith(prefix) && !options.contains(name)) options.add(name);
            if (options.size() > c.options().size()) c = new Completion(start, cursor, options);
        }
        return c;
    }

    /** Completes text, which ends at the cell's cursor. */
    private Completion suggestions(String text, int cursor) {
        int[] anchor = new int[1];
        List<String> options = new ArrayList<>();
        for (SourceCodeAnalysis.Suggestion s : analysis.completionSuggestions(text, text.length(), anchor)) {
            if (!options.contains(s.continuation())) options.add(s.continuation());
        }
        return new Completion(cursor - (text.length() - anchor[0]), cursor, options);
    }

    /** A class, interface, enum or record declaration; group 1 is its name. */
    private static final java.util.regex.Pattern TYPE_DECLARATION = java.util.regex.Pattern.compile(
            "(?:(?:@[\\w.]+(?:\\([^)]*\\))?|public|protected|private|static|final|abstract|sealed|non-sealed|strictfp)\\s+)*"
            + "(?:class|interface|enum|record|@interface)\\s+([A-Za-z_$][\\w$]*)");

    /**
     * The variable and class declarations among the complete snippets of code[0, end), as
     * statements of a block (methods and imports cannot stand in one); their names go to
     * declared. Nothing is run.
     */
    private String declarationsBefore(String code, int end, List<String> declared) {
        StringBuilder b = new StringBuilder();
        String remaining = stripMagics(code.substring(0, end));
        while (!remaining.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
            if (info.completeness() != SourceCodeAnalysis.Completeness.COMPLETE
                    && info.completeness() != SourceCodeAnalysis.Completeness.COMPLETE_WITH_SEMI) break;
            String source = info.source();
            // types are recognised by their text: on JDK 25, sourceToSnippets of a type declaration
            // leaves JShell's documentation() answering nothing from then on
            java.util.regex.Matcher type = TYPE_DECLARATION.matcher(source.strip());
            if (type.lookingAt()) {
                b.append(source).append('\n');
                declared.add(type.group(1));
            } else {
                for (Snippet s : analysis.sourceToSnippets(source)) {
                    if (s instanceof VarSnippet v) {
                        b.append(source).append('\n');
                        declared.add(v.name());
                    }
                }
            }
            remaining = info.remaining();
        }
        return b.toString();
    }

    /** Signature and Javadoc of what is at cursor, or null. */
    public String inspect(String code, int cursor) {
        useLibrarySources();
        int base = snippetStart(code, cursor);
        // extend to the end of the identifier under the cursor
        int end = cursor;
        while (end < code.length() && Character.isJavaIdentifierPart(code.charAt(end))) end++;
        String part = code.substring(base, end);
        List<SourceCodeAnalysis.Documentation> docs = documentation(part);
        if (docs.isEmpty()) {
            // a variable declared earlier in the same, unrun cell: as for completion, in a block after the declarations
            String declarations = declarationsBefore(code, base, new ArrayList<>());
            if (!declarations.isEmpty()) docs = documentation("{" + declarations + part);
        }
        if (docs.isEmpty()) return null;
        StringBuilder b = new StringBuilder();
        for (SourceCodeAnalysis.Documentation d : docs) {
            b.append(d.signature()).append('\n');
            if (d.javadoc() != null && !d.javadoc().isBlank()) b.append(summary(d.javadoc())).append("\n\n");
        }
        return b.toString().strip();
    }

    /** JShell's documentation of the name that ends text, tried as written, as a call, and as a type's instance method. */
    private List<SourceCodeAnalysis.Documentation> documentation(String text) {
        List<SourceCodeAnalysis.Documentation> docs = analysis.documentation(text, text.length(), true);
        if (docs.isEmpty()) docs = analysis.documentation(text + "(", text.length() + 1, true);
        // `Tensor.matmul`: JShell looks for a static method only; `((Tensor) null).matmul(` finds the instance one
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("([A-Za-z_$][\\w$]*(?:\\.[A-Za-z_$][\\w$]*)*)\\.([A-Za-z_$][\\w$]*)$").matcher(text);
        if (docs.isEmpty() && m.find()) {
            String call = text.substring(0, m.start()) + "((" + m.group(1) + ") null)." + m.group(2) + "(";
            docs = analysis.documentation(call, call.length(), true);
        }
        return docs;
    }

    /** Jars and directories added to the cells' class path by magics, for their sources. */
    private final List<String> addedClassPath = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile boolean sourcesSet;

    /**
     * JShell reads Javadoc only from the JDK's lib/src.zip: a private list of its source code
     * analysis, filled on first use. The cells' class path's sources are added to that list: for
     * each jar NAME.jar, NAME-sources.jar beside it or in a sources/ directory beside its
     * directory (kernel/target/sources), and the entries of -Djgrad.sources.
     * The list is reached with sun.misc.Unsafe, not reflection: reflection would need
     * --add-opens jdk.jshell/jdk.jshell, which turns off the JVM's archived module graph and
     * costs every kernel start ≈40 ms. If that fails, inspection shows signatures only.
     */
    private void useLibrarySources() {
        if (sourcesSet) return;
        sourcesSet = true;
        List<Path> extra = new ArrayList<>();
        String configured = System.getProperty("jgrad.sources", "");
        for (String e : configured.split(File.pathSeparator)) if (!e.isBlank()) extra.add(Paths.get(e));
        List<String> entries = new ArrayList<>(List.of(System.getProperty("java.class.path").split(File.pathSeparator)));
        entries.addAll(addedClassPath);
        for (String entry : entries) {
            if (entry.isBlank() || !entry.endsWith(".jar")) continue;
            Path jar = Paths.get(entry).toAbsolutePath();
            if (KERNEL_PLUMBING.matcher(jar.getFileName().toString()).matches() || jar.getParent() == null) continue;
            String name = jar.getFileName().toString().replaceFirst("\\.jar$", "-sources.jar");
            for (Path candidate : new Path[] {jar.resolveSibling(name), jar.getParent().resolveSibling("sources").resolve(name)}) {
                if (Files.isReadable(candidate)) {
                    extra.add(candidate);
                    break;
                }
            }
        }
        if (extra.isEmpty()) return;
        try {
            // sun.misc.Unsafe through reflection: named in source it draws a compiler warning
            Class<?> unsafeClass = Class.forName("sun.misc.Unsafe");
            java.lang.reflect.Field theUnsafe = unsafeClass.getDeclaredField("theUnsafe");
            theUnsafe.setAccessible(true);
            Object unsafe = theUnsafe.get(null);
            long offset = (long) unsafeClass.getMethod("objectFieldOffset", java.lang.reflect.Field.class)
                    .invoke(unsafe, analysis.getClass().getDeclaredField("availableSources"));
            java.lang.reflect.Method get = unsafeClass.getMethod("getObject", Object.class, long.class);
            if (get.invoke(unsafe, analysis, offset) == null) analysis.documentation("Object", 6, true);   // JShell fills it
            List<Path> all = new ArrayList<>();
            if (get.invoke(unsafe, analysis, offset) instanceof List<?> current) for (Object p : current) all.add((Path) p);
            for (Path p : extra) if (!all.contains(p)) all.add(p);
            unsafeClass.getMethod("putObject", Object.class, long.class, Object.class).invoke(unsafe, analysis, offset, all);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            KernelLog.log("inspection shows no Javadoc from " + extra + ": JShell's list of sources could not be extended (" + e + ")");
        }
    }

    private static String summary(String javadoc) {
        String text = javadoc.replaceAll("<[^>]+>", "").replaceAll("\\{@(?:code|literal|link|linkplain) ([^}]*)}", "$1").strip();
        java.util.regex.Matcher sentenceEnd = java.util.regex.Pattern.compile("\\.\\s").matcher(text);
        int dot = sentenceEnd.find() ? sentenceEnd.start() : -1;
        int tags = text.indexOf("\n@");
        int end = text.length();
        if (dot > 0) end = Math.min(end, dot + 1);
        if (tags > 0) end = Math.min(end, tags);
        return text.substring(0, end).strip();
    }

    /** An active declaration of a cell: JShell's snippet id, its name, kind (type, method, variable) and source. */
    public record Declaration(String id, String name, String kind, String source) {}

    /**
     * The active type, method and variable declarations made by cells so far. The grader
     * (org.jgrad.grading) looks at these after a student's cell: JShell lets a later declaration
     * shadow or replace an earlier one, a test helper included.
     */
    public List<Declaration> declarations() {
        return shell.snippets()
                .filter(s -> s instanceof jdk.jshell.DeclarationSnippet && shell.status(s).isActive()
                        && !((jdk.jshell.DeclarationSnippet) s).name().startsWith("$"))
                .map(s -> new Declaration(s.id(), ((jdk.jshell.DeclarationSnippet) s).name(),
                        s instanceof jdk.jshell.TypeDeclSnippet ? "type" : s instanceof jdk.jshell.MethodSnippet ? "method" : "variable",
                        s.source()))
                .toList();
    }

    /** Drops the active declaration with this snippet id, so what it shadowed shows again. */
    public void dropDeclaration(String id) {
        shell.snippets().filter(s -> s.id().equals(id) && s instanceof jdk.jshell.PersistentSnippet).findFirst()
                .ifPresent(s -> shell.drop((jdk.jshell.PersistentSnippet) s));
    }

    /** Adds jars or directories to the classpath of later cells. */
    public void addToClasspath(String entry) {
        shell.addToClasspath(entry);
        addedClassPath.add(entry);
        sourcesSet = false;
    }

    String readFile(String name) throws IOException {
        Path p = workDir.resolve(name);
        for (String ext : new String[] {"", ".jsh", ".java"}) {
            Path q = Paths.get(p + ext);
            if (Files.isRegularFile(q)) return Files.readString(q);
        }
        throw new IOException("no such file: " + p + " (also tried .jsh and .java)");
    }

    @Override
    public void close() {
        closed = true;
        shell.close();
    }
}
