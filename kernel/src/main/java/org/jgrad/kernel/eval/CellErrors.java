package org.jgrad.kernel.eval;

import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.UnresolvedReferenceException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A failed cell as the student should read it: javac's diagnostics with line, column and a caret
 * under the cell's own line, exceptions with the cell's line numbers and without JShell's wrapper
 * classes or the kernel's frames.
 */
final class CellErrors {
    private CellErrors() {}

    static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < text.length(); i++) if (text.charAt(i) == '\n') line++;
        return line;
    }

    /** start: where the snippet's source (including its leading whitespace) begins in the cell. */
    static CellError compileError(String cell, int start, Snippet s, List<Diag> diagnostics) {
        List<String> tb = new ArrayList<>();
        String first = null;
        for (Diag d : diagnostics) {
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

    static int displayWidth(String text) { return text.codePoints().map(CellErrors::displayWidth).sum(); }

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

    static CellError interrupted() {
        return new CellError("Interrupted", "the cell was interrupted; earlier definitions are kept",
                List.of("Interrupted: the cell was interrupted; earlier definitions are kept"));
    }

    static CellError exit(String call) {
        String msg = call + ": the cell stopped there; the kernel is still running and all earlier definitions are kept";
        return new CellError("SystemExit", msg, List.of("SystemExit: " + msg));
    }

    static CellError exception(JShellException ex, Map<String, int[]> snippetLines) {
        if (ex instanceof UnresolvedReferenceException u) {
            String msg = "uses " + u.getSnippet().toString() + ", which cannot run until its missing declarations exist";
            return new CellError("UnresolvedReference", msg, List.of("UnresolvedReference: " + msg));
        }
        EvalException e = (EvalException) ex;
        String cls = e.getExceptionClassName();
        if (cls.equals(Guard.Interrupted.class.getName())) return interrupted();
        if (cls.equals(Guard.ExitCalled.class.getName())) return exit(e.getMessage());
        List<String> tb = new ArrayList<>();
        String message = studentNames(e.getMessage());
        tb.add(cls + (message != null ? ": " + message : ""));
        appendFrames(e, tb, snippetLines);
        Throwable cause = e.getCause();
        int depth = 0;
        while (cause != null && depth++ < 5) {
            String cn = cause instanceof EvalException ee ? ee.getExceptionClassName() : cause.getClass().getName();
            tb.add("Caused by: " + cn + (cause.getMessage() != null ? ": " + studentNames(cause.getMessage()) : ""));
            appendFrames(cause, tb, snippetLines);
            cause = cause.getCause();
        }
        if (cls.equals("java.lang.OutOfMemoryError")) {
            tb.add("(the kernel ran out of memory: its heap limit is " + (Runtime.getRuntime().maxMemory() >> 20)
                    + " MB, set at install with --max-heap; it is still running, but large objects from earlier cells may need to be released)");
        }
        if (cls.equals("java.lang.StackOverflowError")) tb.add("(a method called itself too deeply: check the recursion's base case)");
        return new CellError(simpleName(cls), message == null ? "" : message, tb);
    }

    static String simpleName(String cls) {
        int i = cls.lastIndexOf('.');
        return i < 0 ? cls : cls.substring(i + 1);
    }

    static void appendFrames(Throwable e, List<String> tb, Map<String, int[]> snippetLines) {
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
}
