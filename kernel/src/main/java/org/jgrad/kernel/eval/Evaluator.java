package org.jgrad.kernel.eval;

import org.jgrad.kernel.display.CellOutput;
import org.jgrad.kernel.display.OutputTarget;
import org.jgrad.kernel.render.GraphDrawing;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
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

    /** The kernel's own types a cell may name: what progress, lossCurve and draw return. */
    static final List<String> CELL_TYPES = List.of("org.jgrad.kernel.display.Progress",
            "org.jgrad.kernel.display.LiveLossCurve", "org.jgrad.kernel.render.GraphDrawing");

    private static final CellOutputStream OUT = new CellOutputStream("stdout", new java.io.FileOutputStream(java.io.FileDescriptor.out));
    private static final CellOutputStream ERR = new CellOutputStream("stderr", new java.io.FileOutputStream(java.io.FileDescriptor.err));
    private static final PrintStream OUT_PS = new PrintStream(OUT, true, StandardCharsets.UTF_8);
    private static final PrintStream ERR_PS = new PrintStream(ERR, true, StandardCharsets.UTF_8);

    /**
     * Jars the kernel itself runs on (protocol, bytecode rewriting, %maven's resolver), left out
     * of what cells compile against: students never name them, and javac reads less.
     */
    static final java.util.regex.Pattern KERNEL_PLUMBING = java.util.regex.Pattern.compile(
            "(maven-|plexus-|httpclient|httpcore|commons-codec|jcl-over-slf4j|jeromq|jnacl|gson|asm-).*\\.jar");

    private final GuardedExecutionControl.Provider provider = new GuardedExecutionControl.Provider();
    private final JShell shell;
    private final SourceCodeAnalysis analysis;
    private final CodeAssist assist;
    /** %magics: found with ServiceLoader (org.jgrad.kernel.magics), so eval does not depend on them. */
    private final CellMagics magics;
    /** Keeps the cost of a cell from growing with the cells run before it; null if the JVM does not allow it. */
    private final SnippetHousekeeping housekeeping;
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
        imports.append("import static org.jgrad.kernel.display.Display.*;\n");
        // the types display's helpers return, so a student's method can take a progress bar or a
        // live curve as a parameter without naming the kernel's packages
        for (String type : CELL_TYPES) imports.append("import ").append(type).append(";\n");
        for (String line : imports.toString().split("\n")) shell.eval(line);
        // created last: it starts indexing the JDK and the class path for completion on another
        // thread, which would compete with javac's first compilations above
        analysis = shell.sourceCodeAnalysis();
        assist = new CodeAssist(analysis);
        magics = CellMagics.load();
        housekeeping = SnippetHousekeeping.of(shell);
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

    /** The folder relative paths in magics start from. */
    public Path workDir() { return workDir; }

    JShell shell() { return shell; }

    SnippetHousekeeping housekeeping() { return housekeeping; }

    /** Nanoseconds spent so far running cell code, compilation excluded. */
    public long runNanos() {
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
        GuardedExecutionControl control = provider.control;
        if (control != null) control.newCell();
        PrintStream oldOut = System.out, oldErr = System.err;
        CellOutputStream.resetCell();
        OUT.target = out;
        ERR.target = out;
        OutputTarget.set(CellOutputStream.ordered(out));   // after the output printed before it
        joinBlasLoader();
        System.setOut(OUT_PS);
        System.setErr(ERR_PS);
        try {
            String helpTarget = HelpRequest.target(cell);
            if (helpTarget != null) {
                CellOutputStream.ordered(out).page(help(helpTarget));
                return null;   // as IPython: the help is in the pager, the cell has no result
            }
            return evalWithMagics(cell);
        } catch (CellError e) {
            throw HelpRequest.noteHelpLine(cell, e);
        } catch (Guard.Interrupted e) {
            throw CellErrors.interrupted();
        } catch (Throwable t) {
            // never out of here without a CellError: the front end must answer every request
            KernelLog.log("a cell failed inside the kernel: " + t);
            String msg = "the kernel could not finish this cell: " + t + "; the kernel is still running";
            throw new CellError(CellErrors.simpleName(t.getClass().getName()), msg, List.of(CellErrors.simpleName(t.getClass().getName()) + ": " + msg));
        } finally {
            OUT_PS.flush();
            ERR_PS.flush();
            OUT.finishCell();
            ERR.finishCell();
            OutputTarget.set(null);
            OUT.target = null;
            ERR.target = null;
            System.setOut(oldOut);
            System.setErr(oldErr);
            Guard.clear();
            if (housekeeping != null) housekeeping.afterCell();
            lastActivity = System.nanoTime();
            busy = false;
        }
    }

    /**
     * The pager's bundle for a {@code name?} cell: for a variable its type, its value (rendered
     * as a cell's result is, on the cell thread) and its type's documentation; otherwise what
     * inspection finds for name. A name nothing is found for gets a page saying so, not an
     * error: as in IPython, a mistyped help request does not stop "Run all".
     */
    private Map<String, Object> help(String name) {
        StringBuilder page = new StringBuilder();
        String docs;
        VarSnippet variable = activeVariable(name);
        if (variable != null) {
            page.append("Type: ").append(variable.typeName()).append('\n');
            Map<String, Object> shown = evalCode(name);
            String value = shown == null ? "null" : String.valueOf(shown.get("text/plain"));
            page.append("Value:").append(value.contains("\n") ? "\n" : " ").append(value).append("\n\n");
            // the type's own documentation: List<String> and double[] are documented as List and double
            docs = assist.help(variable.typeName().replaceAll("<.*>|\\[]", "").strip());
        } else {
            docs = assist.help(name);
        }
        if (docs != null) page.append(docs);
        else if (variable == null) {
            page.append(name).append(": no documentation found. It is not a variable, class, method or field this ")
                    .append("notebook knows: check its spelling, run the cell that declares it, or import its class ")
                    .append("(or write the class's full name, e.g. java.time.LocalDate?).");
        }
        Map<String, Object> bundle = new HashMap<>();
        bundle.put("text/plain", page.toString().strip());
        return bundle;
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

    /** Runs source, with its magics, inside the running cell (for %load and %%time). */
    public Map<String, Object> evalWithMagics(String cell) {
        if (cell.startsWith("%%")) return magics.cellMagic(this, cell);
        // line magics run first, in order; their lines are blanked so positions stay right
        String[] lines = cell.split("\n", -1);
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            String t = lines[i].strip();
            if (t.startsWith("%") && !t.startsWith("%%")) {
                magics.lineMagic(this, t.substring(1));
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
            if (interrupted) throw CellErrors.interrupted();
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
            if (info.completeness() == SourceCodeAnalysis.Completeness.COMPLETE && bareVariable(source)) {
                hasValue = true;
                value = provider.control.lastValue;
                offset += consumed;
                remaining = remaining.substring(consumed);
                continue;
            }
            List<SnippetEvent> events = info.completeness() == SourceCodeAnalysis.Completeness.COMPLETE
                    ? evalAsValue(source) : null;
            if (events == null && info.completeness() != SourceCodeAnalysis.Completeness.DEFINITELY_INCOMPLETE
                    && info.completeness() != SourceCodeAnalysis.Completeness.CONSIDERED_INCOMPLETE) {
                events = evalWithDeclaredType(source);
            }
            if (events == null) events = shell.eval(source);
            noteResetVariables(events);
            for (SnippetEvent e : events) {
                if (e.causeSnippet() != null) continue;
                Snippet s = e.snippet();
                snippetLines.put(s.id(), new int[] {CellErrors.lineOf(cell, start)});
                if (e.status() == Snippet.Status.REJECTED) throw CellErrors.compileError(cell, offset + srcLead, s, shell.diagnostics(s).toList());
                boolean isValue = isValueHolder(s);
                if (isValue) shell.drop((VarSnippet) s);   // it has done its job (see evalAsValue)
                if (e.exception() != null) {
                    if (interrupted) throw CellErrors.interrupted();
                    throw CellErrors.exception(e.exception(), snippetLines);
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
        if (t instanceof Guard.Interrupted || interrupted) return CellErrors.interrupted();
        if (t instanceof Guard.ExitCalled x) return CellErrors.exit(x.getMessage());
        String cls = t.getClass().getName();
        String what;
        if (t instanceof StackOverflowError) what = "its toString() overflowed the stack (a structure that contains itself?)";
        else if (t instanceof OutOfMemoryError) what = "its toString() ran out of memory (the text would be too long)";
        else what = "its toString() threw " + cls + (t.getMessage() != null ? ": " + t.getMessage() : "");
        String msg = "could not show the value: " + what;
        List<String> tb = new ArrayList<>();
        tb.add(CellErrors.simpleName(cls) + ": " + msg);
        if (!(t instanceof StackOverflowError)) CellErrors.appendFrames(t, tb, snippetLines);
        return new CellError(CellErrors.simpleName(cls), msg, tb);
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
        // in the order the variables were declared: JShell reports dependents in hash order
        List<SnippetEvent> byDeclaration = new ArrayList<>(events);
        byDeclaration.sort(java.util.Comparator.comparing((SnippetEvent e) -> e.snippet().id(),
                java.util.Comparator.comparingInt(String::length).thenComparing(java.util.Comparator.naturalOrder())));
        for (SnippetEvent e : byDeclaration) {
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

    /**
     * A cell that ends with a variable's bare name ({@code loss}, {@code fig}) shows the variable's
     * value as read from its field, with no snippet compiled: three javac runs fewer (≈5 ms) for
     * the most common last line of a notebook cell. False, having done nothing, when source is
     * not the name of a variable JShell has in a usable state.
     */
    private boolean bareVariable(String source) {
        String name = source.strip();
        if (name.isEmpty() || !Character.isJavaIdentifierStart(name.charAt(0))
                || !name.chars().allMatch(Character::isJavaIdentifierPart) || javax.lang.model.SourceVersion.isKeyword(name)) {
            return false;
        }
        GuardedExecutionControl control = provider.control;
        if (control == null) return false;
        VarSnippet variable = activeVariable(name);
        if (variable == null || shell.status(variable) != Snippet.Status.VALID) return false;
        try {
            shell.varValue(variable);
            return true;
        } catch (IllegalStateException | IllegalArgumentException e) {
            return false;   // compiled as an expression instead, with JShell's own messages if it fails
        }
    }

    /** The variable a cell can name as name now, or null. */
    private VarSnippet activeVariable(String name) {
        return shell.variables().filter(v -> v.name().equals(name) && shell.status(v).isActive()).findFirst().orElse(null);
    }

    /**
     * A {@code var} declaration whose type is written in its initializer, evaluated with that type
     * ({@link VarTypes}): two javac runs fewer. Null, having stored nothing, when it does not
     * apply or javac rejects the rewrite; the source as written then gives JShell's own messages.
     */
    private List<SnippetEvent> evalWithDeclaredType(String source) {
        String typed = VarTypes.explicit(source);
        if (typed == null) return null;
        List<SnippetEvent> events = shell.eval(typed);
        for (SnippetEvent e : events) {
            if (e.causeSnippet() == null && e.status() == Snippet.Status.REJECTED) return null;
        }
        return events;
    }

    private static boolean isValueHolder(Snippet s) {
        return s instanceof VarSnippet v && v.name().startsWith(VALUE_HOLDER);
    }

    private static boolean isExpression(Snippet s) {
        return s.kind() == Snippet.Kind.EXPRESSION
                || (s instanceof VarSnippet && s.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND);
    }

    /** "complete", "incomplete", or "invalid". */
    public String isComplete(String code) { return assist.isComplete(code); }

    public CodeAssist.Completion complete(String code, int cursor) { return assist.complete(code, cursor); }

    /** Signature and Javadoc of what is at cursor, or null. */
    public String inspect(String code, int cursor) { return assist.inspect(code, cursor); }

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
        assist.addedToClasspath(entry);
    }

    public String readFile(String name) throws IOException {
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
