package org.jgrad.optim;

import static org.jgrad.optim.OptimTesting.assertClose;
import static org.jgrad.optim.OptimTesting.fixedGradientProblem;
import static org.jgrad.optim.OptimTesting.quadraticPath;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class NAdamTest {

    // torch 1.13 was run with foreach=True: its single-tensor NAdam computes ∏_{i≤t+1} μ_i as
    // mu_product·μ_t·μ_{t+1}, counting μ_t twice (fixed in later torch); the foreach path
    // follows the documented formula, as does the written-out reference below.

    @Test
    void defaultsMatchTorch() {
        double[][] torch = {{0.9978870964644183, -1.99788709644505}, {0.996321196799969, -1.9963204616422987},
                {0.9948589145392642, -1.9948571022176411}, {0.9933996491145134, -1.9933964158182365},
                {0.9919112491799301, -1.99190621154986}};
        assertClose(torch, quadraticPath(NAdam::new));
    }

    @Test
    void allSettingsMatchTorch() {
        double[][] torch = {{0.8904662938221263, -1.8904662032242097}, {0.8077770108025568, -1.8056202701596715},
                {0.7302046311476351, -1.7245628851898767}, {0.6540407781028709, -1.6433870855728288},
                {0.5788703931193242, -1.561360653183966}};
        assertClose(torch, quadraticPath(p -> new NAdam(p).lr(0.1).betas(0.8, 0.9).eps(1e-6).momentumDecay(0.01)
                .weightDecay(0.1)));
    }

    @Test
    void matchesTheReferenceFormulaWrittenOut() {
        // θ₁ of the quadratic (gradient 6θ₁), defaults, four steps:
        // μ_t = β₁(1 − ½·0.96^{tψ}); m̂ = μ_{t+1}m/(1 − ∏_{i≤t+1}μ_i) + (1−μ_t)g/(1 − ∏_{i≤t}μ_i)
        double beta1 = 0.9, beta2 = 0.999, eps = 1e-8, lr = 2e-3, psi = 4e-3;
        double theta = -2, m = 0, v = 0, product = 1;
        double[][] path = quadraticPath(NAdam::new, 4);
        for (int t = 1; t <= 4; t++) {
            double g = 6 * theta;
            double muT = beta1 * (1 - 0.5 * Math.pow(0.96, t * psi));
            double muNext = beta1 * (1 - 0.5 * Math.pow(0.96, (t + 1) * psi));
            product *= muT;
            m = beta1 * m + (1 - beta1) * g;
            v = beta2 * v + (1 - beta2) * g * g;
            double mHat = muNext * m / (1 - product * muNext) + (1 - muT) * g / (1 - product);
            double vHat = v / (1 - Math.pow(beta2, t));
            theta = theta - lr * mHat / (Math.sqrt(vHat) + eps);
            assertEquals(theta, path[t - 1][1], 1e-14, "step " + t);
        }
    }

    @Test
    void severalParametersWithFixedGradientsMatchTorch() {
        double[][] out = fixedGradientProblem(p -> new NAdam(p).lr(0.1).weightDecay(0.1));
        assertClose(new double[] {0.20489681916869554, -0.7948152856265783, 1.7440734954451182, 0.54937501498199,
                -0.1187782430541294, -0.002500036006262637}, out[0]);
        assertArrayEquals(new double[] {1, 2, 3}, out[1], 0.0);
    }
}
