package org.jgrad.data;

import java.util.Random;
import org.jgrad.autodiff.Tensor;

/** Small generated data sets for the lectures' pictures; every one is seeded. */
public final class Synthetic {

    private Synthetic() {
    }

    /** The four corners of the unit square with XOR labels: (0,0)→0, (0,1)→1, (1,0)→1, (1,1)→0. */
    public static Dataset xor() {
        return new Dataset(Tensor.of(new double[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}}), new int[] {0, 1, 1, 0}, 2);
    }

    /** n points spread around the four XOR corners with Gaussian noise. */
    public static Dataset xor(int n, double noise, long seed) {
        checkCount("xor", n, 1);
        Random r = new Random(seed);
        double[] x = new double[2 * n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            int a = i % 2;
            int b = (i / 2) % 2;
            x[2 * i] = a + noise * r.nextGaussian();
            x[2 * i + 1] = b + noise * r.nextGaussian();
            y[i] = a ^ b;
        }
        return new Dataset(Tensor.of(x, n, 2), y, 2);
    }

    /**
     * Two interleaving half circles (as scikit-learn's make_moons): label 0 on the upper moon
     * (cos t, sin t), label 1 on the lower (1 − cos t, ½ − sin t), t ∈ [0, π], plus Gaussian noise.
     */
    public static Dataset moons(int n, double noise, long seed) {
        checkCount("moons", n, 2);
        Random r = new Random(seed);
        int upper = n / 2;
        int lower = n - upper;
        double[] x = new double[2 * n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            boolean isUpper = i < upper;
            int k = isUpper ? i : i - upper;
            int count = isUpper ? upper : lower;
            double t = count == 1 ? 0 : Math.PI * k / (count - 1);
            x[2 * i] = (isUpper ? Math.cos(t) : 1 - Math.cos(t)) + noise * r.nextGaussian();
            x[2 * i + 1] = (isUpper ? Math.sin(t) : 0.5 - Math.sin(t)) + noise * r.nextGaussian();
            y[i] = isUpper ? 0 : 1;
        }
        return shuffled(x, y, 2, r);
    }

    /** A small circle (label 1, radius {@code factor}) inside a large one (label 0, radius 1), plus noise. */
    public static Dataset circles(int n, double noise, double factor, long seed) {
        checkCount("circles", n, 2);
        if (!(factor > 0 && factor < 1)) {
            throw new IllegalArgumentException("circles: factor must be in (0, 1), got " + factor);
        }
        Random r = new Random(seed);
        int outer = n / 2;
        double[] x = new double[2 * n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            boolean isOuter = i < outer;
            int count = isOuter ? outer : n - outer;
            double t = 2 * Math.PI * (isOuter ? i : i - outer) / count;
            double radius = isOuter ? 1 : factor;
            x[2 * i] = radius * Math.cos(t) + noise * r.nextGaussian();
            x[2 * i + 1] = radius * Math.sin(t) + noise * r.nextGaussian();
            y[i] = isOuter ? 0 : 1;
        }
        return shuffled(x, y, 2, r);
    }

    /** {@code classes} interleaved spiral arms of {@code perClass} points each, plus noise. */
    public static Dataset spirals(int perClass, int classes, double noise, long seed) {
        checkCount("spirals", perClass, 1);
        if (classes < 2) {
            throw new IllegalArgumentException("spirals: need at least 2 classes, got " + classes);
        }
        Random r = new Random(seed);
        int n = perClass * classes;
        double[] x = new double[2 * n];
        int[] y = new int[n];
        for (int c = 0; c < classes; c++) {
            for (int i = 0; i < perClass; i++) {
                int row = c * perClass + i;
                double radius = (double) i / perClass;
                double angle = 4.0 * radius + 2 * Math.PI * c / classes + noise * r.nextGaussian();
                x[2 * row] = radius * Math.sin(angle);
                x[2 * row + 1] = radius * Math.cos(angle);
                y[row] = c;
            }
        }
        return shuffled(x, y, classes, r);
    }

    /**
     * Linear-regression data y = x·w + b + noise with x ~ N(0, 1); the true w and b come with
     * it, so a notebook can compare what training finds.
     *
     * @param x       features [n, d]
     * @param y       targets [n, 1]
     * @param weights the true w
     * @param bias    the true b
     */
    public record Regression(Tensor x, Tensor y, double[] weights, double bias) {
    }

    public static Regression linearRegression(int n, int features, double noise, long seed) {
        checkCount("linearRegression", n, 1);
        checkCount("linearRegression features", features, 1);
        Random r = new Random(seed);
        double[] w = new double[features];
        for (int j = 0; j < features; j++) {
            w[j] = Math.round(r.nextGaussian() * 20) / 10.0;   // readable true weights
        }
        double b = Math.round(r.nextGaussian() * 10) / 10.0;
        double[] x = new double[n * features];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double s = b;
            for (int j = 0; j < features; j++) {
                x[i * features + j] = r.nextGaussian();
                s += w[j] * x[i * features + j];
            }
            y[i] = s + noise * r.nextGaussian();
        }
        return new Regression(Tensor.of(x, n, features), Tensor.of(y, n, 1), w, b);
    }

    private static Dataset shuffled(double[] x, int[] y, int classes, Random r) {
        int n = y.length;
        int[] order = Dataset.permutation(n, r);
        double[] xs = new double[x.length];
        int[] ys = new int[n];
        for (int i = 0; i < n; i++) {
            xs[2 * i] = x[2 * order[i]];
            xs[2 * i + 1] = x[2 * order[i] + 1];
            ys[i] = y[order[i]];
        }
        return new Dataset(Tensor.of(xs, n, 2), ys, classes);
    }

    private static void checkCount(String what, int n, int least) {
        if (n < least) {
            throw new IllegalArgumentException(what + ": need at least " + least + ", got " + n);
        }
    }
}
