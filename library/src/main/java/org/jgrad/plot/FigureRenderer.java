package org.jgrad.plot;

import static org.jgrad.plot.Lenient.color;
import static org.jgrad.plot.Lenient.list;
import static org.jgrad.plot.Lenient.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.zip.CRC32;

/**
 * Draws one plotly {data, layout} tree as SVG. One instance per drawing: it reads the traces,
 * has each trace's {@link TraceDrawer} lay it out on the axes, leaves margins for titles, tick
 * labels, colour bar and legend, and writes the page from the background up.
 */
final class FigureRenderer {

    /** The trace kinds drawn, by plotly type: a new kind is a {@link TraceDrawer} and a line here. */
    private static final Map<String, Supplier<TraceDrawer>> KINDS = Map.of(
            "scatter", ScatterDrawer::new,
            "bar", BarDrawer::new,
            "histogram", HistogramDrawer::new,
            "heatmap", HeatmapDrawer::new,
            "contour", ContourDrawer::new);

    private final JsonNode data;
    private final JsonNode layout;
    private final double width;
    private final double height;
    /** Derived from the figure's content, so that several pictures in one page keep their ids apart. */
    private final String idPrefix;
    private final FigureAxes axes;
    private final List<FigureTrace> traces = new ArrayList<>();
    private final SvgWriter out = new SvgWriter();
    private final FigureContext figure;
    /** The types of the traces not drawn, for the note that says so. */
    private final List<String> skipped = new ArrayList<>();

    private String title;
    private Legend legend;
    private ColorBar colorBar;
    private boolean rightAxis;
    private double plotL;
    private double plotR;
    private double plotT;
    private double plotB;

    FigureRenderer(ObjectNode figure) {
        this.data = figure.path("data");
        this.layout = figure.path("layout");
        double w = Lenient.num(layout.get("width"));
        double h = Lenient.num(layout.get("height"));
        this.width = w > 0 ? w : 700;
        this.height = h > 0 ? h : 450;
        CRC32 crc = new CRC32();
        crc.update(figure.toString().getBytes(StandardCharsets.UTF_8));
        this.idPrefix = "jg" + Long.toHexString(crc.getValue());
        this.axes = new FigureAxes(layout);
        this.figure = new FigureContext(layout, traces, out);
    }

    /** {@link Lenient#num}, under the name the tests read numbers by. */
    static double num(JsonNode n) {
        return Lenient.num(n);
    }

    String render() {
        readTraces();
        layOutTraces();
        chooseLegendAndColorBar();
        placePlotArea();
        write();
        return out.toString();
    }

    private void readTraces() {
        int index = 0;
        for (JsonNode spec : list(data)) {
            int i = index++;
            String type = spec.path("type").asText("scatter").toLowerCase(Locale.ROOT);
            if (type.equals("scattergl")) {
                type = "scatter";
            }
            String visible = spec.path("visible").asText("true");
            if (visible.equals("false")) {
                continue;
            }
            Supplier<TraceDrawer> kind = KINDS.get(type);
            if (kind == null) {
                if (!skipped.contains(type)) {
                    skipped.add(type);
                }
                continue;
            }
            String xId = spec.path("xaxis").asText("x");
            String yId = spec.path("yaxis").asText("y");
            FigureAxis xa = axes.get(xId.isEmpty() ? "x" : xId);
            FigureAxis ya = axes.get(yId.isEmpty() ? "y" : yId);
            xa.used = true;
            ya.used = true;
            traces.add(new FigureTrace(spec, i, type, xa, ya, visible.equals("legendonly"), kind.get()));
        }
        if (axes.isEmpty()) {
            axes.get("x").used = true;
            axes.get("y").used = true;
        }
    }

    /** Axis types from the layout or the values, then the traces' coordinates, then the ranges that hold them. */
    private void layOutTraces() {
        for (FigureTrace t : traces) {
            t.drawer.seeCategories(t);
        }
        for (FigureAxis a : axes.all()) {
            a.decideType();
        }
        for (FigureTrace t : traces) {
            t.drawer.layOut(t, figure);
        }
        for (FigureAxis a : axes.all()) {
            a.setRange();
        }
    }

