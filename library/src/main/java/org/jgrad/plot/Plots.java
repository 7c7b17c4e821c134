package org.jgrad.plot;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import tech.tablesaw.plotly.components.Axis;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.Grid;
import tech.tablesaw.plotly.components.Layout;
import tech.tablesaw.plotly.components.Line;
import tech.tablesaw.plotly.components.Marker;
import tech.tablesaw.plotly.traces.ContourTrace;
import tech.tablesaw.plotly.traces.HeatmapTrace;
import tech.tablesaw.plotly.traces.HistogramTrace;
import tech.tablesaw.plotly.traces.ScatterTrace;
import tech.tablesaw.plotly.traces.Trace;

/**
 * The figures the lecture notebooks draw, as Tablesaw {@link Figure}s (shown interactively by
 * plotly.js, or as SVG through {@link StaticFigure}).
 *
 * <p>Tablesaw writes every heatmap and contour trace under the name {@code trace0}; these helpers
 * put such a trace first so that Tablesaw's own JavaScript draws them correctly too.
 */
public final class Plots {

    private static final int SAMPLES = 201;

    private Plots() {
    }

    /** f and f' over [from, to], sampled at 201 points; the traces are named {@code name} and {@code name'}. */
    public static Figure functionWithDerivative(String name, DoubleUnaryOperator f, DoubleUnaryOperator df,
                                                double from, double to) {
        Objects.requireNonNull(f, "f");
        Objects.requireNonNull(df, "df");
        checkRange(from, to, "x");
        double[] x = linspace(from, to, SAMPLES);
        double[] y = new double[x.length];
        double[] dy = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = f.applyAsDouble(x[i]);
            dy[i] = df.applyAsDouble(x[i]);
        }
        Layout layout = Layout.builder().title(name + " and its derivative")
                .xAxis(Axis.builder().title("x").build()).yAxis(Axis.builder().title("y").build()).build();
        return new Figure(layout,
                ScatterTrace.builder(x, y).mode(ScatterTrace.Mode.LINE).name(name).build(),
                ScatterTrace.builder(x, dy).mode(ScatterTrace.Mode.LINE).name(name + "'")
                        .line(Line.builder().dash(Line.Dash.DASH).width(2).build()).build());
    }

    /** One loss curve over epochs 1, 2, ... */
    public static Figure lossCurve(String title, double[] losses) {
        return lossCurve(title, Map.of("loss", losses), false);
    }

    /** Several named curves over epochs 1, 2, ... (pass a LinkedHashMap to fix their order). */
    public static Figure lossCurve(String title, Map<String, double[]> series) {
        return lossCurve(title, series, false);
    }

    /** As {@link #lossCurve(String, Map)}, with a logarithmic loss axis if {@code logScale}. */
    public static Figure lossCurve(String title, Map<String, double[]> series, boolean logScale) {
        return lossCurve(title, "epoch", series, logScale);
    }

    /**
     * Several named curves over 1, 2, ... with the x axis titled {@code xTitle} ("step" when one
     * point is one optimizer step, "epoch" when it is one pass over the data).
     */
    public static Figure lossCurve(String title, String xTitle, Map<String, double[]> series, boolean logScale) {
        List<Trace> traces = new ArrayList<>();
        for (Map.Entry<String, double[]> e : series.entrySet()) {
            double[] y = e.getValue();
            double[] x = new double[y.length];
            for (int i = 0; i < y.length; i++) {
                x[i] = i + 1;
            }
            traces.add(ScatterTrace.builder(x, y).mode(ScatterTrace.Mode.LINE).name(e.getKey()).build());
        }
        Axis.AxisBuilder yAxis = Axis.builder().title("loss");
        if (logScale) {
            yAxis.type(Axis.Type.LOG);
        }
        Layout layout = Layout.builder().title(title).xAxis(Axis.builder().title(xTitle).build()).yAxis(yAxis.build())
                .showLegend(series.size() > 1).build();
        return new Figure(layout, traces.toArray(new Trace[0]));
    }

    /**
     * A log-log plot of several series over the same x, such as the error of a finite difference
     * against the step h.
     */
    public static Figure logLog(String title, String xTitle, String yTitle, double[] x, Map<String, double[]> series) {
        List<Trace> traces = new ArrayList<>();
        for (Map.Entry<String, double[]> e : series.entrySet()) {
            traces.add(ScatterTrace.builder(x, e.getValue()).mode(ScatterTrace.Mode.LINE_AND_MARKERS).name(e.getKey()).build());
        }
        Layout layout = Layout.builder().title(title)
                .xAxis(Axis.builder().title(xTitle).type(Axis.Type.LOG).build())
                .yAxis(Axis.builder().title(yTitle).type(Axis.Type.LOG).build()).showLegend(series.size() > 1).build();
        return new Figure(layout, traces.toArray(new Trace[0]));
    }

    /**
     * What a classifier says over the plane, as a heatmap, with the data points on top, one trace
     * per label.
     *
     * @param classifier (x, y) → a class index or a probability
     * @param points     n points {x, y}
     * @param labels     the class of each point
     * @param resolution grid cells along each axis (at least 2)
     */
    public static Figure decisionRegions(DoubleBinaryOperator classifier, double[][] points, int[] labels, int resolution) {
        Objects.requireNonNull(classifier, "classifier");
        if (points.length != labels.length) {
            throw new IllegalArgumentException(points.length + " points but " + labels.length + " labels");
        }
        if (points.length == 0) {
            throw new IllegalArgumentException("no points");
        }
        if (resolution < 2) {
            throw new IllegalArgumentException("resolution must be at least 2, not " + resolution);
        }
        double xMin = Double.POSITIVE_INFINITY;
        double xMax = Double.NEGATIVE_INFINITY;
        double yMin = Double.POSITIVE_INFINITY;
        double yMax = Double.NEGATIVE_INFINITY;
        for (double[] p : points) {
            xMin = Math.min(xMin, p[0]);
            xMax = Math.max(xMax, p[0]);
            yMin = Math.min(yMin, p[1]);
            yMax = Math.max(yMax, p[1]);
        }
        double px = Math.max(1e-9, 0.1 * (xMax - xMin));
        double py = Math.max(1e-9, 0.1 * (yMax - yMin));
        xMin -= px;
        xMax += px;
        yMin -= py;
        yMax += py;
        double[] gx = linspace(xMin, xMax, resolution);
        double[] gy = linspace(yMin, yMax, resolution);
        double[][] z = new double[resolution][resolution];
        for (int j = 0; j < resolution; j++) {
            for (int i = 0; i < resolution; i++) {
                z[j][i] = classifier.applyAsDouble(gx[i], gy[j]);
            }
        }
        List<Trace> traces = new ArrayList<>();
        HeatmapTrace.HeatmapBuilder heat = HeatmapTrace.builder(boxed(gx), boxed(gy), z);
        heat.opacity(0.55);
        traces.add(heat.build());
        int maxLabel = 0;
        for (int l : labels) {
            maxLabel = Math.max(maxLabel, l);
        }
        for (int c = 0; c <= maxLabel; c++) {
            int n = 0;
            for (int l : labels) {
                n += l == c ? 1 : 0;
            }
            if (n == 0) {
                continue;
            }
            double[] x = new double[n];
            double[] y = new double[n];
            int k = 0;
            for (int i = 0; i < labels.length; i++) {
                if (labels[i] == c) {
                    x[k] = points[i][0];
                    y[k++] = points[i][1];
                }
            }
            traces.add(ScatterTrace.builder(x, y).mode(ScatterTrace.Mode.MARKERS).name("class " + c)
                    .marker(Marker.builder().size(7).color(FigureTrace.COLORWAY[c % FigureTrace.COLORWAY.length])
                            .line(Line.builder().color("#ffffff").width(1).build()).build()).build());
        }
        Layout layout = Layout.builder().title("decision regions")
                .xAxis(Axis.builder().title("x1").range(xMin, xMax).build())
                .yAxis(Axis.builder().title("x2").range(yMin, yMax).build()).showLegend(true).build();
        return new Figure(layout, traces.toArray(new Trace[0]));
    }

    /**
     * Level lines of f over [xMin, xMax] × [yMin, yMax] (an 80 × 80 grid) with optimizer trajectories
     * on top, each a list of points {x, y}, named by the map's keys.
     */
    public static Figure contourWithPaths(DoubleBinaryOperator f, double xMin, double xMax, double yMin, double yMax,
                                          Map<String, List<double[]>> paths) {
        return contourWithPaths(f, xMin, xMax, yMin, yMax, paths, false);
    }

    /**
     * As {@link #contourWithPaths(DoubleBinaryOperator, double, double, double, double, Map)}; with
     * {@code logLevels} the levels are those of log10(1 + f − min f), so that a valley such as
     * Rosenbrock's shows its shape instead of one band.
     */
    public static Figure contourWithPaths(DoubleBinaryOperator f, double xMin, double xMax, double yMin, double yMax,
                                          Map<String, List<double[]>> paths, boolean logLevels) {
        Objects.requireNonNull(f, "f");
        checkRange(xMin, xMax, "x");
        checkRange(yMin, yMax, "y");
        int n = 80;
        double[] gx = linspace(xMin, xMax, n);
        double[] gy = linspace(yMin, yMax, n);
        double[][] z = new double[n][n];
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                z[j][i] = f.applyAsDouble(gx[i], gy[j]);
            }
        }
        if (logLevels) {
            double min = Double.POSITIVE_INFINITY;
            for (double[] row : z) {
                for (double v : row) {
                    min = Math.min(min, v);
                }
            }
            for (double[] row : z) {
                for (int i = 0; i < row.length; i++) {
                    row[i] = Math.log10(1 + row[i] - min);
                }
            }
        }
        List<Trace> traces = new ArrayList<>();
        traces.add(ContourTrace.builder(boxed(gx), boxed(gy), z).build());
        for (Map.Entry<String, List<double[]>> e : paths.entrySet()) {
            List<double[]> p = e.getValue();
            double[] x = new double[p.size()];
            double[] y = new double[p.size()];
            for (int i = 0; i < x.length; i++) {
                x[i] = p.get(i)[0];
                y[i] = p.get(i)[1];
            }
            traces.add(ScatterTrace.builder(x, y).mode(ScatterTrace.Mode.LINE_AND_MARKERS).name(e.getKey())
                    .marker(Marker.builder().size(5).build()).build());
        }
        Layout layout = Layout.builder().title(logLevels ? "optimizer paths (levels of log10(1 + f - min f))" : "optimizer paths")
                .xAxis(Axis.builder().title("x").range(xMin, xMax).build())
                .yAxis(Axis.builder().title("y").range(yMin, yMax).build()).showLegend(!paths.isEmpty()).build();
        return new Figure(layout, traces.toArray(new Trace[0]));
    }

    /** One histogram panel per entry (such as the activations of each layer), three panels to a row. */
    public static Figure histograms(Map<String, double[]> perLayer) {
        return histograms(perLayer, false);
    }

    /**
     * Histograms of several sets of values: in panels (three to a row), or overlaid, half
     * transparent, in one panel.
     */
    public static Figure histograms(Map<String, double[]> perLayer, boolean overlaid) {
        if (perLayer.isEmpty()) {
            throw new IllegalArgumentException("nothing to draw");
        }
        List<Trace> traces = new ArrayList<>();
        int k = 0;
        for (Map.Entry<String, double[]> e : perLayer.entrySet()) {
            HistogramTrace.HistogramBuilder b = HistogramTrace.builder(e.getValue()).name(e.getKey());
            if (overlaid) {
                b.opacity(0.5);
            } else {
                b.xAxis("x" + (k + 1)).yAxis("y" + (k + 1));
            }
            traces.add(b.build());
            k++;
        }
        int n = perLayer.size();
        Layout.LayoutBuilder layout = Layout.builder().title("histograms").showLegend(true);
        if (overlaid) {
            layout.barMode(Layout.BarMode.OVERLAY);
        } else if (n > 1) {
            int cols = Math.min(3, n);
            int rows = (n + cols - 1) / cols;
            layout.grid(Grid.builder().rows(rows).columns(cols).pattern(Grid.Pattern.INDEPENDENT).build())
                    .width(Math.max(700, 280 * cols + 200)).height(80 + 230 * rows);
        }
        return new Figure(layout.build(), traces.toArray(new Trace[0]));
    }

    private static void checkRange(double from, double to, String what) {
        if (!(from < to) || !Double.isFinite(from) || !Double.isFinite(to)) {
            throw new IllegalArgumentException(what + " range must be finite with from < to, not [" + from + ", " + to + "]");
        }
    }

    static double[] linspace(double from, double to, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = n == 1 ? from : from + (to - from) * i / (n - 1);
        }
        return x;
    }

    private static Object[] boxed(double[] v) {
        Object[] o = new Object[v.length];
        for (int i = 0; i < v.length; i++) {
            o[i] = v[i];
        }
        return o;
    }
}
