package org.jgrad.kernel.display;

import java.util.ArrayList;
import java.util.List;
import org.jgrad.plot.Plots;

/**
 * A loss curve below the cell that redraws in place every {@code every} losses:
 * <pre>{@code
 * var curve = lossCurve("training loss", 10);
 * for (...) { ...; curve.add(loss.item()); }
 * curve.finish();   // draws the last points
 * }</pre>
 */
public final class LiveLossCurve {

    private final String title;
    private final String xTitle;
    private final int every;
    private final String displayId;
    private final List<Double> losses = new ArrayList<>();
    /** When the curve was last drawn: drawing (SVG, then a PNG) costs tens of ms, so at most ten a second. */
    private long lastDrawn;
    private static final long MIN_NANOS_BETWEEN_DRAWS = 100_000_000L;

    LiveLossCurve(String title, int every, String xTitle, String displayId) {
        if (every < 1) {
            throw new IllegalArgumentException("lossCurve: redraw every k >= 1 steps, got " + every);
        }
        this.title = title;
        this.xTitle = xTitle;
        this.every = every;
        this.displayId = displayId;
    }

    /**
     * Records one loss; redraws when {@code every} new losses have come and the last drawing is
     * at least 0.1 s old (a fast loop would otherwise spend its time drawing). {@link #finish()}
     * always draws the final curve.
     */
    public LiveLossCurve add(double loss) {
        losses.add(loss);
        if (losses.size() % every == 0 && System.nanoTime() - lastDrawn >= MIN_NANOS_BETWEEN_DRAWS) {
            redraw();
        }
        return this;
    }

    /** Redraws with every loss recorded so far. */
    public void finish() {
        if (!losses.isEmpty()) {
            redraw();
        }
    }

    /** The losses recorded so far. */
    public double[] losses() {
        return losses.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private void redraw() {
        lastDrawn = System.nanoTime();
        Display.updateDisplay(displayId, Plots.lossCurve(title, xTitle, java.util.Map.of("loss", losses()), false));
    }

    @Override
    public String toString() {
        return title + ": " + losses.size() + " losses";
    }
}
