package org.jgrad.plot;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Iso-lines of a grid of values by marching squares, joined into polylines. */
public final class Contours {

    private Contours() {
    }

    /**
     * The polylines where the surface {@code z[j][i]} over the grid points (x[i], y[j]) crosses
     * {@code level}. Each polyline is {x0, y0, x1, y1, ...}; a closed one ends where it starts.
     * Saddle cells are decided by the mean of their four corners; cells with a NaN are skipped.
     */
    public static List<double[]> isoLines(double[] x, double[] y, double[][] z, double level) {
        int nx = x.length;
        int ny = y.length;
        List<long[]> segments = new ArrayList<>();
        Map<Long, double[]> points = new HashMap<>();
        for (int j = 0; j + 1 < ny; j++) {
            for (int i = 0; i + 1 < nx; i++) {
                double a = z[j][i];
                double b = z[j][i + 1];
                double c = z[j + 1][i + 1];
                double d = z[j + 1][i];
                if (Double.isNaN(a) || Double.isNaN(b) || Double.isNaN(c) || Double.isNaN(d)) {
                    continue;
                }
                int index = (a >= level ? 1 : 0) | (b >= level ? 2 : 0) | (c >= level ? 4 : 0) | (d >= level ? 8 : 0);
                if (index == 0 || index == 15) {
                    continue;
                }
                long bottom = 2L * ((long) j * nx + i);
                long top = 2L * ((long) (j + 1) * nx + i);
                long left = 2L * ((long) j * nx + i) + 1;
                long right = 2L * ((long) j * nx + i + 1) + 1;
                boolean centreAbove = (a + b + c + d) / 4 >= level;
                long[][] pairs = switch (index) {
                    case 1, 14 -> new long[][] {{left, bottom}};
                    case 2, 13 -> new long[][] {{bottom, right}};
                    case 3, 12 -> new long[][] {{left, right}};
                    case 4, 11 -> new long[][] {{right, top}};
                    case 6, 9 -> new long[][] {{bottom, top}};
                    case 7, 8 -> new long[][] {{left, top}};
                    case 5 -> centreAbove ? new long[][] {{bottom, right}, {left, top}}
                            : new long[][] {{left, bottom}, {right, top}};
                    default -> centreAbove ? new long[][] {{left, bottom}, {right, top}}
                            : new long[][] {{bottom, right}, {left, top}};
                };
                for (long[] p : pairs) {
                    for (long key : p) {
                        points.computeIfAbsent(key, k -> crossing(k, nx, x, y, z, level));
                    }
                    segments.add(p);
                }
            }
        }
        return join(segments, points);
    }

    /**
     * Polygons covering the part of the grid where the surface is at least {@code level}, each
     * {x0, y0, x1, y1, ...}: runs of cells wholly above as one rectangle, and in the cells the
     * level crosses, the corners above together with the crossings on the cell's edges (the
     * edges are interpolated linearly, as for {@link #isoLines}).
     */
    public static List<double[]> above(double[] x, double[] y, double[][] z, double level) {
        List<double[]> polys = new ArrayList<>();
        for (int j = 0; j + 1 < y.length; j++) {
            int runStart = -1;
            for (int i = 0; i + 1 <= x.length; i++) {
                boolean full = i + 1 < x.length && z[j][i] >= level && z[j][i + 1] >= level && z[j + 1][i] >= level
                        && z[j + 1][i + 1] >= level;
                if (full && runStart < 0) {
                    runStart = i;
                } else if (!full && runStart >= 0) {
                    polys.add(new double[] {x[runStart], y[j], x[i], y[j], x[i], y[j + 1], x[runStart], y[j + 1]});
                    runStart = -1;
                }
                if (full || i + 1 >= x.length) {
                    continue;
                }
                double[] cx = {x[i], x[i + 1], x[i + 1], x[i]};
                double[] cy = {y[j], y[j], y[j + 1], y[j + 1]};
                double[] v = {z[j][i], z[j][i + 1], z[j + 1][i + 1], z[j + 1][i]};
                if (Double.isNaN(v[0]) || Double.isNaN(v[1]) || Double.isNaN(v[2]) || Double.isNaN(v[3])) {
                    continue;
                }
                List<Double> pts = new ArrayList<>();
                for (int k = 0; k < 4; k++) {
                    int m = (k + 1) % 4;
                    if (v[k] >= level) {
                        pts.add(cx[k]);
                        pts.add(cy[k]);
                    }
                    if ((v[k] >= level) != (v[m] >= level)) {
                        double t = (level - v[k]) / (v[m] - v[k]);
                        pts.add(cx[k] + t * (cx[m] - cx[k]));
                        pts.add(cy[k] + t * (cy[m] - cy[k]));
                    }
                }
                if (pts.size() >= 6) {
                    polys.add(pts.stream().mapToDouble(Double::doubleValue).toArray());
                }
            }
        }
        return polys;
    }

    private static double[] crossing(long key, int nx, double[] x, double[] y, double[][] z, double level) {
        long cell = key / 2;
        int i = (int) (cell % nx);
        int j = (int) (cell / nx);
        double v1 = z[j][i];
        if (key % 2 == 0) {
            double v2 = z[j][i + 1];
            double t = v2 == v1 ? 0.5 : (level - v1) / (v2 - v1);
            return new double[] {x[i] + t * (x[i + 1] - x[i]), y[j]};
        }
        double v2 = z[j + 1][i];
        double t = v2 == v1 ? 0.5 : (level - v1) / (v2 - v1);
        return new double[] {x[i], y[j] + t * (y[j + 1] - y[j])};
    }

    private static List<double[]> join(List<long[]> segments, Map<Long, double[]> points) {
        Map<Long, List<Integer>> at = new HashMap<>();
        for (int s = 0; s < segments.size(); s++) {
            for (long key : segments.get(s)) {
                at.computeIfAbsent(key, k -> new ArrayList<>()).add(s);
            }
        }
        boolean[] used = new boolean[segments.size()];
        List<double[]> lines = new ArrayList<>();
        // open lines first, from an end that only one segment touches, then closed loops
        for (int pass = 0; pass < 2; pass++) {
            for (int s = 0; s < segments.size(); s++) {
                if (used[s]) {
                    continue;
                }
                long start = segments.get(s)[0];
                if (pass == 0) {
                    if (at.get(start).size() == 1) {
                        lines.add(walk(start, s, segments, at, points, used));
                    } else if (at.get(segments.get(s)[1]).size() == 1) {
                        lines.add(walk(segments.get(s)[1], s, segments, at, points, used));
                    }
                } else {
                    lines.add(walk(start, s, segments, at, points, used));
                }
            }
        }
        return lines;
    }

    private static double[] walk(long key, int first, List<long[]> segments, Map<Long, List<Integer>> at,
                                 Map<Long, double[]> points, boolean[] used) {
        List<double[]> pts = new ArrayList<>();
        pts.add(points.get(key));
        int s = first;
        while (s >= 0) {
            used[s] = true;
            long[] seg = segments.get(s);
            key = seg[0] == key ? seg[1] : seg[0];
            pts.add(points.get(key));
            int next = -1;
            for (int t : at.get(key)) {
                if (!used[t]) {
                    next = t;
                    break;
                }
            }
            s = next;
        }
        double[] out = new double[pts.size() * 2];
        for (int i = 0; i < pts.size(); i++) {
            out[2 * i] = pts.get(i)[0];
            out[2 * i + 1] = pts.get(i)[1];
        }
        return out;
    }
}
