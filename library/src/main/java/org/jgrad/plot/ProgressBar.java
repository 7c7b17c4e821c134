package org.jgrad.plot;

import java.util.Locale;

/**
 * The state of a loop's progress (steps done of a total, the latest loss, time taken) and its
 * two pictures: an HTML bar for notebooks and a text line for plain output. The kernel shows
 * it and redraws it in place as the loop steps.
 */
public final class ProgressBar {

    private static final int TEXT_WIDTH = 30;

    private final int total;
    private final String label;
    private final long startNanos = System.nanoTime();
    private long endNanos;
    private int done;
    private double loss = Double.NaN;

    public ProgressBar(int total) {
        this(total, "");
    }

    public ProgressBar(int total, String label) {
        if (total <= 0) {
            throw new IllegalArgumentException("ProgressBar: total must be > 0, got " + total);
        }
        this.total = total;
        this.label = label == null ? "" : label;
    }

    /** One more step done. */
    public ProgressBar step() {
        done = Math.min(total, done + 1);
        if (done == total) {
            endNanos = System.nanoTime();
        }
        return this;
    }

    /** One more step done, with the loss it reached. */
    public ProgressBar step(double loss) {
        this.loss = loss;
        return step();
    }

    public int done() {
        return done;
    }

    public int total() {
        return total;
    }

    public double loss() {
        return loss;
    }

    public boolean finished() {
        return done == total;
    }

    public double seconds() {
        return ((finished() ? endNanos : System.nanoTime()) - startNanos) / 1e9;
    }

    /** {@code label [###########.........]  45/100  loss 0.1234  3.2 s} */
    public String text() {
        int filled = (int) ((long) TEXT_WIDTH * done / total);
        StringBuilder sb = new StringBuilder();
        if (!label.isEmpty()) {
            sb.append(label).append(' ');
        }
        sb.append('[').append("#".repeat(filled)).append(".".repeat(TEXT_WIDTH - filled)).append("] ");
        return sb.append(status()).toString();
    }

    /** A native HTML progress bar with the same status text. */
    public String html() {
        return "<div class=\"jgrad-progress\" style=\"font-family:monospace\">"
                + (label.isEmpty() ? "" : "<span>" + Svg.escape(label) + "</span> ")
                + "<progress value=\"" + done + "\" max=\"" + total + "\" style=\"width:40%;vertical-align:middle\"></progress> "
                + "<span>" + Svg.escape(status()) + "</span></div>";
    }

    private String status() {
        String width = Integer.toString(String.valueOf(total).length());
        String s = String.format(Locale.ROOT, "%" + width + "d/%d", done, total);
        if (!Double.isNaN(loss)) {
            s += String.format(Locale.ROOT, "  loss %.4g", loss);
        }
        return s + String.format(Locale.ROOT, "  %.1f s", seconds());
    }

    @Override
    public String toString() {
        return text();
    }
}
