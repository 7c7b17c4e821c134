package org.jgrad.kernel.render;

import java.lang.reflect.Array;

/**
 * Arrays as text the way JShell shows them, {@code int[3] { 1, 2, 3 }}, instead of Java's
 * {@code [I@1b6d3586}; nested arrays recursively, strings quoted, long arrays cut.
 */
final class ArrayText {
    /** Elements shown per array before "… (n more)". */
    static final int LIMIT = 100;

    private ArrayText() {}

    static String of(Object array) {
        StringBuilder b = new StringBuilder();
        append(b, array);
        return b.toString();
    }

    private static void append(StringBuilder b, Object value) {
        if (value == null) {
            b.append("null");
        } else if (value.getClass().isArray()) {
            int n = Array.getLength(value);
            String type = value.getClass().getComponentType().getSimpleName();
            // int[][] is shown as int[2][] { … }: the length goes in the first bracket pair
            int bracket = type.indexOf('[');
            b.append(bracket < 0 ? type + "[" + n + "]" : type.substring(0, bracket) + "[" + n + "]" + type.substring(bracket));
            b.append(" {");
            for (int i = 0; i < Math.min(n, LIMIT); i++) {
                b.append(i == 0 ? " " : ", ");
                append(b, Array.get(value, i));
            }
            if (n > LIMIT) b.append(", … (").append(n - LIMIT).append(" more)");
            b.append(n == 0 ? "}" : " }");
        } else if (value instanceof CharSequence s) {
            b.append('"').append(s).append('"');
        } else if (value instanceof Character c) {
            b.append('\'').append(c).append('\'');
        } else {
            b.append(value);
        }
    }
}
