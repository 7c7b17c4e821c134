package org.jgrad.plot;

import java.util.List;

/** The legend: a sample and the name of each trace in it, top to bottom, right of the plot. */
final class Legend {

    private static final double FONT = 12;

    private final List<FigureTrace> entries;

    Legend(List<FigureTrace> entries) {
        this.entries = entries;
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    /** The width the widest entry asks for, at most {@code max}; 0 for no entries. */
    double width(double max) {
        double w = 0;
        for (FigureTrace t : entries) {
            w = Math.max(w, Svg.textWidth(t.name, FONT) + 44);
        }
        return Math.min(w, max);
    }

    void draw(SvgWriter out, double x, double top) {
        out.append("<g class=\"legend\" font-size=\"12\">");
        double y = top + 8;
        for (FigureTrace t : entries) {
            out.append("<g class=\"legend-entry\">");
            t.drawer.drawLegendSample(t, out, x, y);
            out.append("<text x=\"").append(Svg.num(x + 36)).append("\" y=\"").append(Svg.num(y + 4)).append("\">")
                    .append(Svg.escape(t.name)).append("</text></g>");
            y += 20;
        }
        out.append("</g>\n");
    }
}
