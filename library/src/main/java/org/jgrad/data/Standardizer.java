package org.jgrad.data;

import org.jgrad.autodiff.Tensor;

/**
 * Standardizes features to mean 0 and standard deviation 1 per column, with statistics
 * fitted on the training data only and applied unchanged to held-out data.
 */
public final class Standardizer {

    private final Tensor mean;
    private final Tensor std;

    private Standardizer(Tensor mean, Tensor std) {
        this.mean = mean;
        this.std = std;
    }

    /** Fits the column means and (population) standard deviations of x [n, d]; a constant column keeps std 1. */
    public static Standardizer fit(Tensor x) {
        try (var off = Tensor.noGrad()) {
            Tensor mean = x.mean(0, true);
            double[] var = x.sub(mean).pow(2).mean(0, true).toArray();
            for (int j = 0; j < var.length; j++) {
                var[j] = var[j] > 0 ? Math.sqrt(var[j]) : 1;
            }
            return new Standardizer(mean.detach(), Tensor.of(var, mean.shape()));
        }
    }

    public Tensor apply(Tensor x) {
        try (var off = Tensor.noGrad()) {
            return x.sub(mean).div(std).detach();
        }
    }

    /** Standardizes both parts of a split with the training part's statistics. */
    public static Dataset.Split apply(Dataset.Split split) {
        Standardizer s = fit(split.train().features());
        return new Dataset.Split(
                new Dataset(s.apply(split.train().features()), split.train().labels(), split.train().classes()),
                new Dataset(s.apply(split.test().features()), split.test().labels(), split.test().classes()));
    }

    public Tensor mean() {
        return mean.detach();
    }

    public Tensor std() {
        return std.detach();
    }
}
