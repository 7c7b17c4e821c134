package org.jgrad.plot;

/** The colour bar of the first heatmap or contour trace that shows its scale: a gradient with z ticks. */
final class ColorBar {

    private final ZGrid grid;
    private final String gradientId;

    ColorBar(ZGrid grid, String gradientId) {
        this.grid = grid;
        this.gradientId = gradientId;
    }

    /** The gradient, bottom to top, for the {@code <defs>}. */
    void writeGradient(SvgWriter out) {
        out.append("<linearGradient id=\"").append(gradientId).append("\" x1=\"0\" y1=\"1\" x2=\"0\" y2=\"0\">");
        for (int i = 0; i <= 10; i++) {
            out.append("<stop offset=\"").append(Svg.num(i / 10.0)).append("\" stop-color=\"")
                    .append(grid.scale.color(i / 10.0)).append("\"/>");
        }
        out.append("</linearGradient>");
    }

    void draw(SvgWriter out, double x, double top, double bottom) {
        double w = 14;
        out.append("<g class=\"colorbar\" font-size=\"11\" fill=\"#444444\">");
        out.append("<rect x=\"").append(Svg.num(x)).append("\" y=\"").append(Svg.num(top)).append("\" width=\"").append(Svg.num(w))
                .append("\" height=\"").append(Svg.num(bottom - top)).append("\" fill=\"url(#").append(gradientId)
                .append(")\" stroke=\"#444444\" stroke-width=\"0.5\"/>");
        double[] ticks = Ticks.linear(grid.zmin, grid.zmax, 6);
        String[] labels = Ticks.labels(ticks);
        for (int i = 0; i < ticks.length; i++) {
            double y = bottom - grid.norm(ticks[i]) * (bottom - top);
            out.line(x + w, y, x + w + 4, y, "stroke=\"#444444\"");
            out.append("<text x=\"").append(Svg.num(x + w + 7)).append("\" y=\"").append(Svg.num(y + 4)).append("\">")
                    .append(Svg.escape(labels[i])).append("</text>");
        }
        out.append("</g>\n");
    }
}
