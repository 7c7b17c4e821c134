package org.jgrad.nn;

import java.util.Arrays;
import java.util.Random;
import org.jgrad.autodiff.Tensor;

/**
 * y = x·Wᵀ + b for inputs [n, in], with weight [out, in] and bias [out] as in PyTorch,
 * both initialised U(−1/√in, 1/√in) (PyTorch's default).
 */
public final class Linear extends Module {

    private final int in;
    private final int out;
    private final Tensor weight;
    private final Tensor bias;

    public Linear(int in, int out) {
        this(in, out, true, Rng.get());
    }

    public Linear(int in, int out, boolean bias) {
        this(in, out, bias, Rng.get());
    }

    public Linear(int in, int out, boolean bias, Random random) {
        if (in <= 0 || out <= 0) {
            throw new IllegalArgumentException("Linear: sizes must be > 0, got in=" + in + ", out=" + out);
        }
        this.in = in;
        this.out = out;
        double bound = 1 / Math.sqrt(in);
        this.weight = parameter("weight", Tensor.uniform(random, -bound, bound, out, in));
        this.bias = bias ? parameter("bias", Tensor.uniform(random, -bound, bound, out)) : null;
    }

    @Override
    public Tensor forward(Tensor x) {
        int[] s = x.shape();
        if (s.length != 2 || s[1] != in) {
            throw new IllegalArgumentException("Linear(" + in + " → " + out + "): expected input [batch, " + in
                    + "], got shape " + Arrays.toString(s));
        }
        return x.linear(weight, bias);
    }

    public Tensor weight() {
        return weight;
    }

    /** The bias, or null when built without one. */
    public Tensor bias() {
        return bias;
    }

    public int inFeatures() {
        return in;
    }

    public int outFeatures() {
        return out;
    }

    @Override
    public String toString() {
        return "Linear(in=" + in + ", out=" + out + ", bias=" + (bias != null) + ")";
    }
}