    /** The first trace that shows a colour scale gets the colour bar; the others go into the legend, if there is one. */
    private void chooseLegendAndColorBar() {
        List<FigureTrace> entries = new ArrayList<>();
        for (FigureTrace t : traces) {
            ZGrid scaled = t.drawer.colorBar();
            if (scaled != null) {
                if (colorBar == null && !t.spec.path("showscale").asText("true").equals("false")) {
                    colorBar = new ColorBar(scaled, idPrefix + "-cbar");
                }
            } else if (!t.spec.path("showlegend").asText("true").equals("false")) {
                entries.add(t);
            }
        }
        JsonNode showLegend = layout.get("showlegend");
        boolean shown = showLegend == null || showLegend.isNull() ? entries.size() > 1
                : showLegend.asText().equals("true");
        legend = new Legend(shown ? entries : List.of());
    }

    /** Margins for the titles, y tick labels, right axes, colour bar and legend; the axes get the rest. */
    private void placePlotArea() {
        title = text(layout.get("title"));
        boolean anyXTitle = false;
        boolean anyYTitle = false;
        for (FigureAxis a : axes.all()) {
            if (!text(a.spec.get("title")).isEmpty()) {
                anyXTitle |= a.isX;
                anyYTitle |= !a.isX;
            }
        }
        for (FigureAxis a : axes.all()) {
            rightAxis |= !a.isX && a.spec.path("side").asText("").equals("right");
        }
        double maxYLabel = 0;
        for (FigureAxis a : axes.all()) {
            if (!a.isX && !a.spec.path("side").asText("").equals("right")) {
                // the axis length is not known yet: labels of about five ticks tell the margin
                a.computeTicks(5);
                maxYLabel = Math.max(maxYLabel, a.widestLabel());
            }
        }
        double legendWidth = legend.width(width * 0.35);
        double left = Math.max(50, maxYLabel + 18 + (anyYTitle ? 22 : 0));
        double right = 20 + (legendWidth > 0 ? legendWidth + 10 : 0) + (colorBar != null ? 70 : 0) + (rightAxis ? 50 : 0);
        double top = title.isEmpty() ? 24 : 56;
        double bottom = 40 + (anyXTitle ? 22 : 0);
        plotL = left;
        plotR = Math.max(left + 40, width - right);
        plotT = top;
        plotB = Math.max(top + 40, height - bottom);
        axes.place(traces, plotL, plotR, plotT, plotB);
    }

    private void write() {
        out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(Svg.num(width))
                .append("\" height=\"").append(Svg.num(height)).append("\" viewBox=\"0 0 ")
                .append(Svg.num(width)).append(' ').append(Svg.num(height))
                .append("\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"12\">\n");
        Map<String, String> clipIds = writeDefs();
        out.append("<rect class=\"background\" x=\"0\" y=\"0\" width=\"").append(Svg.num(width))
                .append("\" height=\"").append(Svg.num(height)).append("\" fill=\"").append(color(layout.get("paper_bgcolor"), "#ffffff"))
                .append("\"/>\n");
        List<String> drawnGrids = new ArrayList<>();
        for (FigureTrace t : traces) {
            String key = t.xa.id + t.ya.id;
            if (!drawnGrids.contains(key)) {
                drawnGrids.add(key);
                drawGrid(t.xa, t.ya);
            }
        }
        for (FigureTrace t : traces) {
            if (t.legendOnly) {
                continue;
            }
            out.append("<g class=\"trace ").append(t.type).append("\" data-index=\"").append(t.index)
                    .append("\" clip-path=\"url(#").append(clipIds.get(t.xa.id + t.ya.id)).append(")\"")
                    .append(SvgWriter.opacity(Lenient.num(t.spec.get("opacity")))).append(">\n");
            t.drawer.draw(t, figure);
            out.append("</g>\n");
        }
        for (FigureAxis a : axes.all()) {
            if (a.used && !a.spec.path("visible").asText("true").equals("false")) {
                a.draw(out);
            }
        }
        if (!skipped.isEmpty()) {
            out.append("<text class=\"note\" x=\"").append(Svg.num(plotL)).append("\" y=\"").append(Svg.num(height - 6))
                    .append("\" font-size=\"11\" fill=\"#888888\">").append(Svg.escape("not drawn in the static view: "
                    + String.join(", ", skipped) + " traces")).append("</text>\n");
        }
        if (!title.isEmpty()) {
            out.append("<text class=\"title\" x=\"").append(Svg.num(width / 2)).append("\" y=\"30\" text-anchor=\"middle\" font-size=\"17\">")
                    .append(Svg.escape(title)).append("</text>\n");
        }
        double sideX = plotR + (rightAxis ? 50 : 0) + 12;
        if (colorBar != null) {
            colorBar.draw(out, sideX, plotT, plotB);
            sideX += 70;
        }
        if (!legend.isEmpty()) {
            legend.draw(out, sideX, plotT);
        }
        out.append("</svg>\n");
    }

