package org.jgrad.kernel.display;

import org.jgrad.kernel.render.GraphDrawing;
import org.jgrad.kernel.render.Renderers;

/** Statically imported into every notebook: display, updateDisplay, clearOutput. */
public final class Display {
    private Display() {}

    private static CellOutput out() {
        CellOutput o = OutputTarget.current;
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

    private static final java.util.concurrent.atomic.AtomicLong IDS = new java.util.concurrent.atomic.AtomicLong();

    /** Draws the computational graph of a Value, a Tensor or a Graph, with values and gradients. */
    public static GraphDrawing draw(Object root) { return GraphDrawing.of(root); }

    /** Shows a progress bar for a loop of {@code total} steps and returns it; call {@code step(loss)} each step. */
    public static Progress progress(int total) { return progress(total, ""); }

    /** A labelled progress bar. */
    public static Progress progress(int total, String label) {
        org.jgrad.plot.ProgressBar bar = new org.jgrad.plot.ProgressBar(total, label);
        String id = "jgrad-progress-" + IDS.incrementAndGet();
        display(bar, id);
        return new Progress(bar, id);
    }

    /**
     * Shows a loss curve that redraws itself every {@code every} losses added to it; its x axis is
     * "step" (one loss per optimizer step).
     */
    public static LiveLossCurve lossCurve(String title, int every) {
        return lossCurve(title, every, "step");
    }

    /** As {@link #lossCurve(String, int)}, with the x axis titled {@code xTitle} (e.g. "epoch"). */
    public static LiveLossCurve lossCurve(String title, int every, String xTitle) {
        String id = "jgrad-loss-" + IDS.incrementAndGet();
        display(title + ": waiting for the first " + every + " losses", id);
        return new LiveLossCurve(title, every, xTitle, id);
    }
}
