package org.jgrad.kernel.render;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ArrayTextTest {
    private static String text(Object value) { return (String) Renderers.render(value).get("text/plain"); }

    @Test void primitiveAndObjectArraysReadLikeJShell() {
        assertEquals("int[3] { 1, 2, 3 }", text(new int[] {1, 2, 3}));
        assertEquals("double[0] {}", text(new double[0]));
        assertEquals("String[2] { \"a\", null }", text(new String[] {"a", null}));
        assertEquals("char[1] { 'x' }", text(new char[] {'x'}));
    }

    @Test void nestedArraysShowEachLevel() {
        assertEquals("int[2][] { int[1] { 1 }, int[2] { 2, 3 } }", text(new int[][] {{1}, {2, 3}}));
    }

    @Test void longArraysAreCut() {
        String t = text(new int[1000]);
        assertTrue(t.startsWith("int[1000] { 0, 0"), t);
        assertTrue(t.endsWith(", … (900 more) }"), t);
    }
}
