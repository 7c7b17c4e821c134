package org.jgrad.plot;

import static org.jgrad.plot.Lenient.list;
import static org.jgrad.plot.Lenient.num;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.List;

/**
 * A trace's values z[row][column] over a grid of centres, with its z range and colour scale: what
 * heatmap and contour traces draw and the colour bar shows.
 */
final class ZGrid {

    private final FigureTrace t;
    final double[][] z;
    /** The centres of the columns and rows in axis coordinates: the trace's x and y, or their indices. */
    final double[] cx;
    final double[] cy;
    double zmin = Double.POSITIVE_INFINITY;
    double zmax = Double.NEGATIVE_INFINITY;
    final ColorScale scale;

    ZGrid(FigureTrace t) {
        this.t = t;
        List<JsonNode> zr = list(t.spec.get("z"));
        int rows = zr.size();
        int cols = 0;
        for (JsonNode r : zr) {
            cols = Math.max(cols, r.size());
        }
        z = new double[rows][cols];
        for (int j = 0; j < rows; j++) {
            Arrays.fill(z[j], Double.NaN);
            for (int i = 0; i < zr.get(j).size(); i++) {
                double v = num(zr.get(j).get(i));
                z[j][i] = v;
                if (Double.isFinite(v)) {
                    zmin = Math.min(zmin, v);
                    zmax = Math.max(zmax, v);
                }
            }
        }
        if (!Double.isFinite(zmin)) {
            zmin = 0;
            zmax = 1;
        }
        double givenMin = num(t.spec.get("zmin"));
        double givenMax = num(t.spec.get("zmax"));
        if (Double.isFinite(givenMin)) {
            zmin = givenMin;
        }
        if (Double.isFinite(givenMax)) {
            zmax = givenMax;
        }
        cx = centres(t.spec.get("x"), cols, t.xa);
        cy = centres(t.spec.get("y"), rows, t.ya);
        scale = ColorScale.of(t.spec.get("colorscale"), t.spec.path("reversescale").asText("").equals("true"));
    }

    private static double[] centres(JsonNode given, int n, FigureAxis a) {
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

    /** Widens the trace's axes to these x and y coordinates. */
    void extendAxes(double[] xs, double[] ys) {
        for (double e : xs) {
            t.xa.extend(e);
        }
        for (double e : ys) {
            t.ya.extend(e);
        }
    }

    /** Where {@code v} is between zmin (0) and zmax (1). */
    double norm(double v) {
        return (v - zmin) / (zmax - zmin == 0 ? 1 : zmax - zmin);
    }

    /** One rectangle per finite value, reaching halfway to the neighbouring centres. */
    void drawCells(SvgWriter out) {
        double[] ex = edges(cx);
        double[] ey = edges(cy);
        out.append("<g class=\"cells\" shape-rendering=\"crispEdges\">");
        for (int j = 0; j < z.length; j++) {
            for (int i = 0; i < z[j].length; i++) {
                double v = z[j][i];
                if (!Double.isFinite(v)) {
                    continue;
                }
                cell(out, ex[i], ex[i + 1], ey[j], ey[j + 1], scale.color(norm(v)), "cell");
            }
        }
        out.append("</g>\n");
    }

    /** A rectangle from (x0, y0) to (x1, y1) in axis coordinates. */
    void cell(SvgWriter out, double x0, double x1, double y0, double y1, String fill, String cls) {
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
}
