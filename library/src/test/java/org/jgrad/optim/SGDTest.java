package org.jgrad.optim;

import static org.jgrad.optim.OptimTesting.assertClose;
import static org.jgrad.optim.OptimTesting.fixedGradientProblem;
import static org.jgrad.optim.OptimTesting.quadraticPath;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.jgrad.autodiff.Tensor;
import org.junit.jupiter.api.Test;

class SGDTest {

    @Test
    void plainGradientDescentMatchesHandAndTorch() {
        // θ ← θ − 0.1·[θ₀, 6θ₁] = [0.9θ₀, 0.4θ₁]: [0.9, −0.8], [0.81, −0.32], [0.729, −0.128], ...
        double[][] torch = {{0.9, -0.7999999999999999}, {0.81, -0.31999999999999995},
                {0.7290000000000001, -0.12799999999999997}, {0.6561000000000001, -0.05119999999999999},
                {0.5904900000000001, -0.020479999999999995}};
        double[][] hand = {{0.9, -0.8}, {0.81, -0.32}, {0.729, -0.128}, {0.6561, -0.0512}, {0.59049, -0.02048}};
        double[][] path = quadraticPath(p -> new SGD(p).lr(0.1));
        assertClose(torch, path);
        for (int s = 0; s < 5; s++) {
            assertArrayEquals(hand[s], path[s], 1e-15);
        }
    }

    @Test
    void momentumMatchesHandAndTorch() {
        // step 1: g = [1, −12], b = g (no dampening at the first step), θ = [0.9, −0.8]
        // step 2: g = [0.9, −4.8], b = 0.9·[1, −12] + g = [1.8, −15.6], θ = [0.72, 0.76]
        // step 3: g = [0.72, 4.56], b = 0.9·[1.8, −15.6] + g = [2.34, −9.48], θ = [0.486, 1.708]
        double[][] torch = {{0.9, -0.7999999999999999}, {0.72, 0.7600000000000003}, {0.486, 1.7080000000000002},
                {0.2268, 1.5364}, {-0.029159999999999978, 0.4601199999999997}};
        double[][] path = quadraticPath(p -> new SGD(p).lr(0.1).momentum(0.9));
        assertClose(torch, path);
        assertArrayEquals(new double[] {0.72, 0.76}, path[1], 1e-15);
        assertArrayEquals(new double[] {0.486, 1.708}, path[2], 1e-15);
    }

    @Test
    void dampeningAndWeightDecayMatchTorch() {
        // step 1: g = [1, −12] + 0.1·[1, −2] = [1.1, −12.2], b = g, θ = [0.89, −0.78]
        // step 2: g = [0.89, −4.68] + 0.1·[0.89, −0.78] = [0.979, −4.758],
        //         b = 0.9·[1.1, −12.2] + 0.5·g = [1.4795, −13.359], θ = [0.74205, 0.5559]
        double[][] torch = {{0.89, -0.78}, {0.74205, 0.5559000000000001}, {0.56808225, 1.5886605},
                {0.38026675125, 2.0336034974999997}, {0.19031813105624995, 1.8138031285124996}};
        double[][] path = quadraticPath(p -> new SGD(p).lr(0.1).momentum(0.9).dampening(0.5).weightDecay(0.1));
        assertClose(torch, path);
        assertArrayEquals(new double[] {0.74205, 0.5559}, path[1], 1e-15);
    }

    @Test
    void nesterovMatchesHandAndTorch() {
        // step 1: g = [1, −12], b = g, step direction g + 0.9b = [1.9, −22.8], θ = [0.81, 0.28]
        // step 2: g = [0.81, 1.68], b = 0.9·[1, −12] + g = [1.71, −9.12],
        //         direction g + 0.9b = [2.349, −6.528], θ = [0.5751, 0.9328]
        double[][] torch = {{0.81, 0.2800000000000002}, {0.5751000000000001, 0.9328000000000001},
                {0.32732100000000003, 0.6081280000000001}, {0.09388790999999998, 0.12636927999999997},
                {-0.10458168390000007, -0.12288542720000006}};
        double[][] path = quadraticPath(p -> new SGD(p).lr(0.1).momentum(0.9).nesterov(true));
        assertClose(torch, path);
        assertArrayEquals(new double[] {0.5751, 0.9328}, path[1], 1e-15);
    }

    @Test
    void nesterovWithWeightDecayMatchesTorch() {
        double[][] torch = {{0.92425, -1.0984999999999998}, {0.8416130625, -0.4531011249999999},
                {0.759879716765625, -0.0912159804062499}, {0.6827028851815664, 0.06276375102749226},
                {0.6115866886853655, 0.09775765491268215}};
        assertClose(torch, quadraticPath(p -> new SGD(p).lr(0.05).momentum(0.5).nesterov(true).weightDecay(0.01)));
    }

