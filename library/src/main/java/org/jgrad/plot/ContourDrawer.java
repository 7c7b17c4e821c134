package org.jgrad.plot;

import static org.jgrad.plot.Lenient.color;
import static org.jgrad.plot.Lenient.num;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Contour traces: iso-lines by marching squares over filled bands (or heatmap cells, or nothing),
 * with a colour bar; levels from {@code contours.start/end/size} or nice steps over the data.
 */
final class ContourDrawer implements TraceDrawer {

    private ZGrid grid;

    @Override
    public void layOut(FigureTrace t, FigureContext figure) {
        grid = new ZGrid(t);
        grid.extendAxes(grid.cx, grid.cy);
    }

    @Override
    public ZGrid colorBar() {
        return grid;
    }

    private double[] levels(FigureTrace t) {
        JsonNode c = t.spec.path("contours");
        double start = num(c.get("start"));
        double end = num(c.get("end"));
        double size = num(c.get("size"));
        if (Double.isFinite(start) && Double.isFinite(end) && size > 0 && end >= start && (end - start) / size < 1000) {
            int n = (int) Math.floor((end - start) / size + 1e-9) + 1;
            double[] l = new double[n];
            for (int i = 0; i < n; i++) {
                l[i] = start + i * size;
            }
            return l;
        }
        double nc = num(t.spec.get("ncontours"));
        int target = Double.isFinite(nc) && nc > 0 ? (int) nc : 15;
        double step = Ticks.niceStep(grid.zmax - grid.zmin, target);
        List<Double> l = new ArrayList<>();
        for (long k = (long) Math.floor(grid.zmin / step) + 1; k * step < grid.zmax - step * 1e-9; k++) {
            l.add(k * step);
        }
        if (l.isEmpty()) {
            l.add((grid.zmin + grid.zmax) / 2);
        }
        return l.stream().mapToDouble(Double::doubleValue).toArray();
    }

    @Override
    public void draw(FigureTrace t, FigureContext figure) {
        SvgWriter out = figure.out;
        double[] levels = levels(t);
        String coloring = t.spec.path("contours").path("coloring").asText("fill");
        if (coloring.equals("heatmap")) {
            grid.drawCells(out);
        } else if (!coloring.equals("lines") && !coloring.equals("none")) {
            drawBands(t, out, levels);
        }
        double lw = num(t.spec.path("line").get("width"));
        String stroke = coloring.equals("lines") ? null : color(t.spec.path("line").get("color"), "#000000");
        out.append("<g class=\"isolines\" fill=\"none\" stroke-width=\"").append(Svg.num(Double.isFinite(lw) ? lw : 0.8))
                .append("\" stroke-opacity=\"").append(coloring.equals("lines") ? "1" : "0.45").append("\">");
        for (double level : levels) {
            List<double[]> lines = Contours.isoLines(grid.cx, grid.cy, grid.z, level);
            if (lines.isEmpty()) {
                continue;
            }
            StringBuilder d = new StringBuilder();
            for (double[] l : lines) {
                appendPolyline(t, d, l);
            }
            out.append("<path class=\"isoline\" data-level=\"").append(Svg.escape(Svg.plain(level))).append("\" d=\"").append(d)
                    .append("\" stroke=\"").append(Svg.escape(stroke == null ? grid.scale.color(grid.norm(level)) : stroke)).append("\"/>");
        }
        out.append("</g>\n");
    }

    /** Painter's bands: the lowest band everywhere, then each level's region above it on top. */
    private void drawBands(FigureTrace t, SvgWriter out, double[] levels) {
        out.append("<g class=\"bands\">");
        String low = grid.scale.color(grid.norm((grid.zmin + levels[0]) / 2));
        grid.cell(out, grid.cx[0], grid.cx[grid.cx.length - 1], grid.cy[0], grid.cy[grid.cy.length - 1], low, "band");
        for (int k = 0; k < levels.length; k++) {
            double hi = k + 1 < levels.length ? levels[k + 1] : Math.max(grid.zmax, levels[k]);
            String fill = grid.scale.color(grid.norm((levels[k] + hi) / 2));
            StringBuilder d = new StringBuilder();
            for (double[] poly : Contours.above(grid.cx, grid.cy, grid.z, levels[k])) {
                appendPolyline(t, d, poly);
                d.append('Z');
            }
            if (d.length() > 0) {
                out.append("<path class=\"band\" d=\"").append(d).append("\" fill=\"").append(fill).append("\" stroke=\"")
                        .append(fill).append("\" stroke-width=\"0.6\" stroke-linejoin=\"round\"/>");
            }
        }
        out.append("</g>\n");
    }

    /** Path data for {x0, y0, x1, y1, ...} in axis coordinates. */
    private static void appendPolyline(FigureTrace t, StringBuilder d, double[] xy) {
        for (int i = 0; i < xy.length; i += 2) {
            d.append(i == 0 ? 'M' : 'L').append(Svg.num(t.xa.px(xy[i]))).append(',').append(Svg.num(t.ya.px(xy[i + 1])));
        }
    }
}