    /** A clip path per subplot, and the colour bar's gradient; returns the clip path ids by subplot. */
    private Map<String, String> writeDefs() {
        out.append("<defs>");
        Map<String, String> clipIds = new LinkedHashMap<>();
        for (FigureTrace t : traces) {
            String key = t.xa.id + t.ya.id;
            if (!clipIds.containsKey(key)) {
                String id = idPrefix + "-clip" + clipIds.size();
                clipIds.put(key, id);
                out.append("<clipPath id=\"").append(id).append("\"><rect ").append(box(t.xa, t.ya)).append("/></clipPath>");
            }
        }
        if (colorBar != null) {
            colorBar.writeGradient(out);
        }
        out.append("</defs>\n");
        return clipIds;
    }

    /** The x, y, width and height attributes of the subplot of these two axes. */
    private static String box(FigureAxis xa, FigureAxis ya) {
        return "x=\"" + Svg.num(Math.min(xa.p0, xa.p1)) + "\" y=\"" + Svg.num(Math.min(ya.p0, ya.p1)) + "\" width=\""
                + Svg.num(Math.abs(xa.p1 - xa.p0)) + "\" height=\"" + Svg.num(Math.abs(ya.p1 - ya.p0)) + "\"";
    }

    /** A subplot's background, grid lines at the ticks and zero lines, under its traces. */
    private void drawGrid(FigureAxis xa, FigureAxis ya) {
        JsonNode plotBg = layout.get("plot_bgcolor");
        if (plotBg != null && plotBg.isTextual() && !plotBg.asText().isBlank()) {
            out.append("<rect class=\"plot-background\" ").append(box(xa, ya)).append(" fill=\"")
                    .append(Svg.escape(plotBg.asText().trim())).append("\"/>\n");
        }
        out.append("<g class=\"grid\" stroke=\"#e5e5e5\" stroke-width=\"1\">");
        if (showsGrid(xa)) {
            for (double v : xa.ticks) {
                double x = xa.px(v);
                out.line(x, ya.p0, x, ya.p1, null);
            }
        }
        // an overlaying y axis would draw a second, unrelated set of lines
        if (ya.spec.path("overlaying").asText("").isEmpty() && showsGrid(ya)) {
            for (double v : ya.ticks) {
                double y = ya.px(v);
                out.line(xa.p0, y, xa.p1, y, null);
            }
        }
        out.append("</g>\n");
        if (showsZeroLine(ya)) {
            zeroLine(xa.p0, ya.px(0), xa.p1, ya.px(0));
        }
        if (showsZeroLine(xa)) {
            zeroLine(xa.px(0), ya.p0, xa.px(0), ya.p1);
        }
    }

    private static boolean showsGrid(FigureAxis a) {
        return !a.spec.path("showgrid").asText("true").equals("false") && !a.category();
    }

    private static boolean showsZeroLine(FigureAxis a) {
        return !a.log() && a.lo < 0 && a.hi > 0 && a.spec.path("zeroline").asText("true").equals("true") && !a.category();
    }

    private void zeroLine(double x1, double y1, double x2, double y2) {
        out.append("<g class=\"zeroline\" stroke=\"#9a9a9a\" stroke-width=\"1\">");
        out.line(x1, y1, x2, y2, null);
        out.append("</g>\n");
    }
}
