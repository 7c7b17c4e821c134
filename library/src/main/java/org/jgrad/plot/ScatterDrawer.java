package org.jgrad.plot;

import static org.jgrad.plot.Lenient.color;
import static org.jgrad.plot.Lenient.isCategory;
import static org.jgrad.plot.Lenient.list;
import static org.jgrad.plot.Lenient.num;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.List;

/** Scatter traces: lines (dashed, broken at missing values), markers (sizes, colours per point), fills to zero. */
final class ScatterDrawer implements TraceDrawer {

    private double[] xs;
    private double[] ys;
    private boolean lines;
    private boolean markers;

    @Override
    public void layOut(FigureTrace t, FigureContext figure) {
        List<JsonNode> x = list(t.spec.get("x"));
        List<JsonNode> y = list(t.spec.get("y"));
        int n = Math.max(x.size(), y.size());
        xs = new double[n];
        ys = new double[n];
        for (int i = 0; i < n; i++) {
            xs[i] = x.isEmpty() ? t.xa.coord((double) i) : i < x.size() ? t.xa.coord(x.get(i)) : Double.NaN;
            ys[i] = y.isEmpty() ? t.ya.coord((double) i) : i < y.size() ? t.ya.coord(y.get(i)) : Double.NaN;
            if (Double.isFinite(xs[i]) && Double.isFinite(ys[i])) {
                t.xa.extend(xs[i]);
                t.ya.extend(ys[i]);
            }
        }
        String mode = t.spec.path("mode").asText(n < 20 ? "lines+markers" : "lines");
        lines = mode.contains("lines");
        markers = mode.contains("markers");
        if (markers) {
            t.xa.pad = true;
            t.ya.pad = true;
        }
    }

    private boolean drawn(int i) {
        return Double.isFinite(xs[i]) && Double.isFinite(ys[i]);
    }

    @Override
    public void draw(FigureTrace t, FigureContext figure) {
        SvgWriter out = figure.out;
        String fillMode = t.spec.path("fill").asText("none");
        if (fillMode.equals("tozeroy") || fillMode.equals("tozerox")) {
            drawFill(t, out, fillMode.equals("tozeroy"));
        }
        if (lines) {
            drawLine(t, out);
        }
        if (markers) {
            drawMarkers(t, out);
        }
    }

    /** The area between the points and y = 0 (tozeroy) or x = 0 (tozerox); on a log axis, its start. */
    private void drawFill(FigureTrace t, SvgWriter out, boolean toY) {
        double zero = toY ? (t.ya.log() ? t.ya.p0 : t.ya.px(0)) : (t.xa.log() ? t.xa.p0 : t.xa.px(0));
        StringBuilder d = new StringBuilder();
        double firstPx = Double.NaN;
        double lastPx = Double.NaN;
        for (int i = 0; i < xs.length; i++) {
            if (!drawn(i)) {
                continue;
            }
            double px = t.xa.px(xs[i]);
            double py = t.ya.px(ys[i]);
            if (Double.isNaN(firstPx)) {
                firstPx = toY ? px : py;
                d.append('M').append(toY ? Svg.num(px) + "," + Svg.num(zero) : Svg.num(zero) + "," + Svg.num(py));
            }
            d.append('L').append(Svg.num(px)).append(',').append(Svg.num(py));
            lastPx = toY ? px : py;
        }
        if (!Double.isNaN(firstPx)) {
            d.append('L').append(toY ? Svg.num(lastPx) + "," + Svg.num(zero) : Svg.num(zero) + "," + Svg.num(lastPx)).append('Z');
            String fc = color(t.spec.get("fillcolor"), t.color);
            out.append("<path class=\"fill\" d=\"").append(d).append("\" fill=\"").append(Svg.escape(fc))
                    .append("\" fill-opacity=\"").append(t.spec.has("fillcolor") ? "1" : "0.5").append("\" stroke=\"none\"/>\n");
        }
    }

