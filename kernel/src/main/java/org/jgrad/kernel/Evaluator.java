package org.jgrad.kernel;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.UnresolvedReferenceException;
import jdk.jshell.VarSnippet;

/**
 * Runs Java cells with JShell in this JVM through {@link GuardedExecutionControl}. A cell is
 * any sequence of statements, declarations and expressions; the value of a final expression
 * written without a semicolon is the cell's result ({@code System.out.println(x);} shows no
 * PrintStream). Compile errors and exceptions come back as {@link CellError}s a student
 * can act on.
 */
public final class Evaluator implements AutoCloseable {

    /** Imported into every session: the library, Tablesaw and the JDK's everyday packages. */
    static final List<String> DEFAULT_IMPORTS = List.of(
            "java.util.*", "java.util.function.*", "java.util.stream.*",
            "org.jgrad.autodiff.*", "org.jgrad.nn.*", "org.jgrad.optim.*", "org.jgrad.data.*", "org.jgrad.plot.*",
            "tech.tablesaw.api.*", "tech.tablesaw.plotly.api.*", "tech.tablesaw.plotly.components.*",
            "static org.jgrad.kernel.Display.*");

    /** What a cell gave: a value (present when the cell ended with an expression), or an error. */
    public record Result(boolean hasValue, Object value, CellError error) {
        static Result none() {
            return new Result(false, null, null);
        }

        public boolean failed() {
            return error != null;
        }
    }

    private final JShell shell;
    private final GuardedExecutionControl control;
    private volatile Thread running;

    public Evaluator() {
        this(System.getProperty("java.class.path"));
    }

