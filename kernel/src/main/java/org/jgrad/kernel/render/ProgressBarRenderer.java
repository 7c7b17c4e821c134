package org.jgrad.kernel.render;

import java.util.Locale;
import java.util.Map;
import org.jgrad.plot.ProgressBar;
import org.jgrad.plot.Rasterizer;

/**
 * A loop's progress as a small PNG (a bar and the status line), shown by every front end; a text
 * line for plain output. An HTML {@code <progress>} was not: nbconvert's sanitizers drop its
 * {@code max} (a full bar) or print the markup as text.
 */
public final class ProgressBarRenderer implements Renderer<ProgressBar> {
    private static final int BAR_WIDTH = 240;
    private static final double CHAR_WIDTH = 7.3;   // 12 px monospace (DejaVu Sans Mono: 7.22)

    @Override
    public Class<ProgressBar> type() {
        return ProgressBar.class;
    }

    @Override
    public void render(ProgressBar bar, Map<String, Object> bundle) {
        Rasterizer.Png png = Pictures.png(svg(bar));
        if (png != null) {
            bundle.put("image/png", png.base64());
        } else {
            bundle.put("text/html", bar.html());
        }
        bundle.put("text/plain", bar.text());
    }

    /** {@code label [=====     ] 45/100  loss 0.1234  3.2 s} as an SVG. */
    static String svg(ProgressBar bar) {
        // text() is "label [####....] status", status has no brackets
        String text = bar.text();
        int end = text.lastIndexOf("] ");
        int start = text.lastIndexOf('[', end);
        String label = start > 0 ? text.substring(0, start).trim() : "";
        String status = end >= 0 ? text.substring(end + 2) : text;
        double x = 4;
        StringBuilder body = new StringBuilder();
        if (!label.isEmpty()) {
            body.append(text(x, label));
            x += label.length() * CHAR_WIDTH + 8;
        }
        double filled = BAR_WIDTH * (double) bar.done() / bar.total();
        body.append(String.format(Locale.ROOT,
                "<rect x=\"%.1f\" y=\"5\" width=\"%d\" height=\"12\" rx=\"3\" fill=\"#e8e8e8\" stroke=\"#b0b0b0\"/>"
                        + "<rect x=\"%.1f\" y=\"5\" width=\"%.1f\" height=\"12\" rx=\"3\" fill=\"#1f77b4\"/>",
                x, BAR_WIDTH, x, filled));
        x += BAR_WIDTH + 8;
        body.append(text(x, status));
        x += status.length() * CHAR_WIDTH + 4;
        return String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"22\">"
                + "<rect width=\"100%%\" height=\"100%%\" fill=\"#ffffff\"/>%s</svg>", (int) Math.ceil(x), body);
    }

    private static String text(double x, String s) {
        return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"15.5\" font-family=\"monospace\" font-size=\"12\" fill=\"#333333\">%s</text>",
                x, Renderers.html(s));
    }
}
