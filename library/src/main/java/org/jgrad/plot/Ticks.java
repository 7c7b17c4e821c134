package org.jgrad.plot;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * "Nice" axis ticks: steps of 1, 2 or 5 times a power of ten on linear axes, whole decades
 * (10^k) on logarithmic ones.
 */
public final class Ticks {

    private Ticks() {
    }

    /** The smallest step of the form 1, 2 or 5 times 10^k that cuts {@code span} into at most about {@code target} parts. */
    public static double niceStep(double span, int target) {
        if (!(span > 0) || !Double.isFinite(span)) {
            return 1;
        }
        double raw = span / Math.max(1, target);
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double r = raw / mag;
        double m = r <= 1 + 1e-9 ? 1 : r <= 2 + 1e-9 ? 2 : r <= 5 + 1e-9 ? 5 : 10;
        return m * mag;
    }

    /** The multiples of {@link #niceStep} inside [min, max]. */
    public static double[] linear(double min, double max, int target) {
        double step = niceStep(max - min, target);
        long first = (long) Math.ceil(min / step - 1e-9);
        long last = (long) Math.floor(max / step + 1e-9);
        if (last - first > 1000) {
            return new double[0];
        }
        double[] t = new double[(int) Math.max(0, last - first + 1)];
        for (int i = 0; i < t.length; i++) {
            double v = (first + i) * step;
            t[i] = Math.abs(v) < step * 1e-9 ? 0 : v;
        }
        return t;
    }

    /** Labels for linear ticks: as many decimals as the step needs; scientific for tiny or huge numbers. */
    public static String[] labels(double[] ticks) {
        String[] out = new String[ticks.length];
        if (ticks.length == 0) {
            return out;
        }
        double step = ticks.length > 1 ? Math.abs(ticks[1] - ticks[0]) : Math.abs(ticks[0]);
        double maxAbs = 0;
        for (double t : ticks) {
            maxAbs = Math.max(maxAbs, Math.abs(t));
        }
        if (step == 0) {
            step = maxAbs == 0 ? 1 : maxAbs;
        }
        int k = (int) Math.floor(Math.log10(step) + 1e-9);
        boolean sci = maxAbs >= 1e6 || step < 1e-4;
        for (int i = 0; i < ticks.length; i++) {
            double v = ticks[i];
            if (v == 0) {
                out[i] = "0";
            } else if (sci) {
                int e = (int) Math.floor(Math.log10(Math.abs(v)) + 1e-9);
                int decimals = Math.max(0, Math.min(4, e - k));
                out[i] = trimMantissa(Svg.scientific(v, decimals));
            } else {
                int decimals = Math.max(0, -k);
                String s = String.format(Locale.ROOT, "%." + decimals + "f", v);
                out[i] = s.startsWith("-") && Double.parseDouble(s) == 0 ? s.substring(1) : s;
            }
        }
        return out;
    }

    private static String trimMantissa(String s) {
        int e = s.indexOf('e');
        String m = s.substring(0, e);
        if (m.contains(".")) {
            m = m.replaceAll("0+$", "");
            if (m.endsWith(".")) {
                m = m.substring(0, m.length() - 1);
            }
        }
        return m + s.substring(e);
    }

    /**
     * Ticks of a logarithmic axis, as exponents (log10 of the value) inside [lo, hi], which are
     * exponents too: every decade, every second or fifth decade on wide ranges, and 2 and 5 times
     * a decade too when the range is narrow.
     */
    public static double[] log(double lo, double hi, int target) {
        List<Double> t = new ArrayList<>();
        double span = hi - lo;
        if (span < 1.5) {
            for (int k = (int) Math.floor(lo) - 1; k <= (int) Math.ceil(hi); k++) {
                for (int m : new int[] {1, 2, 5}) {
                    double e = k + Math.log10(m);
                    if (e >= lo - 1e-9 && e <= hi + 1e-9) {
                        t.add(e);
                    }
                }
            }
        } else {
            int every = 1;
            while (span / every > Math.max(2, target) && every < 1000) {
                every = every == 1 ? 2 : every == 2 ? 5 : every * 2;
            }
            for (long k = (long) Math.ceil(lo - 1e-9); k <= Math.floor(hi + 1e-9); k++) {
                if (k % every == 0) {
                    t.add((double) k);
                }
            }
        }
        double[] out = new double[t.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = t.get(i);
        }
        return out;
    }
}
