package org.jgrad.plot;

import static org.jgrad.plot.Lenient.color;
import static org.jgrad.plot.Lenient.num;

/**
 * What bar and histogram traces share: their {@link #layOut} makes bars in axis coordinates,
 * {from, to} along the position axis and {base, top} along the value axis, and they are drawn
 * here, whichever way they stand.
 */
abstract class BarsDrawer implements TraceDrawer {

    private boolean horizontal;
    /** The axis the bars stand on, and the one their heights are measured on. */
    FigureAxis pos;
    FigureAxis val;
    /** {from, to, base, top} a bar; null where there is none; a NaN base is the bottom of a log axis. */
    double[][] bars;

    /** Starts {@code count} bars, none yet, standing on x, or on y if {@code horizontal}. */
    void startBars(FigureTrace t, boolean horizontal, int count) {
        this.horizontal = horizontal;
        this.pos = horizontal ? t.ya : t.xa;
        this.val = horizontal ? t.xa : t.ya;
        this.bars = new double[count][];
        // bars grow from the base: the value axis pads above them, and below only if they go negative
        val.padLow = false;
        val.pad = true;
    }

    private static String fill(FigureTrace t) {
        return color(t.spec.path("marker").get("color"), t.color);
    }

    @Override
    public final void draw(FigureTrace t, FigureContext figure) {
        SvgWriter out = figure.out;
        out.append("<g class=\"bars\" fill=\"").append(Svg.escape(fill(t))).append("\" stroke=\"#ffffff\" stroke-width=\"0.5\">");
        for (double[] b : bars) {
            if (b == null) {
                continue;
            }
            double p0 = pos.px(b[0]);
            double p1 = pos.px(b[1]);
            double v0 = Double.isNaN(b[2]) ? val.p0 : val.px(b[2]);
            double v1 = val.px(b[3]);
            double x = horizontal ? Math.min(v0, v1) : Math.min(p0, p1);
            double y = horizontal ? Math.min(p0, p1) : Math.min(v0, v1);
            double w = horizontal ? Math.abs(v1 - v0) : Math.abs(p1 - p0);
            double h = horizontal ? Math.abs(p1 - p0) : Math.abs(v1 - v0);
            out.append("<rect x=\"").append(Svg.num(x)).append("\" y=\"").append(Svg.num(y)).append("\" width=\"")
                    .append(Svg.num(w)).append("\" height=\"").append(Svg.num(h)).append("\"/>");
        }
        out.append("</g>\n");
    }

    @Override
    public final void drawLegendSample(FigureTrace t, SvgWriter out, double x, double y) {
        out.append("<rect x=\"").append(Svg.num(x + 4)).append("\" y=\"").append(Svg.num(y - 6)).append("\" width=\"22\" height=\"12\" fill=\"")
                .append(Svg.escape(fill(t))).append('"').append(SvgWriter.opacity(num(t.spec.get("opacity")))).append("/>");
    }
}