    public Evaluator(String classpath) {
        GuardedExecutionControl.Provider provider = new GuardedExecutionControl.Provider();
        this.shell = JShell.builder()
                .executionEngine(provider, Map.of())
                .out(System.out)
                .err(System.err)
                .compilerOptions("-Xlint:none", "-proc:none")
                .build();
        this.control = provider.control();
        for (String entry : classpath.split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                shell.addToClasspath(entry);
            }
        }
        for (String imp : DEFAULT_IMPORTS) {
            String pkg = imp.replace("static ", "").replace(".*", "");
            if (!imp.startsWith("static ") && Package.getPackage(pkg) == null && !packageOnClasspath(pkg)) {
                continue;   // a package the library does not have (yet)
            }
            shell.eval("import " + imp + ";");
        }
    }

    private static boolean packageOnClasspath(String pkg) {
        return Evaluator.class.getClassLoader().getResource(pkg.replace('.', '/')) != null;
    }

    /** Adds a jar or directory to what cells can use. */
    public void addToClasspath(String path) {
        shell.addToClasspath(path);
    }

    /** Runs a cell; returns its value or its first error (later snippets are then not run). */
    public Result eval(String cell) {
        Guard.reset();
        Thread.interrupted();
        running = Thread.currentThread();
        try {
            return evalSnippets(cell);
        } finally {
            running = null;
            Thread.interrupted();
        }
    }

    private Result evalSnippets(String cell) {
        SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
        String remaining = cell;
        Result last = Result.none();
        while (!remaining.isBlank()) {
            int offset = cell.length() - remaining.length();
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
            if (info.completeness() == SourceCodeAnalysis.Completeness.DEFINITELY_INCOMPLETE) {
                return new Result(false, null, new CellError("CompilationError", "incomplete code",
                        List.of("error: the cell ends in the middle of a statement (a missing ';', ')' or '}'?)",
                                excerpt(cell, cell.length() - 1, cell.length()))));
            }
            String source = info.source();
            String rest;
            if (source == null || source.isBlank()) {
                source = remaining;
                rest = "";
            } else {
                rest = info.remaining();
            }
            // Diagnostics count from the snippet's first character: find it in the cell.
            String probe = source.endsWith(";") && !remaining.contains(source) ? source.substring(0, source.length() - 1) : source;
            int found = remaining.indexOf(probe);
            last = evalSnippet(cell, found >= 0 ? offset + found : offset + leadingSpace(cell, offset), source);
            remaining = rest;
            if (last.failed()) {
                return last;
            }
        }
        return last;
    }

    private static int leadingSpace(String cell, int offset) {
        int i = offset;
        while (i < cell.length() && Character.isWhitespace(cell.charAt(i))) {
            i++;
        }
        return i - offset;
    }

    private Result evalSnippet(String cell, int offset, String source) {
        List<SnippetEvent> events = shell.eval(source);
        Result result = Result.none();
        for (SnippetEvent event : events) {
            if (event.causeSnippet() != null) {
                continue;   // a consequence of this snippet, such as an overwritten declaration
            }
            Snippet snippet = event.snippet();
            if (event.status() == Snippet.Status.REJECTED) {
                return new Result(false, null, compileError(cell, offset, snippet));
            }
            JShellException exception = event.exception();
            if (exception != null) {
                control.takeLastValue();
                return new Result(false, null, runtimeError(exception, cell, offset));
            }
            if (isExpression(snippet) && !source.strip().endsWith(";")) {   // `x;` is a statement, `x` a result
                result = new Result(true, control.takeLastValue(), null);
            } else {
                control.takeLastValue();
            }
        }
        return result;
    }

    /** An expression (also one JShell stores in a temporary variable such as $1), not a declaration. */
    private static boolean isExpression(Snippet snippet) {
        return snippet.kind() == Snippet.Kind.EXPRESSION
                || snippet instanceof VarSnippet && snippet.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND;
    }

    private CellError compileError(String cell, int offset, Snippet snippet) {
        List<Diag> diags = shell.diagnostics(snippet).filter(Diag::isError).collect(Collectors.toList());
        if (diags.isEmpty()) {
            diags = shell.diagnostics(snippet).collect(Collectors.toList());
        }
        List<String> lines = new ArrayList<>();
        String first = "the cell does not compile";
        for (Diag d : diags) {
            String message = d.getMessage(Locale.ROOT);
            if (lines.isEmpty()) {
                first = message.lines().findFirst().orElse(message);
            }
            int start = offset + (int) Math.max(0, d.getStartPosition());
            int end = offset + (int) Math.max(d.getStartPosition() + 1, d.getEndPosition());
            int[] lc = lineColumn(cell, start);
            lines.add("error: " + message.lines().filter(l -> !l.strip().equals("location: class"))
                    .collect(Collectors.joining("\n  ")));
            lines.add("  at line " + lc[0] + ", column " + lc[1] + ":");
            lines.add(excerpt(cell, start, end));
        }
        if (lines.isEmpty()) {
            lines.add("error: " + first);
        }
        return new CellError("CompilationError", first, lines);
    }

    private CellError runtimeError(JShellException exception, String cell, int offset) {
        if (exception instanceof UnresolvedReferenceException unresolved) {
            String name = unresolved.getSnippet().toString();
            return new CellError("UnresolvedReference", "a declaration uses something not defined yet",
                    List.of("error: " + name + " uses something that is not defined yet; define it, then run again"));
        }
        EvalException eval = (EvalException) exception;
        String type = eval.getExceptionClassName();
        String message = eval.getMessage() == null ? "" : eval.getMessage();
        if (type.equals(Guard.CellExit.class.getName())) {
            return new CellError("SystemExit", message,
                    List.of(message + ": the cell stopped here. The kernel is still running and every definition"
                            + " made so far is kept."));
        }
        if (type.equals(Guard.CellInterrupted.class.getName())) {
            return new CellError("Interrupted", "the cell was interrupted",
                    List.of("Interrupted: the cell was stopped. Definitions made before it are kept."));
        }
        List<String> lines = new ArrayList<>();
        lines.add(simpleName(type) + (message.isEmpty() ? "" : ": " + message));
        int cellLineBase = lineColumn(cell, offset + leadingSpace(cell, offset))[0];   // frames count from the code, not the blank lines before it
        Throwable t = eval;
        while (t != null) {
            for (StackTraceElement frame : t.getStackTrace()) {
                Optional<String> shown = userFrame(frame, cellLineBase);
                shown.ifPresent(lines::add);
            }
            t = t.getCause();
            if (t instanceof EvalException cause) {
                lines.add("Caused by: " + simpleName(cause.getExceptionClassName())
                        + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
            } else {
                t = null;
            }
        }
        return new CellError(type, message, lines);
    }

    /**
     * A frame of the student's code (JShell gives snippet frames an empty class name), or of the
     * library (so a shape error names the operation); JDK and kernel frames are left out.
     */
    private static Optional<String> userFrame(StackTraceElement frame, int cellLineBase) {
        String cls = frame.getClassName();
        String method = frame.getMethodName();
        if (cls.isEmpty() || cls.startsWith("REPL.")) {
            if (method.isEmpty() || method.startsWith("do_it$")) {
                return Optional.of("  at cell line " + (cellLineBase + Math.max(1, frame.getLineNumber()) - 1));
            }
            return Optional.of("  at " + method + " (line " + frame.getLineNumber() + " of its declaration)");
        }
        for (String hidden : List.of("java.", "javax.", "jdk.", "sun.", "com.sun.", "org.jgrad.kernel.")) {
            if (cls.startsWith(hidden)) {
                return Optional.empty();
            }
        }
        return Optional.of("  at " + cls + "." + method + "(" + frame.getFileName() + ":" + frame.getLineNumber() + ")");
    }

    private static String simpleName(String className) {
        return className.startsWith("java.lang.") ? className.substring("java.lang.".length()) : className;
    }

    /** 1-based line and column of a position in the cell. */
    static int[] lineColumn(String cell, int position) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < Math.min(position, cell.length()); i++) {
            if (cell.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new int[] {line, column};
    }

    /** The cell's line holding {@code start}, with carets under start … end. */
    static String excerpt(String cell, int start, int end) {
        int s = Math.max(0, Math.min(start, cell.length()));
        int lineStart = cell.lastIndexOf('\n', s - 1) + 1;
        int lineEnd = cell.indexOf('\n', s);
        if (lineEnd < 0) {
            lineEnd = cell.length();
        }
        String line = cell.substring(lineStart, lineEnd);
        int width = Math.max(1, Math.min(end, lineEnd) - s);
        return "    " + line + "\n    " + " ".repeat(Math.max(0, s - lineStart)) + "^".repeat(width);
    }

    /** Jupyter's is_complete: "complete", "incomplete" or "invalid". */
    public String isComplete(String code) {
        SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
        String remaining = code;
        while (!remaining.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
            switch (info.completeness()) {
                case DEFINITELY_INCOMPLETE:
                    return "incomplete";
                case UNKNOWN:
                    return "invalid";
                default:
                    break;
            }
            if (info.remaining() == null || info.remaining().length() >= remaining.length()) {
                break;
            }
            remaining = info.remaining();
        }
        return "complete";
    }

    /** Completions at the cursor: the replacements and where the replaced text starts. */
    public record Completions(List<String> matches, int start, int end) {
    }

    public Completions complete(String code, int cursor) {
        int[] anchor = new int[1];
        List<String> matches = shell.sourceCodeAnalysis().completionSuggestions(code, cursor, anchor).stream()
                .map(SourceCodeAnalysis.Suggestion::continuation).distinct().sorted().collect(Collectors.toList());
        return new Completions(matches, anchor[0], cursor);
    }

    /** Signatures and Javadoc of what is at the cursor, or empty. */
    public String inspect(String code, int cursor) {
        return shell.sourceCodeAnalysis().documentation(code, cursor, true).stream()
                .map(d -> d.signature() + (d.javadoc() == null || d.javadoc().isBlank() ? "" : "\n\n" + summary(d.javadoc())))
                .collect(Collectors.joining("\n\n"));
    }

    private static String summary(String javadoc) {
        String text = javadoc.replaceAll("<[^>]+>", "").replaceAll("\\{@\\w+ ([^}]*)}", "$1").trim();
        int end = text.indexOf("\n@");
        return end > 0 ? text.substring(0, end).trim() : text;
    }

    /** Stops the running cell: its loops throw at their next iteration, blocking calls are interrupted. */
    public void interrupt() {
        Guard.requestStop();
        Thread t = running;
        if (t != null) {
            t.interrupt();
        }
    }

    @Override
    public void close() {
        shell.close();
    }
}
