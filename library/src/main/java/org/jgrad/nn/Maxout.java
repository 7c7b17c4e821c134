package org.jgrad.nn;

import java.util.Random;
import org.jgrad.autodiff.Tensor;

/** Maxout: each of {@code out} units is the largest of {@code k} linear pieces, max(w₁ᵀx + b₁, …, w_kᵀx + b_k). */
public final class Maxout extends Module {

    private final int out;
    private final int pieces;
    private final Linear linear;

    public Maxout(int in, int out, int pieces) {
        this(in, out, pieces, Rng.get());
    }

    public Maxout(int in, int out, int pieces, Random random) {
        if (pieces < 1) {
            throw new IllegalArgumentException("Maxout: pieces must be >= 1, got " + pieces);
        }
        this.out = out;
        this.pieces = pieces;
        this.linear = child("linear", new Linear(in, out * pieces, true, random));
    }

    @Override
    public Tensor forward(Tensor x) {
        Tensor z = linear.forward(x);                 // [n, out·k]
        return z.reshape(-1, out, pieces).max(2, false);
    }

    @Override
    public String toString() {
        return "Maxout(in=" + linear.inFeatures() + ", out=" + out + ", pieces=" + pieces + ")";
    }
}
