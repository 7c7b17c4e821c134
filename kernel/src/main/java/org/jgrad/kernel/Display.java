package org.jgrad.kernel;

import org.jgrad.kernel.render.Renderers;

/** Statically imported into every notebook: display, updateDisplay, clearOutput. */
public final class Display {
    private Display() {}

    static volatile CellOutput current;

    private static CellOutput out() {
        CellOutput o = current;
        if (o == null) throw new IllegalStateException("display works only while a cell runs");
        return o;
    }

    /** Shows value in its richest form below the cell. */
    public static void display(Object value) { out().display(Renderers.render(value), null, false); }

    /** Shows value with a display id, so {@link #updateDisplay(String, Object)} can replace it later. */
    public static void display(Object value, String id) {
        out().display(Renderers.render(value), id, false);
    }

    /** Replaces the output shown with this id (in this or an earlier cell). */
    public static void updateDisplay(String id, Object value) { out().display(Renderers.render(value), id, true); }

    /** Clears this cell's outputs. */
    public static void clearOutput() { out().clear(false); }

    /** Clears this cell's outputs; with wait=true only when new output arrives (no flicker). */
    public static void clearOutput(boolean wait) { out().clear(wait); }
}
