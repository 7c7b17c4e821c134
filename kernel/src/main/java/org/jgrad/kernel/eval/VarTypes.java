package org.jgrad.kernel.eval;

/**
 * {@code var w = new Value(0.3, "w");} written with its type, {@code Value w = new Value(0.3, "w");}.
 * For a {@code var} JShell runs javac twice more than for a declared type (a trial compile and
 * one to infer the initializer's type), and javac is what a cell costs: in a 20-line cell with
 * three such declarations that was a fifth of its time. Only an initializer that is exactly
 * {@code new Name(...)} or {@code new Name<Args>(...)} is rewritten: its type is the name as
 * written. A diamond, an anonymous class body, an array, or anything after the closing
 * parenthesis keeps {@code var}.
 */
final class VarTypes {
    private VarTypes() {}

    /** source with its {@code var} replaced by the created type, or null when that is not certain. */
    static String explicit(String source) {
        String s = source.strip();
        if (!s.startsWith("var") || s.length() < 4 || !Character.isWhitespace(s.charAt(3))) return null;
        int i = skipSpace(s, 3);
        int nameStart = i;
        i = identifier(s, i);
        if (i == nameStart) return null;
        i = skipSpace(s, i);
        if (i >= s.length() || s.charAt(i) != '=' || (i + 1 < s.length() && s.charAt(i + 1) == '=')) return null;
        i = skipSpace(s, i + 1);
        if (!s.startsWith("new", i) || i + 3 >= s.length() || !Character.isWhitespace(s.charAt(i + 3))) return null;
        i = skipSpace(s, i + 3);
        int typeStart = i;
        // Name(.Name)*: no annotations, no arrays
        while (true) {
            int end = identifier(s, i);
            if (end == i) return null;
            i = end;
            if (i < s.length() && s.charAt(i) == '.') i++;
            else break;
        }
        if (i < s.length() && s.charAt(i) == '<') {   // explicit type arguments; <> (diamond) is inferred: keep var
            int depth = 0;
            int argsStart = i;
            for (; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '<') depth++;
                else if (c == '>') {
                    if (--depth == 0) break;
                } else if (!(Character.isJavaIdentifierPart(c) || c == '.' || c == ',' || c == '?' || c == '[' || c == ']'
                        || Character.isWhitespace(c))) return null;
            }
            if (i >= s.length() || s.substring(argsStart + 1, i).isBlank()) return null;
            i++;
        }
        String type = s.substring(typeStart, i);
        i = skipSpace(s, i);
        if (i >= s.length() || s.charAt(i) != '(') return null;
        int close = closingParen(s, i);
        if (close < 0) return null;
        String rest = s.substring(close + 1).strip();
        if (!rest.equals(";") && !rest.isEmpty()) return null;   // a body ({…}), a call on the result, a comment
        int lead = source.indexOf("var");
        // same length before the name is not needed: positions in the source are only used for JShell's
        // diagnostics, and a rejected rewrite is evaluated again as written
        return source.substring(0, lead) + type + source.substring(lead + 3);
    }

    private static int skipSpace(String s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
        return i;
    }

    private static int identifier(String s, int i) {
        if (i >= s.length() || !Character.isJavaIdentifierStart(s.charAt(i))) return i;
        i++;
        while (i < s.length() && Character.isJavaIdentifierPart(s.charAt(i))) i++;
        return i;
    }

    /** The index of the parenthesis that closes the one at open, skipping strings, chars and comments; -1 if none. */
    private static int closingParen(String s, int open) {
        int depth = 0;
        for (int i = open; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\'') {
                if (s.startsWith("\"\"\"", i)) return -1;   // a text block: not worth the care
                for (i++; i < s.length() && s.charAt(i) != c; i++) if (s.charAt(i) == '\\') i++;
            } else if (c == '/' && i + 1 < s.length() && (s.charAt(i + 1) == '/' || s.charAt(i + 1) == '*')) {
                return -1;
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }
}