    /** One path for the whole line; a missing value lifts the pen. */
    private void drawLine(FigureTrace t, SvgWriter out) {
        JsonNode lineSpec = t.spec.path("line");
        double w = num(lineSpec.get("width"));
        w = Double.isFinite(w) && w >= 0 ? w : 2;
        StringBuilder d = new StringBuilder();
        boolean pen = false;
        for (int i = 0; i < xs.length; i++) {
            if (!drawn(i)) {
                pen = false;
                continue;
            }
            d.append(pen ? 'L' : 'M').append(Svg.num(t.xa.px(xs[i]))).append(',').append(Svg.num(t.ya.px(ys[i])));
            pen = true;
        }
        out.append("<path class=\"line\" d=\"").append(d).append("\" fill=\"none\" stroke=\"")
                .append(Svg.escape(color(lineSpec.get("color"), t.color))).append("\" stroke-width=\"").append(Svg.num(w))
                .append("\" stroke-linejoin=\"round\" stroke-linecap=\"round\"")
                .append(SvgWriter.dash(lineSpec.path("dash").asText(""))).append("/>\n");
    }

    /** Circles; a size or colour array gives each its own, numeric colours through the marker's colour scale. */
    private void drawMarkers(FigureTrace t, SvgWriter out) {
        JsonNode m = t.spec.path("marker");
        JsonNode sizes = m.get("size");
        double size = num(sizes != null && sizes.isArray() && sizes.size() == 1 ? sizes.get(0) : sizes);
        double r = (Double.isFinite(size) && size > 0 ? size : 6) / 2;
        boolean perPoint = sizes != null && sizes.isArray() && sizes.size() > 1;
        JsonNode colors = m.get("color");
        ColorScale scale = null;
        double cmin = 0;
        double cmax = 1;
        if (colors != null && colors.isArray()) {
            cmin = num(m.get("cmin"));
            cmax = num(m.get("cmax"));
            if (!Double.isFinite(cmin) || !Double.isFinite(cmax)) {
                double[] cv = list(colors).stream().mapToDouble(Lenient::num).filter(Double::isFinite).toArray();
                cmin = cv.length == 0 ? 0 : Arrays.stream(cv).min().getAsDouble();
                cmax = cv.length == 0 ? 1 : Arrays.stream(cv).max().getAsDouble();
            }
            scale = ColorScale.of(m.get("colorscale"), m.path("reversescale").asText("").equals("true"));
        }
        String fill = colors != null && colors.isTextual() ? colors.asText() : t.color;
        out.append("<g class=\"markers\" fill=\"").append(Svg.escape(fill)).append('"').append(SvgWriter.opacity(num(m.get("opacity"))));
        JsonNode ml = m.path("line");
        if (ml.has("color") || ml.has("width")) {
            out.append(" stroke=\"").append(Svg.escape(color(ml.get("color"), "#444444"))).append("\" stroke-width=\"")
                    .append(Svg.num(Double.isFinite(num(ml.get("width"))) ? num(ml.get("width")) : 1)).append('"');
        }
        out.append('>');
        for (int i = 0; i < xs.length; i++) {
            if (!drawn(i)) {
                continue;
            }
            out.append("<circle cx=\"").append(Svg.num(t.xa.px(xs[i]))).append("\" cy=\"")
                    .append(Svg.num(t.ya.px(ys[i]))).append("\" r=\"");
            double ri = perPoint && i < sizes.size() ? num(sizes.get(i)) / 2 : r;
            out.append(Svg.num(Double.isFinite(ri) && ri > 0 ? ri : r)).append('"');
            if (colors != null && colors.isArray() && i < colors.size()) {
                JsonNode c = colors.get(i);
                String col = isCategory(c) ? c.asText() : scale.color((num(c) - cmin) / (cmax - cmin == 0 ? 1 : cmax - cmin));
                out.append(" fill=\"").append(Svg.escape(col)).append('"');
            }
            out.append("/>");
        }
        out.append("</g>\n");
    }

    @Override
    public void drawLegendSample(FigureTrace t, SvgWriter out, double x, double y) {
        if (lines) {
            out.line(x, y, x + 30, y, "stroke=\"" + Svg.escape(color(t.spec.path("line").get("color"), t.color))
                    + "\" stroke-width=\"2\"" + SvgWriter.dash(t.spec.path("line").path("dash").asText("")));
        }
        if (markers || !lines) {
            out.append("<circle cx=\"").append(Svg.num(x + 15)).append("\" cy=\"").append(Svg.num(y))
                    .append("\" r=\"4\" fill=\"").append(Svg.escape(t.color)).append("\"/>");
        }
    }
}
