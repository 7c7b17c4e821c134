package org.jgrad.optim;

import static org.jgrad.optim.OptimTesting.assertClose;
import static org.jgrad.optim.OptimTesting.fixedGradientProblem;
import static org.jgrad.optim.OptimTesting.quadraticPath;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class AdagradTest {

    @Test
    void defaultsMatchHandAndTorch() {
        // step 1: g = [1, −12], sum = [1, 144], θ = θ − 0.01·g/(√sum + 1e−10) = [1 − 0.01/(1 + 1e−10), −2 + 0.12/(12 + 1e−10)]
        double[][] torch = {{0.990000000001, -1.9900000000000833}, {0.9829645540222953, -1.9829466763149497},
                {0.9772379394914298, -1.9771965108244347}, {0.972290335799897, -1.9722225666854882},
                {0.9678738726503581, -1.9677780920287755}};
        double[][] path = quadraticPath(Adagrad::new);
        assertClose(torch, path);
        assertArrayEquals(new double[] {1 - 0.01 / (1 + 1e-10), -2 + 0.12 / (12 + 1e-10)}, path[0], 1e-15);
    }

    @Test
    void lrDecayInitialAccumulatorAndWeightDecayMatchTorch() {
        // step 1: g = [1, −12] + 0.05·[1, −2] = [1.05, −12.1], sum = 0.2 + g², γ̃ = 0.5
        // step 2 uses γ̃ = 0.5 / (1 + 0.1)
        double[][] torch = {{0.5399866479850675, -1.500341157249087}, {0.3377498298657244, -1.2276933277231683},
                {0.2260412976741315, -1.0441055516887745}, {0.1581152820721936, -0.9091457710341965},
                {0.11432793840269204, -0.8047871412722243}};
        double[][] path = quadraticPath(p -> new Adagrad(p).lr(0.5).lrDecay(0.1).initialAccumulatorValue(0.2)
                .weightDecay(0.05));
        assertClose(torch, path);
        double g0 = 1.05;
        assertArrayEquals(new double[] {1 - 0.5 * g0 / (Math.sqrt(0.2 + g0 * g0) + 1e-10)},
                new double[] {path[0][0]}, 1e-15);
        double theta1 = path[0][0];
        double g1 = theta1 + 0.05 * theta1;
        double expected2 = theta1 - 0.5 / 1.1 * g1 / (Math.sqrt(0.2 + g0 * g0 + g1 * g1) + 1e-10);
        assertArrayEquals(new double[] {expected2}, new double[] {path[1][0]}, 1e-15);
    }

    @Test
    void severalParametersWithFixedGradientsMatchTorch() {
        double[][] out = fixedGradientProblem(p -> new Adagrad(p).lr(0.1).lrDecay(0.5).weightDecay(0.1));
        assertClose(new double[] {0.30210013806449115, -0.8525374405225704, 1.8246028017825127, 0.45061151934445887,
                -0.05521629790338843, -0.1006525246612473}, out[0]);
        assertArrayEquals(new double[] {1, 2, 3}, out[1], 0.0);
    }
}
