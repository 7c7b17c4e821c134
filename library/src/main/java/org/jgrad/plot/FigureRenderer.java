package org.jgrad.plot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.CRC32;

/** Draws one plotly {data, layout} tree as SVG. One instance per drawing. */
final class FigureRenderer {

    static final String[] COLORWAY = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
        "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"};
    private static final double FONT = 12;

    private final JsonNode data;
    private final JsonNode layout;
    private final double width;
    private final double height;
    private final String idPrefix;
    private final Map<String, Axis> axes = new LinkedHashMap<>();
    private final List<Trace> traces = new ArrayList<>();
    private final StringBuilder out = new StringBuilder(8192);
    private final List<String> skipped = new ArrayList<>();
    private final Map<String, double[]> stacks = new LinkedHashMap<>();
    private static final List<String> SUPPORTED = List.of("scatter", "bar", "histogram", "heatmap", "contour");

    FigureRenderer(ObjectNode figure) {
        this.data = figure.path("data");
        this.layout = figure.path("layout");
        double w = num(layout.get("width"));
        double h = num(layout.get("height"));
        this.width = w > 0 ? w : 700;
        this.height = h > 0 ? h : 450;
        CRC32 crc = new CRC32();
        crc.update(figure.toString().getBytes(StandardCharsets.UTF_8));
        this.idPrefix = "jg" + Long.toHexString(crc.getValue());
    }

    // ------------------------------------------------------------------ lenient reading

    /** A number from a JSON number or a numeric string; NaN for anything else (null, "null", "NaN", text). */
    static double num(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return Double.NaN;
        }
        if (n.isNumber()) {
            return n.asDouble();
        }
        if (n.isTextual()) {
            return parse(n.asText());
        }
        return Double.NaN;
    }

    static double parse(String s) {
        String t = s.trim();
        if (t.isEmpty()) {
            return Double.NaN;
        }
        char c = t.charAt(0);
        if (!(Character.isDigit(c) || c == '-' || c == '+' || c == '.' || c == 'I' || c == 'N')) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(t);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** True if the node is text that is not a number and not a missing-value marker. */
    private static boolean isCategory(JsonNode n) {
        if (n == null || !n.isTextual()) {
            return false;
        }
        String t = n.asText().trim();
        return !t.isEmpty() && !t.equals("null") && !t.equals("NaN") && Double.isNaN(parse(t));
    }

    private static String text(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return "";
        }
        if (n.isObject()) {
            return text(n.get("text"));
        }
        return n.asText();
    }

    private static List<JsonNode> list(JsonNode n) {
        List<JsonNode> l = new ArrayList<>();
        if (n != null && n.isArray()) {
            n.forEach(l::add);
        }
        return l;
    }

    // ------------------------------------------------------------------ model

    /** One axis: its type, the data extent on it, its range and where it is on the page. */
    final class Axis {
        final String id;
        final boolean isX;
        final JsonNode spec;
        String type = "";
        final List<String> categories = new ArrayList<>();
        final Map<String, Integer> categoryIndex = new LinkedHashMap<>();
        double dataMin = Double.POSITIVE_INFINITY;
        double dataMax = Double.NEGATIVE_INFINITY;
        boolean pad;
        boolean padLow = true;
        double lo;
        double hi;
        double d0 = 0;
        double d1 = 1;
        double p0;
        double p1;
        Axis anchor;
        boolean opposite;
        double[] ticks = new double[0];
        String[] labels = new String[0];
        boolean used;

        Axis(String id) {
            this.id = id;
            this.isX = id.startsWith("x");
            String n = id.substring(1);
            JsonNode s = layout.get((isX ? "xaxis" : "yaxis") + n);
            if (s == null && n.equals("")) {
                s = layout.get(isX ? "xaxis1" : "yaxis1");
            }
            this.spec = s == null ? NullNode.instance : s;
        }

        int number() {
            String n = id.substring(1);
            return n.isEmpty() ? 1 : Integer.parseInt(n);
        }

        boolean log() {
            return type.equals("log");
        }

        void see(JsonNode raw) {
            if (isCategory(raw)) {
                String t = raw.asText();
                if (!categoryIndex.containsKey(t)) {
                    categoryIndex.put(t, categories.size());
                    categories.add(t);
                }
            }
        }

        /** The coordinate of a data value: its index on a category axis, log10 of it on a log axis. */
        double coord(JsonNode raw) {
            if (type.equals("category")) {
                if (raw != null && raw.isTextual() && categoryIndex.containsKey(raw.asText())) {
                    return categoryIndex.get(raw.asText());
                }
                double v = num(raw);
                return Double.isNaN(v) ? Double.NaN : v;
            }
            return coord(num(raw));
        }

        double coord(double v) {
            if (log()) {
                return v > 0 ? Math.log10(v) : Double.NaN;
            }
            return v;
        }

        void extend(double c) {
            if (Double.isFinite(c)) {
                dataMin = Math.min(dataMin, c);
                dataMax = Math.max(dataMax, c);
            }
        }

        double px(double c) {
            return p0 + (c - lo) / (hi - lo) * (p1 - p0);
        }
    }

    /** One trace with what was computed for it. */
    static final class Trace {
        JsonNode spec;
        int index;
        String type;
        Axis xa;
        Axis ya;
        String name;
        String color;
        boolean lines;
        boolean markers;
        double[] xs;
        double[] ys;
        double[][] bars; // {x0, x1, y0, y1} in coordinates (x along the category axis before orientation)
        boolean horizontal;
        double[] cx; // grid centres for heatmap and contour
        double[] cy;
        double[][] z;
        double zmin;
        double zmax;
        ColorScale scale;
        boolean legendOnly;
    }

    private Axis axis(String id) {
        if (id == null || id.isEmpty()) {
            throw new IllegalArgumentException("empty axis id");
        }
        String norm = id.equals("x1") ? "x" : id.equals("y1") ? "y" : id;
        return axes.computeIfAbsent(norm, Axis::new);
    }

    // ------------------------------------------------------------------ render

    String render() {
        int index = 0;
        for (JsonNode spec : list(data)) {
            Trace t = new Trace();
            t.spec = spec;
            t.index = index++;
            t.type = spec.path("type").asText("scatter").toLowerCase(Locale.ROOT);
            if (t.type.equals("scattergl")) {
                t.type = "scatter";
            }
            String visible = spec.path("visible").asText("true");
            if (visible.equals("false")) {
                continue;
            }
            t.legendOnly = visible.equals("legendonly");
            if (!SUPPORTED.contains(t.type)) {
                if (!skipped.contains(t.type)) {
                    skipped.add(t.type);
                }
                continue;
            }
            String xId = spec.path("xaxis").asText("x");
            String yId = spec.path("yaxis").asText("y");
            t.xa = axis(xId.isEmpty() ? "x" : xId);
            t.ya = axis(yId.isEmpty() ? "y" : yId);
            t.xa.used = true;
            t.ya.used = true;
            String name = text(spec.get("name"));
            t.name = name.isEmpty() ? "trace " + t.index : name;
            t.color = traceColor(spec, t.index);
            traces.add(t);
        }
        if (axes.isEmpty()) {
            axis("x").used = true;
            axis("y").used = true;
        }
        detectTypes();
        for (Trace t : traces) {
            switch (t.type) {
                case "bar" -> bar(t);
                case "histogram" -> histogram(t);
                case "heatmap", "contour" -> grid(t);
                default -> scatter(t);
            }
        }
        ranges();
        List<Trace> legendTraces = new ArrayList<>();
        boolean anyColorbar = false;
        Trace colorbarTrace = null;
        for (Trace t : traces) {
            if (t.type.equals("heatmap") || t.type.equals("contour")) {
                if (colorbarTrace == null && !t.spec.path("showscale").asText("true").equals("false")) {
                    colorbarTrace = t;
                    anyColorbar = true;
                }
            } else if (!t.spec.path("showlegend").asText("true").equals("false")) {
                legendTraces.add(t);
            }
        }
        JsonNode showLegend = layout.get("showlegend");
        boolean legend = showLegend == null || showLegend.isNull() ? legendTraces.size() > 1
                : showLegend.asText().equals("true");
        if (!legend) {
            legendTraces.clear();
        }
        double legendWidth = 0;
        for (Trace t : legendTraces) {
            legendWidth = Math.max(legendWidth, Svg.textWidth(t.name, FONT) + 44);
        }
        legendWidth = Math.min(legendWidth, width * 0.35);

        String title = text(layout.get("title"));
        boolean anyXTitle = false;
        boolean anyYTitle = false;
        for (Axis a : axes.values()) {
            if (!text(a.spec.get("title")).isEmpty()) {
                anyXTitle |= a.isX;
                anyYTitle |= !a.isX;
            }
        }
        boolean rightAxis = false;
        for (Axis a : axes.values()) {
            rightAxis |= !a.isX && a.spec.path("side").asText("").equals("right");
        }
        double maxYLabel = 0;
        for (Axis a : axes.values()) {
            if (!a.isX && !a.spec.path("side").asText("").equals("right")) {
                computeTicks(a, 5);
                for (String l : a.labels) {
                    maxYLabel = Math.max(maxYLabel, Svg.textWidth(l, FONT - 1));
                }
            }
        }
        double left = Math.max(50, maxYLabel + 18 + (anyYTitle ? 22 : 0));
        double right = 20 + (legendWidth > 0 ? legendWidth + 10 : 0) + (anyColorbar ? 70 : 0) + (rightAxis ? 50 : 0);
        double top = title.isEmpty() ? 24 : 56;
        double bottom = 40 + (anyXTitle ? 22 : 0);
        double plotL = left;
        double plotR = Math.max(left + 40, width - right);
        double plotT = top;
        double plotB = Math.max(top + 40, height - bottom);

        domains();
        for (Axis a : axes.values()) {
            if (a.isX) {
                a.p0 = plotL + a.d0 * (plotR - plotL);
                a.p1 = plotL + a.d1 * (plotR - plotL);
            } else {
                a.p0 = plotB - a.d0 * (plotB - plotT);
                a.p1 = plotB - a.d1 * (plotB - plotT);
            }
        }
        for (Axis a : axes.values()) {
            double len = Math.abs(a.p1 - a.p0);
            computeTicks(a, (int) Math.max(2, Math.min(10, Math.round(len / (a.isX ? 80 : 45)))));
        }

        // ---- write
        out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(Svg.num(width))
                .append("\" height=\"").append(Svg.num(height)).append("\" viewBox=\"0 0 ")
                .append(Svg.num(width)).append(' ').append(Svg.num(height))
                .append("\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"12\">\n");
        Map<String, int[]> subplots = new LinkedHashMap<>();
        for (Trace t : traces) {
            subplots.putIfAbsent(t.xa.id + t.ya.id, new int[] {subplots.size()});
        }
        out.append("<defs>");
        int clip = 0;
        Map<String, String> clipIds = new LinkedHashMap<>();
        for (Trace t : traces) {
            String key = t.xa.id + t.ya.id;
            if (!clipIds.containsKey(key)) {
                String id = idPrefix + "-clip" + clip++;
                clipIds.put(key, id);
                out.append("<clipPath id=\"").append(id).append("\"><rect x=\"").append(Svg.num(Math.min(t.xa.p0, t.xa.p1)))
                        .append("\" y=\"").append(Svg.num(Math.min(t.ya.p0, t.ya.p1))).append("\" width=\"")
                        .append(Svg.num(Math.abs(t.xa.p1 - t.xa.p0))).append("\" height=\"")
                        .append(Svg.num(Math.abs(t.ya.p1 - t.ya.p0))).append("\"/></clipPath>");
            }
        }
        if (colorbarTrace != null) {
            out.append("<linearGradient id=\"").append(idPrefix).append("-cbar\" x1=\"0\" y1=\"1\" x2=\"0\" y2=\"0\">");
            for (int i = 0; i <= 10; i++) {
                out.append("<stop offset=\"").append(Svg.num(i / 10.0)).append("\" stop-color=\"")
                        .append(colorbarTrace.scale.color(i / 10.0)).append("\"/>");
            }
            out.append("</linearGradient>");
        }
        out.append("</defs>\n");
        out.append("<rect class=\"background\" x=\"0\" y=\"0\" width=\"").append(Svg.num(width))
                .append("\" height=\"").append(Svg.num(height)).append("\" fill=\"").append(color(layout.get("paper_bgcolor"), "#ffffff"))
                .append("\"/>\n");

        // grid lines, once per subplot
        List<String> drawnGrids = new ArrayList<>();
        for (Trace t : traces) {
            String key = t.xa.id + t.ya.id;
            if (drawnGrids.contains(key)) {
                continue;
            }
            drawnGrids.add(key);
            JsonNode plotBg = layout.get("plot_bgcolor");
            if (plotBg != null && plotBg.isTextual() && !plotBg.asText().isBlank()) {
                out.append("<rect class=\"plot-background\" x=\"").append(Svg.num(Math.min(t.xa.p0, t.xa.p1))).append("\" y=\"")
                        .append(Svg.num(Math.min(t.ya.p0, t.ya.p1))).append("\" width=\"").append(Svg.num(Math.abs(t.xa.p1 - t.xa.p0)))
                        .append("\" height=\"").append(Svg.num(Math.abs(t.ya.p1 - t.ya.p0))).append("\" fill=\"")
                        .append(Svg.escape(plotBg.asText().trim())).append("\"/>\n");
            }
            out.append("<g class=\"grid\" stroke=\"#e5e5e5\" stroke-width=\"1\">");
            if (!t.xa.spec.path("showgrid").asText("true").equals("false") && !t.xa.type.equals("category")) {
                for (double v : t.xa.ticks) {
                    double x = t.xa.px(v);
                    line(x, t.ya.p0, x, t.ya.p1, null);
                }
            }
            if (t.ya.spec.path("overlaying").asText("").isEmpty()
                    && !t.ya.spec.path("showgrid").asText("true").equals("false") && !t.ya.type.equals("category")) {
                for (double v : t.ya.ticks) {
                    double y = t.ya.px(v);
                    line(t.xa.p0, y, t.xa.p1, y, null);
                }
            }
            out.append("</g>\n");
            if (!t.ya.log() && t.ya.lo < 0 && t.ya.hi > 0 && t.ya.spec.path("zeroline").asText("true").equals("true")
                    && !t.ya.type.equals("category")) {
                out.append("<g class=\"zeroline\" stroke=\"#9a9a9a\" stroke-width=\"1\">");
                line(t.xa.p0, t.ya.px(0), t.xa.p1, t.ya.px(0), null);
                out.append("</g>\n");
            }
            if (!t.xa.log() && t.xa.lo < 0 && t.xa.hi > 0 && t.xa.spec.path("zeroline").asText("true").equals("true")
                    && !t.xa.type.equals("category")) {
                out.append("<g class=\"zeroline\" stroke=\"#9a9a9a\" stroke-width=\"1\">");
                line(t.xa.px(0), t.ya.p0, t.xa.px(0), t.ya.p1, null);
                out.append("</g>\n");
            }
        }

        for (Trace t : traces) {
            if (t.legendOnly) {
                continue;
            }
            String opacity = opacity(t.spec.get("opacity"));
            out.append("<g class=\"trace ").append(t.type).append("\" data-index=\"").append(t.index)
                    .append("\" clip-path=\"url(#").append(clipIds.get(t.xa.id + t.ya.id)).append(")\"")
                    .append(opacity).append(">\n");
            switch (t.type) {
                case "bar", "histogram" -> drawBars(t);
                case "heatmap" -> drawHeatmap(t);
                case "contour" -> drawContour(t);
                default -> drawScatter(t);
            }
            out.append("</g>\n");
        }

        for (Axis a : axes.values()) {
            if (a.used && !a.spec.path("visible").asText("true").equals("false")) {
                drawAxis(a);
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
        if (colorbarTrace != null) {
            drawColorbar(colorbarTrace, sideX, plotT, plotB);
            sideX += 70;
        }
        if (!legendTraces.isEmpty()) {
            drawLegend(legendTraces, sideX, plotT);
        }
        out.append("</svg>\n");
        return out.toString();
    }

    private static String opacity(JsonNode n) {
        double o = num(n);
        return Double.isNaN(o) || o >= 1 ? "" : " opacity=\"" + Svg.num(Math.max(0, o)) + "\"";
    }

    private static String traceColor(JsonNode spec, int index) {
        for (JsonNode c : new JsonNode[] {spec.path("line").get("color"), spec.path("marker").get("color")}) {
            if (c != null && c.isTextual() && !c.asText().isBlank()) {
                return c.asText().trim();
            }
        }
        return COLORWAY[index % COLORWAY.length];
    }

    private static String color(JsonNode n, String dflt) {
        return n != null && n.isTextual() && !n.asText().isBlank() ? n.asText().trim() : dflt;
    }

    // ------------------------------------------------------------------ types and geometry

    private void detectTypes() {
        for (Trace t : traces) {
            for (String k : new String[] {"x", "y"}) {
                Axis a = k.equals("x") ? t.xa : t.ya;
                if (t.type.equals("histogram") && (k.equals("y") && t.spec.has("x") || k.equals("x") && !t.spec.has("x"))) {
                    continue;
                }
                for (JsonNode v : list(t.spec.get(k))) {
                    a.see(v);
                }
            }
        }
        for (Axis a : axes.values()) {
            String declared = a.spec.path("type").asText("").toLowerCase(Locale.ROOT);
            if (declared.equals("log") || declared.equals("linear") || declared.equals("category")) {
                a.type = declared;
            } else {
                a.type = a.categories.isEmpty() ? "linear" : "category";
            }
        }
    }

    private void scatter(Trace t) {
        List<JsonNode> x = list(t.spec.get("x"));
        List<JsonNode> y = list(t.spec.get("y"));
        int n = Math.max(x.size(), y.size());
        t.xs = new double[n];
        t.ys = new double[n];
        for (int i = 0; i < n; i++) {
            t.xs[i] = x.isEmpty() ? t.xa.coord((double) i) : i < x.size() ? t.xa.coord(x.get(i)) : Double.NaN;
            t.ys[i] = y.isEmpty() ? t.ya.coord((double) i) : i < y.size() ? t.ya.coord(y.get(i)) : Double.NaN;
            if (Double.isFinite(t.xs[i]) && Double.isFinite(t.ys[i])) {
                t.xa.extend(t.xs[i]);
                t.ya.extend(t.ys[i]);
            }
        }
        String mode = t.spec.path("mode").asText(n < 20 ? "lines+markers" : "lines");
        t.lines = mode.contains("lines");
        t.markers = mode.contains("markers");
        if (t.markers) {
            t.xa.pad = true;
            t.ya.pad = true;
        }
    }

    private void bar(Trace t) {
        t.horizontal = t.spec.path("orientation").asText("v").equals("h");
        Axis pos = t.horizontal ? t.ya : t.xa;
        Axis val = t.horizontal ? t.xa : t.ya;
        List<JsonNode> p = list(t.spec.get(t.horizontal ? "y" : "x"));
        List<JsonNode> v = list(t.spec.get(t.horizontal ? "x" : "y"));
        int n = v.size();
        double[] positions = new double[n];
        for (int i = 0; i < n; i++) {
            positions[i] = p.isEmpty() ? i : i < p.size() ? pos.coord(p.get(i)) : Double.NaN;
        }
        double gap = minGap(positions);
        double w = gap * 0.8;
        // bars of several traces on one axis stand side by side (plotly's "group" mode)
        List<Trace> group = new ArrayList<>();
        boolean overlay = layout.path("barmode").asText("group").equals("overlay");
        for (Trace o : traces) {
            if (o.type.equals("bar") && o.xa == t.xa && o.ya == t.ya) {
                group.add(o);
            }
        }
        String barmode = layout.path("barmode").asText("group");
        boolean stack = barmode.equals("stack") || barmode.equals("relative");
        int k = overlay || stack ? 0 : group.indexOf(t);
        int m = overlay || stack ? 1 : group.size();
        double slot = w / m;
        t.bars = new double[n][];
        double base = val.log() ? Double.NaN : 0;
        val.extend(base);
        val.padLow = false;
        val.pad = true;
        for (int i = 0; i < n; i++) {
            double c = val.coord(v.get(i));
            if (!Double.isFinite(positions[i]) || !Double.isFinite(c)) {
                continue;
            }
            double a = positions[i] - w / 2 + k * slot;
            double from = base;
            if (stack && !val.log()) {
                double raw = num(v.get(i));
                double[] sums = stacks.computeIfAbsent(t.xa.id + t.ya.id + "@" + positions[i], key -> new double[2]);
                int side = raw < 0 ? 1 : 0;
                from = sums[side];
                sums[side] += raw;
                c = sums[side];
            }
            t.bars[i] = new double[] {a, a + slot, from, c};
            pos.extend(positions[i] - gap / 2);
            pos.extend(positions[i] + gap / 2);
            val.extend(c);
        }
    }

    private static double minGap(double[] positions) {
        double[] s = Arrays.stream(positions).filter(Double::isFinite).sorted().toArray();
        double g = Double.POSITIVE_INFINITY;
        for (int i = 1; i < s.length; i++) {
            if (s[i] > s[i - 1]) {
                g = Math.min(g, s[i] - s[i - 1]);
            }
        }
        return Double.isFinite(g) ? g : 1;
    }

    private void histogram(Trace t) {
        t.horizontal = !t.spec.has("x") && t.spec.has("y");
        Axis pos = t.horizontal ? t.ya : t.xa;
        Axis val = t.horizontal ? t.xa : t.ya;
        double[] v = list(t.spec.get(t.horizontal ? "y" : "x")).stream().mapToDouble(FigureRenderer::num)
                .filter(Double::isFinite).toArray();
        int nbins = (int) num(t.spec.get(t.horizontal ? "nbinsy" : "nbinsx"));
        double[] edges = binEdges(v, nbins);
        double[] counts = new double[edges.length - 1];
        for (double x : v) {
            int b = (int) Math.floor((x - edges[0]) / (edges[1] - edges[0]));
            b = Math.max(0, Math.min(counts.length - 1, b));
            counts[b]++;
        }
        String norm = t.spec.path("histnorm").asText("");
        for (int i = 0; i < counts.length; i++) {
            double bw = edges[i + 1] - edges[i];
            counts[i] = switch (norm) {
                case "percent" -> 100 * counts[i] / Math.max(1, v.length);
                case "probability" -> counts[i] / Math.max(1, v.length);
                case "density" -> counts[i] / bw;
                case "probability density" -> counts[i] / Math.max(1, v.length) / bw;
                default -> counts[i];
            };
        }
        t.bars = new double[counts.length][];
        val.extend(0);
        val.padLow = false;
        val.pad = true;
        for (int i = 0; i < counts.length; i++) {
            double a = pos.coord(edges[i]);
            double b = pos.coord(edges[i + 1]);
            double c = val.coord(counts[i]);
            pos.extend(a);
            pos.extend(b);
            if (counts[i] > 0 && Double.isFinite(c)) {
                t.bars[i] = new double[] {a, b, val.log() ? Double.NaN : 0, c};
                val.extend(c);
            }
        }
    }

    /** Equal bins on multiples of a nice width: {@code nbins} of them if positive, about 1.5√n (5 to 60) otherwise. */
    static double[] binEdges(double[] v, int nbins) {
        if (v.length == 0) {
            return new double[] {0, 1};
        }
        double min = Arrays.stream(v).min().getAsDouble();
        double max = Arrays.stream(v).max().getAsDouble();
        if (max == min) {
            return new double[] {min - 0.5, min + 0.5};
        }
        int target = nbins > 0 ? nbins : (int) Math.max(5, Math.min(60, Math.ceil(1.5 * Math.sqrt(v.length))));
        double step = Ticks.niceStep(max - min, target);
        double start = Math.floor(min / step) * step;
        int count = (int) Math.floor((max - start) / step) + 1;
        double[] edges = new double[count + 1];
        for (int i = 0; i <= count; i++) {
            edges[i] = start + i * step;
        }
        return edges;
    }

    private void grid(Trace t) {
        List<JsonNode> zr = list(t.spec.get("z"));
        int rows = zr.size();
        int cols = 0;
        for (JsonNode r : zr) {
            cols = Math.max(cols, r.size());
        }
        t.z = new double[rows][cols];
        t.zmin = Double.POSITIVE_INFINITY;
        t.zmax = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < rows; j++) {
            Arrays.fill(t.z[j], Double.NaN);
            for (int i = 0; i < zr.get(j).size(); i++) {
                double v = num(zr.get(j).get(i));
                t.z[j][i] = v;
                if (Double.isFinite(v)) {
                    t.zmin = Math.min(t.zmin, v);
                    t.zmax = Math.max(t.zmax, v);
                }
            }
        }
        if (!Double.isFinite(t.zmin)) {
            t.zmin = 0;
            t.zmax = 1;
        }
        double zmin = num(t.spec.get("zmin"));
        double zmax = num(t.spec.get("zmax"));
        if (Double.isFinite(zmin)) {
            t.zmin = zmin;
        }
        if (Double.isFinite(zmax)) {
            t.zmax = zmax;
        }
        t.cx = centres(t.spec.get("x"), cols, t.xa);
        t.cy = centres(t.spec.get("y"), rows, t.ya);
        t.scale = ColorScale.of(t.spec.get("colorscale"), t.spec.path("reversescale").asText("").equals("true"));
        boolean heatmap = t.type.equals("heatmap");
        double[] ex = heatmap ? edges(t.cx) : t.cx;
        double[] ey = heatmap ? edges(t.cy) : t.cy;
        for (double e : ex) {
            t.xa.extend(e);
        }
        for (double e : ey) {
            t.ya.extend(e);
        }
    }

    private static double[] centres(JsonNode given, int n, Axis a) {
        List<JsonNode> l = list(given);
        double[] c = new double[n];
        for (int i = 0; i < n; i++) {
            c[i] = i < l.size() ? a.coord(l.get(i)) : a.coord((double) i);
            if (!Double.isFinite(c[i])) {
                c[i] = i;
            }
        }
        return c;
    }

    /** Cell edges around centres: midway between neighbours, half a step beyond the ends. */
    static double[] edges(double[] c) {
        int n = c.length;
        double[] e = new double[n + 1];
        if (n == 0) {
            return e;
        }
        if (n == 1) {
            e[0] = c[0] - 0.5;
            e[1] = c[0] + 0.5;
            return e;
        }
        for (int i = 1; i < n; i++) {
            e[i] = (c[i - 1] + c[i]) / 2;
        }
        e[0] = c[0] - (c[1] - c[0]) / 2;
        e[n] = c[n - 1] + (c[n - 1] - c[n - 2]) / 2;
        return e;
    }

    // ------------------------------------------------------------------ ranges, domains, ticks

    private void ranges() {
        for (Axis a : axes.values()) {
            JsonNode r = a.spec.get("range");
            String auto = a.spec.path("autorange").asText("");
            boolean fixed = r != null && r.isArray() && r.size() == 2 && Double.isFinite(num(r.get(0)))
                    && Double.isFinite(num(r.get(1))) && num(r.get(0)) != num(r.get(1)) && !auto.equals("true");
            if (fixed) {
                a.lo = num(r.get(0));
                a.hi = num(r.get(1));
                continue;
            }
            if (a.type.equals("category") && !a.categories.isEmpty()) {
                a.lo = Math.min(-0.5, a.dataMin);
                a.hi = Math.max(a.categories.size() - 0.5, a.dataMax);
            } else if (a.dataMin > a.dataMax) {
                a.lo = a.log() ? 0 : -1;
                a.hi = a.log() ? 1 : 1;
            } else if (a.dataMin == a.dataMax) {
                double d = a.dataMin == 0 || a.log() ? 1 : Math.abs(a.dataMin) * 0.1;
                a.lo = a.dataMin - d;
                a.hi = a.dataMax + d;
            } else {
                a.lo = a.dataMin;
                a.hi = a.dataMax;
                if (a.pad) {
                    double p = 0.05 * (a.hi - a.lo);
                    if (a.padLow || a.lo < 0) {
                        a.lo -= p;
                    }
                    a.hi += a.hi > 0 || a.padLow ? p : 0;
                }
            }
            if (auto.equals("reversed")) {
                double s = a.lo;
                a.lo = a.hi;
                a.hi = s;
            }
        }
    }

    private void domains() {
        JsonNode grid = layout.get("grid");
        int rows = grid == null ? 0 : (int) num(grid.get("rows"));
        int cols = grid == null ? 0 : (int) num(grid.get("columns"));
        boolean independent = grid != null && grid.path("pattern").asText("coupled").equals("independent");
        double xgap = grid == null ? Double.NaN : num(grid.get("xgap"));
        double ygap = grid == null ? Double.NaN : num(grid.get("ygap"));
        // Tablesaw writes gaps in pixels (100, 80); plotly wants fractions of a cell
        if (!(xgap >= 0 && xgap < 1)) {
            xgap = 0.2;
        }
        if (!(ygap >= 0 && ygap < 1)) {
            ygap = 0.3;
        }
        boolean bottomUp = grid != null && grid.path("roworder").asText("").equals("bottom to top");
        for (Axis a : axes.values()) {
            JsonNode d = a.spec.get("domain");
            if (d != null && d.isArray() && d.size() == 2 && Double.isFinite(num(d.get(0))) && Double.isFinite(num(d.get(1)))) {
                a.d0 = num(d.get(0));
                a.d1 = num(d.get(1));
            } else if (rows > 0 && cols > 0) {
                int k = a.number() - 1;
                if (a.isX) {
                    int col = independent ? k % cols : k;
                    double[] dd = cell(col, cols, xgap);
                    a.d0 = dd[0];
                    a.d1 = dd[1];
                } else {
                    int row = independent ? k / cols : k;
                    if (!bottomUp) {
                        row = rows - 1 - row;
                    }
                    double[] dd = cell(row, rows, ygap);
                    a.d0 = dd[0];
                    a.d1 = dd[1];
                }
            }
        }
        for (Axis a : axes.values()) {
            String over = a.spec.path("overlaying").asText("");
            if (!over.isEmpty() && axes.containsKey(over)) {
                a.d0 = axes.get(over).d0;
                a.d1 = axes.get(over).d1;
            }
            a.opposite = a.spec.path("side").asText("").equals(a.isX ? "top" : "right");
        }
        for (Axis a : axes.values()) {
            String anchor = a.spec.path("anchor").asText("");
            if (axes.containsKey(anchor)) {
                a.anchor = axes.get(anchor);
            } else {
                for (Trace t : traces) {
                    if (t.xa == a || t.ya == a) {
                        a.anchor = a.isX ? t.ya : t.xa;
                        break;
                    }
                }
            }
            if (a.anchor == null) {
                a.anchor = axis(a.isX ? "y" : "x");
            }
        }
    }

    private static double[] cell(int i, int n, double gap) {
        double step = 1 / (n - gap);
        double a = i * step;
        return new double[] {Math.max(0, a), Math.min(1, a + step * (1 - gap))};
    }

    private void computeTicks(Axis a, int target) {
        double lo = Math.min(a.lo, a.hi);
        double hi = Math.max(a.lo, a.hi);
        List<JsonNode> vals = list(a.spec.get("tickvals"));
        if (!vals.isEmpty()) {
            List<JsonNode> texts = list(a.spec.get("ticktext"));
            List<Double> t = new ArrayList<>();
            List<String> l = new ArrayList<>();
            for (int i = 0; i < vals.size(); i++) {
                double c = a.coord(vals.get(i));
                if (Double.isFinite(c) && c >= lo - 1e-9 && c <= hi + 1e-9) {
                    t.add(c);
                    l.add(i < texts.size() ? text(texts.get(i)) : vals.get(i).asText());
                }
            }
            a.ticks = t.stream().mapToDouble(Double::doubleValue).toArray();
            a.labels = l.toArray(new String[0]);
        } else if (a.type.equals("category")) {
            int n = a.categories.size();
            int first = (int) Math.ceil(lo);
            int last = Math.min(n - 1, (int) Math.floor(hi));
            int every = Math.max(1, (int) Math.ceil((last - first + 1) / (double) Math.max(2, target * 2)));
            List<Double> t = new ArrayList<>();
            List<String> l = new ArrayList<>();
            for (int i = Math.max(0, first); i <= last; i += every) {
                t.add((double) i);
                l.add(a.categories.get(i));
            }
            a.ticks = t.stream().mapToDouble(Double::doubleValue).toArray();
            a.labels = l.toArray(new String[0]);
        } else if (a.log()) {
            a.ticks = Ticks.log(lo, hi, target);
            a.labels = new String[a.ticks.length];
            for (int i = 0; i < a.ticks.length; i++) {
                double e = a.ticks[i];
                a.labels[i] = e == Math.rint(e) ? "10^" + (long) e : plain(Math.pow(10, e));
            }
        } else {
            a.ticks = Ticks.linear(lo, hi, target);
            a.labels = Ticks.labels(a.ticks);
        }
    }

    private static String plain(double v) {
        return new java.math.BigDecimal(v).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
    }

    // ------------------------------------------------------------------ drawing

    private void line(double x1, double y1, double x2, double y2, String extra) {
        out.append("<line x1=\"").append(Svg.num(x1)).append("\" y1=\"").append(Svg.num(y1)).append("\" x2=\"")
                .append(Svg.num(x2)).append("\" y2=\"").append(Svg.num(y2)).append('"');
        if (extra != null) {
            out.append(' ').append(extra);
        }
        out.append("/>");
    }

    private static String dash(String d) {
        return switch (d) {
            case "dash" -> " stroke-dasharray=\"8,5\"";
            case "dot" -> " stroke-dasharray=\"2,4\"";
            case "dashdot" -> " stroke-dasharray=\"8,4,2,4\"";
            case "longdash" -> " stroke-dasharray=\"14,6\"";
            default -> "";
        };
    }

    private void drawScatter(Trace t) {
        JsonNode lineSpec = t.spec.path("line");
        String fillMode = t.spec.path("fill").asText("none");
        if (fillMode.equals("tozeroy") || fillMode.equals("tozerox")) {
            boolean toY = fillMode.equals("tozeroy");
            double zero = toY ? (t.ya.log() ? t.ya.p0 : t.ya.px(0)) : (t.xa.log() ? t.xa.p0 : t.xa.px(0));
            StringBuilder d = new StringBuilder();
            double firstPx = Double.NaN;
            double lastPx = Double.NaN;
            for (int i = 0; i < t.xs.length; i++) {
                if (!Double.isFinite(t.xs[i]) || !Double.isFinite(t.ys[i])) {
                    continue;
                }
                double px = t.xa.px(t.xs[i]);
                double py = t.ya.px(t.ys[i]);
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
        if (t.lines) {
            double w = num(lineSpec.get("width"));
            w = Double.isFinite(w) && w >= 0 ? w : 2;
            StringBuilder d = new StringBuilder();
            boolean pen = false;
            for (int i = 0; i < t.xs.length; i++) {
                if (!Double.isFinite(t.xs[i]) || !Double.isFinite(t.ys[i])) {
                    pen = false;
                    continue;
                }
                d.append(pen ? 'L' : 'M').append(Svg.num(t.xa.px(t.xs[i]))).append(',').append(Svg.num(t.ya.px(t.ys[i])));
                pen = true;
            }
            out.append("<path class=\"line\" d=\"").append(d).append("\" fill=\"none\" stroke=\"")
                    .append(Svg.escape(color(lineSpec.get("color"), t.color))).append("\" stroke-width=\"").append(Svg.num(w))
                    .append("\" stroke-linejoin=\"round\" stroke-linecap=\"round\"")
                    .append(dash(lineSpec.path("dash").asText(""))).append("/>\n");
        }
        if (t.markers) {
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
                    double[] cv = list(colors).stream().mapToDouble(FigureRenderer::num).filter(Double::isFinite).toArray();
                    cmin = cv.length == 0 ? 0 : Arrays.stream(cv).min().getAsDouble();
                    cmax = cv.length == 0 ? 1 : Arrays.stream(cv).max().getAsDouble();
                }
                scale = ColorScale.of(m.get("colorscale"), m.path("reversescale").asText("").equals("true"));
            }
            String fill = colors != null && colors.isTextual() ? colors.asText() : t.color;
            out.append("<g class=\"markers\" fill=\"").append(Svg.escape(fill)).append('"').append(opacity(m.get("opacity")));
            JsonNode ml = m.path("line");
            if (ml.has("color") || ml.has("width")) {
                out.append(" stroke=\"").append(Svg.escape(color(ml.get("color"), "#444444"))).append("\" stroke-width=\"")
                        .append(Svg.num(Double.isFinite(num(ml.get("width"))) ? num(ml.get("width")) : 1)).append('"');
            }
            out.append('>');
            for (int i = 0; i < t.xs.length; i++) {
                if (!Double.isFinite(t.xs[i]) || !Double.isFinite(t.ys[i])) {
                    continue;
                }
                out.append("<circle cx=\"").append(Svg.num(t.xa.px(t.xs[i]))).append("\" cy=\"")
                        .append(Svg.num(t.ya.px(t.ys[i]))).append("\" r=\"");
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
    }

    private void drawBars(Trace t) {
        String fill = color(t.spec.path("marker").get("color"), t.color);
        out.append("<g class=\"bars\" fill=\"").append(Svg.escape(fill)).append("\" stroke=\"#ffffff\" stroke-width=\"0.5\">");
        for (double[] b : t.bars) {
            if (b == null) {
                continue;
            }
            Axis pos = t.horizontal ? t.ya : t.xa;
            Axis val = t.horizontal ? t.xa : t.ya;
            double p0 = pos.px(b[0]);
            double p1 = pos.px(b[1]);
            double v0 = Double.isNaN(b[2]) ? val.p0 : val.px(b[2]);
            double v1 = val.px(b[3]);
            double x = t.horizontal ? Math.min(v0, v1) : Math.min(p0, p1);
            double y = t.horizontal ? Math.min(p0, p1) : Math.min(v0, v1);
            double w = t.horizontal ? Math.abs(v1 - v0) : Math.abs(p1 - p0);
            double h = t.horizontal ? Math.abs(p1 - p0) : Math.abs(v1 - v0);
            out.append("<rect x=\"").append(Svg.num(x)).append("\" y=\"").append(Svg.num(y)).append("\" width=\"")
                    .append(Svg.num(w)).append("\" height=\"").append(Svg.num(h)).append("\"/>");
        }
        out.append("</g>\n");
    }

    private double norm(Trace t, double v) {
        return (v - t.zmin) / (t.zmax - t.zmin == 0 ? 1 : t.zmax - t.zmin);
    }

    private void drawHeatmap(Trace t) {
        double[] ex = edges(t.cx);
        double[] ey = edges(t.cy);
        out.append("<g class=\"cells\" shape-rendering=\"crispEdges\">");
        for (int j = 0; j < t.z.length; j++) {
            for (int i = 0; i < t.z[j].length; i++) {
                double v = t.z[j][i];
                if (!Double.isFinite(v)) {
                    continue;
                }
                cell(t, ex[i], ex[i + 1], ey[j], ey[j + 1], t.scale.color(norm(t, v)), "cell");
            }
        }
        out.append("</g>\n");
    }

    private void cell(Trace t, double x0, double x1, double y0, double y1, String fill, String cls) {
        double a = t.xa.px(x0);
        double b = t.xa.px(x1);
        double c = t.ya.px(y0);
        double d = t.ya.px(y1);
        double x = Math.min(a, b);
        double y = Math.min(c, d);
        // round the corners to whole pixels so neighbouring cells meet without hairlines
        double xr = Math.floor(x);
        double yr = Math.floor(y);
        out.append("<rect class=\"").append(cls).append("\" x=\"").append(Svg.num(xr)).append("\" y=\"").append(Svg.num(yr))
                .append("\" width=\"").append(Svg.num(Math.ceil(Math.max(a, b)) - xr)).append("\" height=\"")
                .append(Svg.num(Math.ceil(Math.max(c, d)) - yr)).append("\" fill=\"").append(fill).append("\"/>");
    }

    private double[] contourLevels(Trace t) {
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
        double step = Ticks.niceStep(t.zmax - t.zmin, target);
        List<Double> l = new ArrayList<>();
        for (long k = (long) Math.floor(t.zmin / step) + 1; k * step < t.zmax - step * 1e-9; k++) {
            l.add(k * step);
        }
        if (l.isEmpty()) {
            l.add((t.zmin + t.zmax) / 2);
        }
        return l.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private void drawContour(Trace t) {
        double[] levels = contourLevels(t);
        String coloring = t.spec.path("contours").path("coloring").asText("fill");
        if (coloring.equals("heatmap")) {
            drawHeatmap(t);
        } else if (!coloring.equals("lines") && !coloring.equals("none")) {
            // painter's bands: the lowest band everywhere, then each level's region above it on top
            out.append("<g class=\"bands\">");
            String low = t.scale.color(norm(t, (t.zmin + levels[0]) / 2));
            cell(t, t.cx[0], t.cx[t.cx.length - 1], t.cy[0], t.cy[t.cy.length - 1], low, "band");
            for (int k = 0; k < levels.length; k++) {
                double hi = k + 1 < levels.length ? levels[k + 1] : Math.max(t.zmax, levels[k]);
                String fill = t.scale.color(norm(t, (levels[k] + hi) / 2));
                StringBuilder d = new StringBuilder();
                for (double[] poly : Contours.above(t.cx, t.cy, t.z, levels[k])) {
                    for (int i = 0; i < poly.length; i += 2) {
                        d.append(i == 0 ? 'M' : 'L').append(Svg.num(t.xa.px(poly[i]))).append(',')
                                .append(Svg.num(t.ya.px(poly[i + 1])));
                    }
                    d.append('Z');
                }
                if (d.length() > 0) {
                    out.append("<path class=\"band\" d=\"").append(d).append("\" fill=\"").append(fill).append("\" stroke=\"")
                            .append(fill).append("\" stroke-width=\"0.6\" stroke-linejoin=\"round\"/>");
                }
            }
            out.append("</g>\n");
        }
        double lw = num(t.spec.path("line").get("width"));
        String stroke = coloring.equals("lines") ? null : color(t.spec.path("line").get("color"), "#000000");
        out.append("<g class=\"isolines\" fill=\"none\" stroke-width=\"").append(Svg.num(Double.isFinite(lw) ? lw : 0.8))
                .append("\" stroke-opacity=\"").append(coloring.equals("lines") ? "1" : "0.45").append("\">");
        for (double level : levels) {
            List<double[]> lines = Contours.isoLines(t.cx, t.cy, t.z, level);
            if (lines.isEmpty()) {
                continue;
            }
            StringBuilder d = new StringBuilder();
            for (double[] l : lines) {
                for (int i = 0; i < l.length; i += 2) {
                    d.append(i == 0 ? 'M' : 'L').append(Svg.num(t.xa.px(l[i]))).append(',').append(Svg.num(t.ya.px(l[i + 1])));
                }
            }
            out.append("<path class=\"isoline\" data-level=\"").append(Svg.escape(plain(level))).append("\" d=\"").append(d)
                    .append("\" stroke=\"").append(Svg.escape(stroke == null ? t.scale.color(norm(t, level)) : stroke)).append("\"/>");
        }
        out.append("</g>\n");
    }

    private void drawAxis(Axis a) {
        String title = text(a.spec.get("title"));
        boolean showLabels = !a.spec.path("showticklabels").asText("true").equals("false");
        out.append("<g class=\"").append(a.isX ? "xaxis" : "yaxis").append("\" data-axis=\"").append(a.id)
                .append("\" data-type=\"").append(a.type).append("\" data-range=\"").append(Svg.escape(plain(a.lo))).append(' ')
                .append(Svg.escape(plain(a.hi))).append("\" font-size=\"11\" fill=\"#444444\">");
        if (a.isX) {
            double y = a.opposite ? Math.min(a.anchor.p0, a.anchor.p1) : Math.max(a.anchor.p0, a.anchor.p1);
            double dir = a.opposite ? -1 : 1;
            line(a.p0, y, a.p1, y, "stroke=\"#444444\"");
            for (int i = 0; i < a.ticks.length; i++) {
                double x = a.px(a.ticks[i]);
                line(x, y, x, y + 5 * dir, "stroke=\"#444444\"");
                if (showLabels) {
                    label(a.labels[i], x, y + (dir > 0 ? 18 : -9), "middle", a.ticks[i]);
                }
            }
            if (!title.isEmpty()) {
                out.append("<text class=\"axis-title\" x=\"").append(Svg.num((a.p0 + a.p1) / 2)).append("\" y=\"")
                        .append(Svg.num(y + dir * 38 + (dir < 0 ? 10 : 0))).append("\" text-anchor=\"middle\" font-size=\"13\">")
                        .append(Svg.escape(title)).append("</text>");
            }
        } else {
            double x = a.opposite ? Math.max(a.anchor.p0, a.anchor.p1) : Math.min(a.anchor.p0, a.anchor.p1);
            double dir = a.opposite ? 1 : -1;
            line(x, a.p0, x, a.p1, "stroke=\"#444444\"");
            double widest = 0;
            for (int i = 0; i < a.ticks.length; i++) {
                double y = a.px(a.ticks[i]);
                line(x, y, x + 5 * dir, y, "stroke=\"#444444\"");
                if (showLabels) {
                    label(a.labels[i], x + 8 * dir, y + 4, dir < 0 ? "end" : "start", a.ticks[i]);
                    widest = Math.max(widest, Svg.textWidth(a.labels[i], 11));
                }
            }
            if (!title.isEmpty()) {
                double tx = x + dir * (widest + 20);
                double ty = (a.p0 + a.p1) / 2;
                out.append("<text class=\"axis-title\" x=\"").append(Svg.num(tx)).append("\" y=\"").append(Svg.num(ty))
                        .append("\" text-anchor=\"middle\" font-size=\"13\" transform=\"rotate(-90 ").append(Svg.num(tx)).append(' ')
                        .append(Svg.num(ty)).append(")\">").append(Svg.escape(title)).append("</text>");
            }
        }
        out.append("</g>\n");
    }

    private void label(String text, double x, double y, String anchor, double value) {
        out.append("<text class=\"tick\" data-value=\"").append(Svg.escape(plain(value))).append("\" x=\"").append(Svg.num(x))
                .append("\" y=\"").append(Svg.num(y)).append("\" text-anchor=\"").append(anchor).append("\">");
        if (text.startsWith("10^")) {
            out.append("10<tspan dy=\"-6\" font-size=\"8\">").append(Svg.escape(text.substring(3).replace('-', '\u2212')))
                    .append("</tspan>");
        } else {
            out.append(Svg.escape(text));
        }
        out.append("</text>");
    }

    private void drawColorbar(Trace t, double x, double top, double bottom) {
        double w = 14;
        out.append("<g class=\"colorbar\" font-size=\"11\" fill=\"#444444\">");
        out.append("<rect x=\"").append(Svg.num(x)).append("\" y=\"").append(Svg.num(top)).append("\" width=\"").append(Svg.num(w))
                .append("\" height=\"").append(Svg.num(bottom - top)).append("\" fill=\"url(#").append(idPrefix)
                .append("-cbar)\" stroke=\"#444444\" stroke-width=\"0.5\"/>");
        double[] ticks = Ticks.linear(t.zmin, t.zmax, 6);
        String[] labels = Ticks.labels(ticks);
        for (int i = 0; i < ticks.length; i++) {
            double y = bottom - norm(t, ticks[i]) * (bottom - top);
            line(x + w, y, x + w + 4, y, "stroke=\"#444444\"");
            out.append("<text x=\"").append(Svg.num(x + w + 7)).append("\" y=\"").append(Svg.num(y + 4)).append("\">")
                    .append(Svg.escape(labels[i])).append("</text>");
        }
        out.append("</g>\n");
    }

    private void drawLegend(List<Trace> entries, double x, double top) {
        out.append("<g class=\"legend\" font-size=\"12\">");
        double y = top + 8;
        for (Trace t : entries) {
            out.append("<g class=\"legend-entry\">");
            if (t.type.equals("bar") || t.type.equals("histogram")) {
                out.append("<rect x=\"").append(Svg.num(x + 4)).append("\" y=\"").append(Svg.num(y - 6)).append("\" width=\"22\" height=\"12\" fill=\"")
                        .append(Svg.escape(color(t.spec.path("marker").get("color"), t.color))).append('"')
                        .append(opacity(t.spec.get("opacity"))).append("/>");
            } else {
                if (t.lines) {
                    line(x, y, x + 30, y, "stroke=\"" + Svg.escape(color(t.spec.path("line").get("color"), t.color))
                            + "\" stroke-width=\"2\"" + dash(t.spec.path("line").path("dash").asText("")));
                }
                if (t.markers || !t.lines) {
                    out.append("<circle cx=\"").append(Svg.num(x + 15)).append("\" cy=\"").append(Svg.num(y))
                            .append("\" r=\"4\" fill=\"").append(Svg.escape(t.color)).append("\"/>");
                }
            }
            out.append("<text x=\"").append(Svg.num(x + 36)).append("\" y=\"").append(Svg.num(y + 4)).append("\">")
                    .append(Svg.escape(t.name)).append("</text></g>");
            y += 20;
        }
        out.append("</g>\n");
    }
}
