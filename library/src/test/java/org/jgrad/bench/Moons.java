package org.jgrad.bench;

import java.util.Random;

/** Two interleaved half circles, labels ±1 (temporary until org.jgrad.data lands). */
final class Moons {
    private Moons() {
    }

    static void make(int n, double noise, long seed, double[][] x, double[] y) {
        Random r = new Random(seed);
        for (int i = 0; i < n; i++) {
            boolean upper = i < n / 2;
            double t = Math.PI * (upper ? i : i - n / 2) / (upper ? n / 2 - 1 : n - n / 2 - 1);
            double px = upper ? Math.cos(t) : 1 - Math.cos(t);
            double py = upper ? Math.sin(t) : 0.5 - Math.sin(t);
            x[i] = new double[] {px + noise * r.nextGaussian(), py + noise * r.nextGaussian()};
            y[i] = upper ? -1 : 1;
        }
    }
}
