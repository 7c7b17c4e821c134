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

    public Evaluator() {
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

    /** Compiles and runs a throwaway snippet so javac is warm before the first real cell. */
    public void warmUp() {
        for (SnippetEvent e : shell.eval("int $jgradWarmUp = java.util.List.of(1).size() + 1;")) {
            if (e.snippet() instanceof jdk.jshell.PersistentSnippet ps) shell.drop(ps);
        }
    }

    public void setWorkDir(Path dir) { workDir = dir.toAbsolutePath(); }

    Path workDir() { return workDir; }

    JShell shell() { return shell; }

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
        Display.current = out;
        System.setOut(OUT_PS);
        System.setErr(ERR_PS);
        try {
            return evalWithMagics(cell);
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
                case EMPTY -> { return hasValue ? Renderers.render(value) : null; }
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
            hasValue = false;
            List<SnippetEvent> events = info.completeness() == SourceCodeAnalysis.Completeness.COMPLETE
                    ? evalAsValue(source) : null;
            if (events == null) events = shell.eval(source);
            for (SnippetEvent e : events) {
                if (e.causeSnippet() != null) continue;
                Snippet s = e.snippet();
                snippetLines.put(s.id(), new int[] {lineOf(cell, start)});
                if (e.status() == Snippet.Status.REJECTED) throw compileError(cell, offset, s);
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
        return hasValue ? Renderers.render(value) : null;
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
            String msg = d.getMessage(Locale.ROOT);
            if (first == null) first = "line " + line + ", column " + col + ": " + msg;
            tb.add("Compile error at line " + line + ", column " + col + ": " + msg);
            tb.add("  " + cell.substring(lineStart, lineEnd));
            tb.add("  " + " ".repeat(Math.max(0, col - 1)) + "^");
        }
        if (first == null) {
            first = "the code could not be compiled: " + s.source().strip();
            tb.add(first);
        }
        return new CellError("CompilationError", first, tb);
    }

    private CellError interruptedError() {
        return new CellError("Interrupted", "the cell was interrupted; earlier definitions are kept",
                List.of("Interrupted: the cell was interrupted; earlier definitions are kept"));
    }

    private CellError exceptionError(JShellException ex) {
        if (ex instanceof UnresolvedReferenceException u) {
            String msg = "uses " + u.getSnippet().toString() + ", which cannot run until its missing declarations exist";
            return new CellError("UnresolvedReference", msg, List.of("UnresolvedReference: " + msg));
        }
        EvalException e = (EvalException) ex;
        String cls = e.getExceptionClassName();
        if (cls.equals(Guard.Interrupted.class.getName())) return interruptedError();
        if (cls.equals(Guard.ExitCalled.class.getName())) {
            String msg = e.getMessage() + ": the cell stopped there; the kernel is still running and all earlier definitions are kept";
            return new CellError("SystemExit", msg, List.of("SystemExit: " + msg));
        }
        List<String> tb = new ArrayList<>();
        String message = e.getMessage();
        tb.add(cls + (message != null ? ": " + message : ""));
        appendFrames(e, tb);
        Throwable cause = e.getCause();
        int depth = 0;
        while (cause != null && depth++ < 5) {
            String cn = cause instanceof EvalException ee ? ee.getExceptionClassName() : cause.getClass().getName();
            tb.add("Caused by: " + cn + (cause.getMessage() != null ? ": " + cause.getMessage() : ""));
            appendFrames(cause, tb);
            cause = cause.getCause();
        }
        if (cls.equals("java.lang.OutOfMemoryError")) tb.add("(the kernel ran out of memory; it is still running, but large objects from earlier cells may need to be released)");
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
                tb.add("\tat " + (m.isEmpty() || m.startsWith("do_it") ? "<cell>" : m) + " (" + where + ")");
            } else {
                tb.add("\tat " + f);
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
        int[] anchor = new int[1];
        List<String> options = new ArrayList<>();
        for (SourceCodeAnalysis.Suggestion s : analysis.completionSuggestions(part, part.length(), anchor)) {
            if (!options.contains(s.continuation())) options.add(s.continuation());
        }
        return new Completion(base + anchor[0], cursor, options);
    }

    /** Signature and Javadoc of what is at cursor, or null. */
    public String inspect(String code, int cursor) {
        int base = snippetStart(code, cursor);
        String part = code.substring(base, Math.min(code.length(), cursor));
        // extend to the end of the identifier under the cursor
        int end = cursor;
        while (end < code.length() && Character.isJavaIdentifierPart(code.charAt(end))) end++;
        part = code.substring(base, end);
        List<SourceCodeAnalysis.Documentation> docs = analysis.documentation(part, part.length(), true);
        if (docs.isEmpty()) {
            docs = analysis.documentation(part + "(", part.length() + 1, true);
        }
        if (docs.isEmpty()) return null;
        StringBuilder b = new StringBuilder();
        for (SourceCodeAnalysis.Documentation d : docs) {
            b.append(d.signature()).append('\n');
            if (d.javadoc() != null && !d.javadoc().isBlank()) b.append(summary(d.javadoc())).append("\n\n");
        }
        return b.toString().strip();
    }

    private static String summary(String javadoc) {
        String text = javadoc.replaceAll("<[^>]+>", "").strip();
        int dot = text.indexOf(". ");
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
    public void addToClasspath(String entry) { shell.addToClasspath(entry); }

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
