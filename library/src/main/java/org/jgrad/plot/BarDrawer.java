package org.jgrad.plot;

import static org.jgrad.plot.Lenient.list;
import static org.jgrad.plot.Lenient.num;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Bar traces, vertical or horizontal; several on one subplot are grouped, overlaid or stacked as
 * the layout's barmode says.
 */
final class BarDrawer extends BarsDrawer {

    @Override
    public void layOut(FigureTrace t, FigureContext figure) {
        boolean horizontal = t.spec.path("orientation").asText("v").equals("h");
        List<JsonNode> p = list(t.spec.get(horizontal ? "y" : "x"));
        List<JsonNode> v = list(t.spec.get(horizontal ? "x" : "y"));
        int n = v.size();
        startBars(t, horizontal, n);
        double[] positions = new double[n];
        for (int i = 0; i < n; i++) {
            positions[i] = p.isEmpty() ? i : i < p.size() ? pos.coord(p.get(i)) : Double.NaN;
        }
        double gap = minGap(positions);
        double w = gap * 0.8;
        // bars of several traces on one axis stand side by side (plotly's "group" mode)
        List<FigureTrace> group = new ArrayList<>();
        for (FigureTrace o : figure.traces) {
            if (o.type.equals("bar") && o.xa == t.xa && o.ya == t.ya) {
                group.add(o);
            }
        }
        String barmode = figure.layout.path("barmode").asText("group");
        boolean overlay = barmode.equals("overlay");
        boolean stack = barmode.equals("stack") || barmode.equals("relative");
        int k = overlay || stack ? 0 : group.indexOf(t);
        int m = overlay || stack ? 1 : group.size();
        double slot = w / m;
        double base = val.log() ? Double.NaN : 0;
        val.extend(base);
        for (int i = 0; i < n; i++) {
            double c = val.coord(v.get(i));
            if (!Double.isFinite(positions[i]) || !Double.isFinite(c)) {
                continue;
            }
            double a = positions[i] - w / 2 + k * slot;
            double from = base;
            if (stack && !val.log()) {
                double raw = num(v.get(i));
                double[] sums = figure.stackSums(t, positions[i]);
                int side = raw < 0 ? 1 : 0;
                from = sums[side];
                sums[side] += raw;
                c = sums[side];
            }
            bars[i] = new double[] {a, a + slot, from, c};
            pos.extend(positions[i] - gap / 2);
            pos.extend(positions[i] + gap / 2);
            val.extend(c);
        }
    }

    /** The smallest distance between two different positions; 1 if there are not two. */
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
}
