package org.jgrad.plot;

import static org.jgrad.plot.Lenient.num;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The figure's axes by id ("x", "y2", …) in the order traces first use them, and their places on the page. */
final class FigureAxes {

    private final JsonNode layout;
    private final Map<String, FigureAxis> byId = new LinkedHashMap<>();

    FigureAxes(JsonNode layout) {
        this.layout = layout;
    }

    /** The axis with this id, made on first use; "x1" and "y1" are "x" and "y". */
    FigureAxis get(String id) {
        if (id == null || id.isEmpty()) {
            throw new IllegalArgumentException("empty axis id");
        }
        String norm = id.equals("x1") ? "x" : id.equals("y1") ? "y" : id;
        return byId.computeIfAbsent(norm, k -> new FigureAxis(k, layout));
    }

    Collection<FigureAxis> all() {
        return byId.values();
    }

    boolean isEmpty() {
        return byId.isEmpty();
    }

    /**
     * Places the axes in the plot area (pixels left to right, bottom to top): domains from the
     * layout or its {@code grid}, overlaying axes on the axis they overlay, each axis anchored to
     * the layout's anchor or to the other axis of its first trace; then ticks for the length each got.
     */
    void place(List<FigureTrace> traces, double plotL, double plotR, double plotT, double plotB) {
        domains(traces);
        for (FigureAxis a : byId.values()) {
            if (a.isX) {
                a.p0 = plotL + a.d0 * (plotR - plotL);
                a.p1 = plotL + a.d1 * (plotR - plotL);
            } else {
                a.p0 = plotB - a.d0 * (plotB - plotT);
                a.p1 = plotB - a.d1 * (plotB - plotT);
            }
        }
        for (FigureAxis a : byId.values()) {
            double len = Math.abs(a.p1 - a.p0);
            a.computeTicks((int) Math.max(2, Math.min(10, Math.round(len / (a.isX ? 80 : 45)))));
        }
    }

    private void domains(List<FigureTrace> traces) {
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
        for (FigureAxis a : byId.values()) {
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
        for (FigureAxis a : byId.values()) {
            String over = a.spec.path("overlaying").asText("");
            if (!over.isEmpty() && byId.containsKey(over)) {
                a.d0 = byId.get(over).d0;
                a.d1 = byId.get(over).d1;
            }
            a.opposite = a.spec.path("side").asText("").equals(a.isX ? "top" : "right");
        }
        for (FigureAxis a : byId.values()) {
            String anchor = a.spec.path("anchor").asText("");
            if (byId.containsKey(anchor)) {
                a.anchor = byId.get(anchor);
            } else {
                for (FigureTrace t : traces) {
                    if (t.xa == a || t.ya == a) {
                        a.anchor = a.isX ? t.ya : t.xa;
                        break;
                    }
                }
            }
            if (a.anchor == null) {
                a.anchor = get(a.isX ? "y" : "x");
            }
        }
    }

    /** The domain of cell {@code i} of {@code n} with {@code gap} (a fraction of a cell) between cells. */
    private static double[] cell(int i, int n, double gap) {
        double step = 1 / (n - gap);
        double a = i * step;
        return new double[] {Math.max(0, a), Math.min(1, a + step * (1 - gap))};
    }
}
