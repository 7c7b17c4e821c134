package org.jgrad.kernel.eval;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * IPython's help syntax: a cell that is only {@code name?}, {@code ?name}, {@code name??} or
 * {@code ??name} asks for the documentation of name. As in IPython the line must stand alone:
 * in a cell with other code, {@code ?} is Java's (a ternary across lines may well start a line
 * with {@code ?name}).
 */
public final class HelpRequest {
    private static final String NAME = "\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*(?:\\.\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*)*";
    private static final Pattern HELP = Pattern.compile("\\s*(?:\\?{1,2}\\s*(" + NAME + ")|(" + NAME + ")\\s*\\?{1,2})\\s*");

    private HelpRequest() {}

    /** The name a help cell asks about, or null when the cell is code. */
    public static String target(String cell) {
        Matcher m = HELP.matcher(cell);
        if (!m.matches()) return null;
        return m.group(1) != null ? m.group(1) : m.group(2);
    }

    /**
     * A compile error of a cell with a line such as {@code x?} among code, with a note that help
     * works only in a cell of its own (javac alone says "reached end of file while parsing").
     */
    static CellError noteHelpLine(String cell, CellError e) {
        if (!"CompilationError".equals(e.ename) || !cell.contains("?")) return e;
        for (String line : cell.split("\n")) {
            if (target(line) != null) {
                List<String> tb = new java.util.ArrayList<>(e.traceback);
                tb.add("note: " + line.strip() + " shows help only in a cell of its own; put it in a new cell");
                return new CellError(e.ename, e.evalue, tb);
            }
        }
        return e;
    }
}