    @Test
    void nesterovDiffersFromClassicalMomentum() {
        double[][] classical = quadraticPath(p -> new SGD(p).lr(0.1).momentum(0.9), 3);
        double[][] nesterov = quadraticPath(p -> new SGD(p).lr(0.1).momentum(0.9).nesterov(true), 3);
        assertTrue(Math.abs(classical[0][0] - nesterov[0][0]) > 0.05);
    }

    @Test
    void severalParametersWithFixedGradientsMatchTorch() {
        double[][] out = fixedGradientProblem(p -> new SGD(p).lr(0.1).momentum(0.9).dampening(0.25).weightDecay(0.1));
        assertClose(new double[] {0.24263615625000004, -0.5873663124999999, 1.6604348125, 0.39327879687500006,
                -0.10499124375000002, 0.49158341875}, out[0]);
        assertArrayEquals(new double[] {1, 2, 3}, out[1], 0.0);
    }

    @Test
    void nesterovNeedsMomentumAndNoDampening() {
        Tensor theta = Tensor.of(1.0, -2.0).requiresGrad(true);
        OptimTesting.setGrad(theta, 1, 1);
        var noMomentum = new SGD(theta).lr(0.1).nesterov(true);
        var e = assertThrows(IllegalStateException.class, noMomentum::step);
        assertEquals("SGD: nesterov requires momentum > 0 and dampening = 0, got momentum 0.0 and dampening 0.0",
                e.getMessage());
        var dampened = new SGD(theta).lr(0.1).nesterov(true).momentum(0.9).dampening(0.1);
        assertThrows(IllegalStateException.class, dampened::step);
        assertArrayEquals(new double[] {1, -2}, theta.toArray(), 0.0, "a refused step changes nothing");
        // the setters may come in any order
        new SGD(theta).nesterov(true).momentum(0.9).step();
    }

    @Test
    void noiseAddsSeededGaussianAfterTheGradientStep() {
        Tensor theta = Tensor.of(1.0, -2.0).requiresGrad(true);
        SGD opt = new SGD(theta).lr(0.1).noise(0.5, new Random(7));
        Random reference = new Random(7);
        double[] expected = {1.0, -2.0};
        for (int s = 0; s < 3; s++) {
            opt.zeroGrad();
            theta.pow(2).mul(Tensor.of(OptimTesting.C)).sum().backward();
            double[] g = {expected[0], 6 * expected[1]};
            opt.step();
            for (int i = 0; i < 2; i++) {
                expected[i] = expected[i] - 0.1 * g[i] + 0.5 * reference.nextGaussian();
            }
            assertArrayEquals(expected, theta.toArray(), 1e-15);
        }
        assertEquals(0.5, opt.noiseSigma());
    }

    @Test
    void noiseWithTheSameSeedRepeatsThePath() {
        double[][] a = quadraticPath(p -> new SGD(p).lr(0.1).noise(0.1, 42L));
        double[][] b = quadraticPath(p -> new SGD(p).lr(0.1).noise(0.1, 42L));
        double[][] c = quadraticPath(p -> new SGD(p).lr(0.1).noise(0.1, 43L));
        assertArrayEquals(a, b);
        assertTrue(Math.abs(a[4][0] - c[4][0]) > 1e-6);
        assertArrayEquals(quadraticPath(p -> new SGD(p).lr(0.1)), quadraticPath(p -> new SGD(p).lr(0.1).noise(0, 1L)));
    }

    @Test
    void noiseLetsGradientDescentLeaveASaddlePoint() {
        // f(x, y) = x² − y², started on the x axis: the gradient [2x, −2y] never moves y off 0,
        // so plain descent slides into the saddle (0, 0); noise pushes y off and it escapes.
        double[] plain = saddleRun(new Random(1), 0);
        double[] noisy = saddleRun(new Random(1), 0.01);
        assertEquals(0.0, plain[1], 0.0);
        assertTrue(Math.abs(plain[0]) < 1e-6);
        assertTrue(Math.abs(noisy[1]) > 1, "noisy descent left the saddle: " + noisy[1]);
    }

    private static double[] saddleRun(Random random, double sigma) {
        Tensor theta = Tensor.of(1.0, 0.0).requiresGrad(true);
        SGD opt = new SGD(theta).lr(0.1).noise(sigma, random);
        for (int s = 0; s < 100; s++) {
            opt.zeroGrad();
            theta.pow(2).mul(Tensor.of(1.0, -1.0)).sum().backward();
            opt.step();
        }
        return theta.toArray();
    }
}
