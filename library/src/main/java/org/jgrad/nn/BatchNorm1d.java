package org.jgrad.nn;

import java.util.Arrays;
import org.jgrad.autodiff.Tensor;

/**
 * Batch normalisation over a batch [n, features], as PyTorch's BatchNorm1d: in training
 * x̂ = (x − μ_B)/√(σ²_B + ε) with the batch mean and the <em>biased</em> batch variance,
 * y = γx̂ + β; the running mean and the running <em>unbiased</em> variance move by momentum
 * (r ← (1 − m)·r + m·batch value); evaluation normalises with the running values.
 */
public final class BatchNorm1d extends Module {

    private final int features;
    private final double eps;
    private final double momentum;
    private final Tensor gamma;
    private final Tensor beta;
    private final double[] runningMean;
    private final double[] runningVar;
    private long batchesTracked;

    /** eps = 1e-5, momentum = 0.1, affine (learned γ and β), PyTorch's defaults. */
    public BatchNorm1d(int features) {
        this(features, 1e-5, 0.1, true);
    }

    public BatchNorm1d(int features, double eps, double momentum, boolean affine) {
        if (features <= 0) {
            throw new IllegalArgumentException("BatchNorm1d: features must be > 0, got " + features);
        }
        if (eps <= 0 || momentum < 0 || momentum > 1) {
            throw new IllegalArgumentException("BatchNorm1d: need eps > 0 and momentum in [0, 1], got eps=" + eps
                    + ", momentum=" + momentum);
        }
        this.features = features;
        this.eps = eps;
        this.momentum = momentum;
        this.gamma = affine ? parameter("weight", Tensor.ones(features)) : null;
        this.beta = affine ? parameter("bias", Tensor.zeros(features)) : null;
        this.runningMean = new double[features];
        this.runningVar = new double[features];
        Arrays.fill(runningVar, 1);
    }

    @Override
    public Tensor forward(Tensor x) {
        int[] s = x.shape();
        if (s.length != 2 || s[1] != features) {
            throw new IllegalArgumentException("BatchNorm1d(" + features + "): expected input [batch, " + features
                    + "], got shape " + Arrays.toString(s));
        }
        Tensor normalized;
        if (isTraining()) {
            int n = s[0];
            if (n < 2) {
                throw new IllegalArgumentException("BatchNorm1d: training needs more than 1 value per feature, got"
                        + " input of shape " + Arrays.toString(s) + " (use eval() for single samples)");
            }
            Tensor mean = x.mean(0, true);
            Tensor centered = x.sub(mean);
            Tensor var = centered.pow(2).mean(0, true);     // biased: divides by n
            normalized = centered.div(var.add(eps).sqrt());
            double[] m = mean.toArray();
            double[] v = var.toArray();
            for (int j = 0; j < features; j++) {
                runningMean[j] = (1 - momentum) * runningMean[j] + momentum * m[j];
                runningVar[j] = (1 - momentum) * runningVar[j] + momentum * v[j] * n / (n - 1);
            }
            batchesTracked++;
        } else {
            double[] scale = new double[features];
            for (int j = 0; j < features; j++) {
                scale[j] = 1 / Math.sqrt(runningVar[j] + eps);
            }
            normalized = x.sub(Tensor.of(runningMean)).mul(Tensor.of(scale));
        }
        return gamma == null ? normalized : normalized.mul(gamma).add(beta);
    }

    /** A copy of the running mean. */
    public double[] runningMean() {
        return runningMean.clone();
    }

    /** A copy of the running (unbiased) variance. */
    public double[] runningVar() {
        return runningVar.clone();
    }

    public long batchesTracked() {
        return batchesTracked;
    }

    /** γ, or null without affine. */
    public Tensor weight() {
        return gamma;
    }

    /** β, or null without affine. */
    public Tensor bias() {
        return beta;
    }

    @Override
    public String toString() {
        return "BatchNorm1d(" + features + ", eps=" + eps + ", momentum=" + momentum + ", affine=" + (gamma != null) + ")";
    }
}
