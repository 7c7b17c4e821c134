package org.jgrad.kernel.display;

import org.jgrad.plot.ProgressBar;

/**
 * A progress bar below the cell that redraws in place as a loop steps:
 * <pre>{@code
 * var bar = progress(epochs);
 * for (int e = 0; e < epochs; e++) { ...; bar.step(loss); }
 * }</pre>
 * Redraws at most ten times a second (and at the last step), so a fast loop is not slowed.
 */
public final class Progress {

    private static final long MIN_NANOS_BETWEEN_REDRAWS = 100_000_000L;

    private final ProgressBar bar;
    private final String displayId;
    private long lastRedraw = System.nanoTime();

    Progress(ProgressBar bar, String displayId) {
        this.bar = bar;
        this.displayId = displayId;
    }

    /** One step done. */
    public Progress step() {
        bar.step();
        redrawIfDue();
        return this;
    }

    /** One step done, reaching {@code loss}. */
    public Progress step(double loss) {
        bar.step(loss);
        redrawIfDue();
        return this;
    }

    public ProgressBar bar() {
        return bar;
    }

    private void redrawIfDue() {
        long now = System.nanoTime();
        if (bar.finished() || now - lastRedraw >= MIN_NANOS_BETWEEN_REDRAWS) {
            lastRedraw = now;
            Display.updateDisplay(displayId, bar);
        }
    }

    @Override
    public String toString() {
        return bar.text();
    }
}
