package org.jgrad.plot;

import static org.jgrad.plot.Lenient.isCategory;
import static org.jgrad.plot.Lenient.list;
import static org.jgrad.plot.Lenient.num;
import static org.jgrad.plot.Lenient.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One axis of the figure: its type, the data extent on it, its range, ticks and where it is on
 * the page; it draws itself. Coordinates on it are category indices on a category axis and
 * log10 of the value on a log axis.
 */
final class FigureAxis {

    final String id;
    final boolean isX;
    final JsonNode spec;
    String type = "";
    final List<String> categories = new ArrayList<>();
    private final Map<String, Integer> categoryIndex = new LinkedHashMap<>();
    double dataMin = Double.POSITIVE_INFINITY;
    double dataMax = Double.NEGATIVE_INFINITY;
    /** Whether autorange leaves a margin (markers, bars), and whether on the low side too. */
    boolean pad;
    boolean padLow = true;
    double lo;
    double hi;
    /** The domain, as fractions of the plot area. */
    double d0 = 0;
    double d1 = 1;
    /** The pixels of lo and hi. */
    double p0;
    double p1;
    FigureAxis anchor;
    boolean opposite;
    double[] ticks = new double[0];
    String[] labels = new String[0];
    boolean used;

    FigureAxis(String id, JsonNode layout) {
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

    boolean category() {
        return type.equals("category");
    }

    /** Notes a category value; called for every x or y value before the type is decided. */
    void see(JsonNode raw) {
        if (isCategory(raw)) {
            String t = raw.asText();
            if (!categoryIndex.containsKey(t)) {
                categoryIndex.put(t, categories.size());
                categories.add(t);
            }
        }
    }

    /** The type the layout declares, or category if any value was text, or linear. */
    void decideType() {
        String declared = spec.path("type").asText("").toLowerCase(Locale.ROOT);
        if (declared.equals("log") || declared.equals("linear") || declared.equals("category")) {
            type = declared;
        } else {
            type = categories.isEmpty() ? "linear" : "category";
        }
    }

    /** The coordinate of a data value: its index on a category axis, log10 of it on a log axis. */
    double coord(JsonNode raw) {
        if (category()) {
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

    /** Sets lo and hi: the layout's fixed range, or the data's extent with plotly's margins. */
    void setRange() {
        JsonNode r = spec.get("range");
        String auto = spec.path("autorange").asText("");
        boolean fixed = r != null && r.isArray() && r.size() == 2 && Double.isFinite(num(r.get(0)))
                && Double.isFinite(num(r.get(1))) && num(r.get(0)) != num(r.get(1)) && !auto.equals("true");
        if (fixed) {
            lo = num(r.get(0));
            hi = num(r.get(1));
            return;
        }
        if (category() && !categories.isEmpty()) {
            lo = Math.min(-0.5, dataMin);
            hi = Math.max(categories.size() - 0.5, dataMax);
        } else if (dataMin > dataMax) {
            lo = log() ? 0 : -1;
            hi = log() ? 1 : 1;
        } else if (dataMin == dataMax) {
            double d = dataMin == 0 || log() ? 1 : Math.abs(dataMin) * 0.1;
            lo = dataMin - d;
            hi = dataMax + d;
        } else {
            lo = dataMin;
            hi = dataMax;
            if (pad) {
                double p = 0.05 * (hi - lo);
                if (padLow || lo < 0) {
                    lo -= p;
                }
                hi += hi > 0 || padLow ? p : 0;
            }
        }
        if (auto.equals("reversed")) {
            double s = lo;
            lo = hi;
            hi = s;
        }
    }

    /** Sets ticks and labels: the layout's tickvals, every few categories, decades, or 1-2-5 steps. */
    void computeTicks(int target) {
        double lo = Math.min(this.lo, this.hi);
        double hi = Math.max(this.lo, this.hi);
        List<JsonNode> vals = list(spec.get("tickvals"));
        if (!vals.isEmpty()) {
            List<JsonNode> texts = list(spec.get("ticktext"));
            List<Double> t = new ArrayList<>();
            List<String> l = new ArrayList<>();
            for (int i = 0; i < vals.size(); i++) {
                double c = coord(vals.get(i));
                if (Double.isFinite(c) && c >= lo - 1e-9 && c <= hi + 1e-9) {
                    t.add(c);
                    l.add(i < texts.size() ? text(texts.get(i)) : vals.get(i).asText());
                }
            }
            ticks = t.stream().mapToDouble(Double::doubleValue).toArray();
            labels = l.toArray(new String[0]);
        } else if (category()) {
            int n = categories.size();
            int first = (int) Math.ceil(lo);
            int last = Math.min(n - 1, (int) Math.floor(hi));
            int every = Math.max(1, (int) Math.ceil((last - first + 1) / (double) Math.max(2, target * 2)));
            List<Double> t = new ArrayList<>();
            List<String> l = new ArrayList<>();
            for (int i = Math.max(0, first); i <= last; i += every) {
                t.add((double) i);
                l.add(categories.get(i));
            }
            ticks = t.stream().mapToDouble(Double::doubleValue).toArray();
            labels = l.toArray(new String[0]);
        } else if (log()) {
            ticks = Ticks.log(lo, hi, target);
            labels = new String[ticks.length];
            for (int i = 0; i < ticks.length; i++) {
                double e = ticks[i];
                labels[i] = e == Math.rint(e) ? "10^" + (long) e : Svg.plain(Math.pow(10, e));
            }
        } else {
            ticks = Ticks.linear(lo, hi, target);
            labels = Ticks.labels(ticks);
        }
    }

    /** The width of the widest tick label, at the labels' 11 pixels. */
    double widestLabel() {
        double w = 0;
        for (String l : labels) {
            w = Math.max(w, Svg.textWidth(l, 11));
        }
        return w;
    }

    /** The axis line along its anchor's edge, tick marks, labels and title. */
    void draw(SvgWriter out) {
        String title = text(spec.get("title"));
        boolean showLabels = !spec.path("showticklabels").asText("true").equals("false");
        out.append("<g class=\"").append(isX ? "xaxis" : "yaxis").append("\" data-axis=\"").append(id)
                .append("\" data-type=\"").append(type).append("\" data-range=\"").append(Svg.escape(Svg.plain(lo))).append(' ')
                .append(Svg.escape(Svg.plain(hi))).append("\" font-size=\"11\" fill=\"#444444\">");
        if (isX) {
            double y = opposite ? Math.min(anchor.p0, anchor.p1) : Math.max(anchor.p0, anchor.p1);
            double dir = opposite ? -1 : 1;
            out.line(p0, y, p1, y, "stroke=\"#444444\"");
            for (int i = 0; i < ticks.length; i++) {
                double x = px(ticks[i]);
                out.line(x, y, x, y + 5 * dir, "stroke=\"#444444\"");
                if (showLabels) {
                    label(out, labels[i], x, y + (dir > 0 ? 18 : -9), "middle", ticks[i]);
                }
            }
            if (!title.isEmpty()) {
                out.append("<text class=\"axis-title\" x=\"").append(Svg.num((p0 + p1) / 2)).append("\" y=\"")
                        .append(Svg.num(y + dir * 38 + (dir < 0 ? 10 : 0))).append("\" text-anchor=\"middle\" font-size=\"13\">")
                        .append(Svg.escape(title)).append("</text>");
            }
        } else {
            double x = opposite ? Math.max(anchor.p0, anchor.p1) : Math.min(anchor.p0, anchor.p1);
            double dir = opposite ? 1 : -1;
            out.line(x, p0, x, p1, "stroke=\"#444444\"");
            double widest = 0;
            for (int i = 0; i < ticks.length; i++) {
                double y = px(ticks[i]);
                out.line(x, y, x + 5 * dir, y, "stroke=\"#444444\"");
                if (showLabels) {
                    label(out, labels[i], x + 8 * dir, y + 4, dir < 0 ? "end" : "start", ticks[i]);
                    widest = Math.max(widest, Svg.textWidth(labels[i], 11));
                }
            }
            if (!title.isEmpty()) {
                double tx = x + dir * (widest + 20);
                double ty = (p0 + p1) / 2;
                out.append("<text class=\"axis-title\" x=\"").append(Svg.num(tx)).append("\" y=\"").append(Svg.num(ty))
                        .append("\" text-anchor=\"middle\" font-size=\"13\" transform=\"rotate(-90 ").append(Svg.num(tx)).append(' ')
                        .append(Svg.num(ty)).append(")\">").append(Svg.escape(title)).append("</text>");
            }
        }
        out.append("</g>\n");
    }

    /** A tick label; "10^k" becomes 10 with a raised exponent. */
    private static void label(SvgWriter out, String text, double x, double y, String anchor, double value) {
        out.append("<text class=\"tick\" data-value=\"").append(Svg.escape(Svg.plain(value))).append("\" x=\"").append(Svg.num(x))
                .append("\" y=\"").append(Svg.num(y)).append("\" text-anchor=\"").append(anchor).append("\">");
        if (text.startsWith("10^")) {
            out.append("10<tspan dy=\"-6\" font-size=\"8\">").append(Svg.escape(text.substring(3).replace('-', '\u2212')))
                    .append("</tspan>");
        } else {
            out.append(Svg.escape(text));
        }
        out.append("</text>");
    }
}
