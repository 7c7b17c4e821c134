package org.jgrad.plot;

import static org.jgrad.plot.Lenient.list;
import static org.jgrad.plot.Lenient.num;

import java.util.Arrays;

/** Histogram traces: the values binned here on nice bin widths, as bars; histnorm as plotly has it. */
final class HistogramDrawer extends BarsDrawer {

    @Override
    public void seeCategories(FigureTrace t) {
        // only the binned values; the other axis holds counts
        t.seeCategories(t.spec.has("x") ? "x" : "y");
    }

    @Override
    public void layOut(FigureTrace t, FigureContext figure) {
        // values under y are binned only when there are none under x: then the bars lie
        boolean horizontal = !t.spec.has("x") && t.spec.has("y");
        double[] v = list(t.spec.get(horizontal ? "y" : "x")).stream().mapToDouble(Lenient::num)
                .filter(Double::isFinite).toArray();
        int nbins = (int) num(t.spec.get(horizontal ? "nbinsy" : "nbinsx"));
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
        startBars(t, horizontal, counts.length);
        val.extend(0);
        for (int i = 0; i < counts.length; i++) {
            double a = pos.coord(edges[i]);
            double b = pos.coord(edges[i + 1]);
            double c = val.coord(counts[i]);
            pos.extend(a);
            pos.extend(b);
            if (counts[i] > 0 && Double.isFinite(c)) {
                bars[i] = new double[] {a, b, val.log() ? Double.NaN : 0, c};
                val.extend(c);
            }
        }
    }

    /** Equal bins on multiples of a nice width: {@code nbins} of them if positive, about 1.5√n (5 to 60) otherwise. */
    private static double[] binEdges(double[] v, int nbins) {
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
}
