package org.jgrad.plot;

import static org.jgrad.plot.Lenient.list;
import static org.jgrad.plot.Lenient.text;

import com.fasterxml.jackson.databind.JsonNode;

/** One trace of a kind the static view draws: what every kind has, and the drawer for its kind. */
final class FigureTrace {

    /** Plotly's default trace colours, by trace index. */
    static final String[] COLORWAY = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
        "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"};

    final JsonNode spec;
    /** The index in the figure's data, counting the traces that are not drawn. */
    final int index;
    final String type;
    final FigureAxis xa;
    final FigureAxis ya;
    final String name;
    final String color;
    /** Visible only as a legend entry: laid out, but not drawn. */
    final boolean legendOnly;
    final TraceDrawer drawer;

    FigureTrace(JsonNode spec, int index, String type, FigureAxis xa, FigureAxis ya, boolean legendOnly, TraceDrawer drawer) {
        this.spec = spec;
        this.index = index;
        this.type = type;
        this.xa = xa;
        this.ya = ya;
        this.legendOnly = legendOnly;
        String given = text(spec.get("name"));
        this.name = given.isEmpty() ? "trace " + index : given;
        this.color = defaultColor(spec, index);
        this.drawer = drawer;
    }

    /** Shows the values under {@code key} ("x" or "y") to that axis, which tells from them if it holds categories. */
    void seeCategories(String key) {
        FigureAxis a = key.equals("x") ? xa : ya;
        for (JsonNode v : list(spec.get(key))) {
            a.see(v);
        }
    }

    /** The line's or the markers' colour if one colour is given, the colourway's otherwise. */
    private static String defaultColor(JsonNode spec, int index) {
        for (JsonNode c : new JsonNode[] {spec.path("line").get("color"), spec.path("marker").get("color")}) {
            if (c != null && c.isTextual() && !c.asText().isBlank()) {
                return c.asText().trim();
            }
        }
        return COLORWAY[index % COLORWAY.length];
    }
}
