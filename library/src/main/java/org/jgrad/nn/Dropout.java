package org.jgrad.nn;

import java.util.Random;
import org.jgrad.autodiff.Tensor;

/**
 * Dropout as PyTorch defines it: p is the probability of <em>dropping</em> a unit; in training
 * the kept units are scaled by 1/(1 − p) so the expected output equals the input; in
 * evaluation it is the identity.
 */
public final class Dropout extends Module {

    private final double p;
    private final Random random;

    /** p = 0.5, PyTorch's default. */
    public Dropout() {
        this(0.5);
    }

    public Dropout(double p) {
        this(p, Rng.get());
    }

    public Dropout(double p, Random random) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("Dropout: p is the drop probability and must be in [0, 1], got " + p);
        }
        this.p = p;
        this.random = random;
    }

    @Override
    public Tensor forward(Tensor x) {
        if (!isTraining() || p == 0) {
            return x;
        }
        double[] mask = new double[x.size()];
        double keep = p == 1 ? 0 : 1 / (1 - p);
        for (int i = 0; i < mask.length; i++) {
            mask[i] = random.nextDouble() < p ? 0 : keep;
        }
        return x.mul(Tensor.of(mask, x.shape()));
    }

    public double p() {
        return p;
    }

    @Override
    public String toString() {
        return "Dropout(p=" + p + ")";
    }
}
