package org.jgrad.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.function.Function;

import org.jgrad.autodiff.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Schedules against torch 1.13: SGD with lr 0.1, {@code get_last_lr()} after construction and
 * after each {@code scheduler.step()} (see torch_reference.py).
 */
class LRSchedulerTest {

    /** lastLr after construction, then after each of {@code epochs} steps; also checks the optimizer's lr. */
    private static double[] lrs(Function<Optimizer, LRScheduler> make, int epochs) {
        Tensor p = Tensor.of(0.0).requiresGrad(true);
        SGD opt = new SGD(p).lr(0.1);
        LRScheduler s = make.apply(opt);
        double[] out = new double[epochs + 1];
        out[0] = s.lastLr();
        for (int e = 1; e <= epochs; e++) {
            opt.step();
            s.step();
            out[e] = s.lastLr();
            assertEquals(out[e], opt.lr(), 0.0, "the optimizer's lr is the schedule's");
            assertEquals(e, s.lastEpoch());
        }
        assertEquals(0.1, s.initialLr());
        return out;
    }

    @Test
    void stepLR() {
        double[] torch = {0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.025, 0.025, 0.025};
        double[] ours = lrs(o -> new StepLR(o, 3, 0.5), 8);
        OptimTesting.assertClose(torch, ours);
        // lr = initial_lr · γ^⌊e/3⌋
        for (int e = 0; e <= 8; e++) {
            assertEquals(0.1 * Math.pow(0.5, e / 3), ours[e], 1e-17);
        }
    }

    @Test
    void stepLRDefaultGammaIsOneTenth() {
        double[] torch = {0.1, 0.1, 0.010000000000000002, 0.010000000000000002, 0.0010000000000000002,
                0.0010000000000000002};
        OptimTesting.assertClose(torch, lrs(o -> new StepLR(o, 2), 5));
        assertEquals(0.1, new StepLR(new SGD(Tensor.of(0.0)), 4).gamma());
    }

    @Test
    void exponentialLR() {
        double[] torch = {0.1, 0.09000000000000001, 0.08100000000000002, 0.07290000000000002, 0.06561000000000002,
                0.05904900000000002};
        double[] ours = lrs(o -> new ExponentialLR(o, 0.9), 5);
        OptimTesting.assertClose(torch, ours);
        for (int e = 0; e <= 5; e++) {
            assertEquals(0.1 * Math.pow(0.9, e), ours[e], 1e-16);
        }
    }

    @Test
    void lambdaLR() {
        double[] torch = {0.1, 0.05, 0.03333333333333333, 0.025, 0.020000000000000004, 0.016666666666666666};
        OptimTesting.assertClose(torch, lrs(o -> new LambdaLR(o, e -> 1.0 / (e + 1)), 5));
    }

    @Test
    void lambdaLRAppliesTheFactorOfEpochZeroAtOnce() {
        // a linear warm-up: the lr is 0.025 before the first epoch, as in torch
        double[] torch = {0.025, 0.05, 0.07500000000000001, 0.1, 0.1, 0.1};
        OptimTesting.assertClose(torch, lrs(o -> new LambdaLR(o, e -> Math.min(1.0, (e + 1) / 4.0)), 5));
    }

    @Test
    void lambdaLRMayReachZeroButNotANegativeFactor() {
        SGD opt = new SGD(Tensor.of(0.0)).lr(0.1);
        LambdaLR warmUp = new LambdaLR(opt, e -> e / 2.0);
        assertEquals(0.0, opt.lr());
        warmUp.step();
        assertEquals(0.05, opt.lr(), 1e-17);
        var e = assertThrows(IllegalArgumentException.class, () -> new LambdaLR(opt, k -> k - 1.0));
        assertEquals("LambdaLR: the factor at epoch 0 must be finite and >= 0, got -1.0", e.getMessage());
    }

    @Test
    void chainableSchedulesContinueFromAnLrSetByHand() {
        // as torch's StepLR/ExponentialLR: each decay multiplies the optimizer's current lr
        SGD opt = new SGD(Tensor.of(0.0)).lr(0.1);
        ExponentialLR s = new ExponentialLR(opt, 0.5);
        s.step();
        opt.setLr(1.0);
        s.step();
        assertEquals(0.5, opt.lr());
        assertEquals(0.5, s.lastLr());
    }

    @Test
    void schedulesDriveTheOptimizersSteps() {
        Tensor theta = Tensor.of(1.0).requiresGrad(true);
        SGD opt = new SGD(theta).lr(0.1);
        StepLR s = new StepLR(opt, 1, 0.5);
        double expected = 1.0;
        double lr = 0.1;
        for (int epoch = 0; epoch < 3; epoch++) {
            OptimTesting.setGrad(theta, 1.0);
            opt.step();
            expected -= lr;
            lr *= 0.5;
            s.step();
        }
        assertEquals(1.0 - 0.1 - 0.05 - 0.025, theta.item(), 1e-15);
        assertEquals(expected, theta.item(), 1e-15);
    }

    @Test
    void badArguments() {
        SGD opt = new SGD(Tensor.of(0.0)).lr(0.1);
        assertEquals("StepLR: stepSize must be >= 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> new StepLR(opt, 0)).getMessage());
        assertEquals("StepLR: gamma must be > 0, got -0.1",
                assertThrows(IllegalArgumentException.class, () -> new StepLR(opt, 2, -0.1)).getMessage());
        assertEquals("ExponentialLR: gamma must be > 0, got 0.0",
                assertThrows(IllegalArgumentException.class, () -> new ExponentialLR(opt, 0)).getMessage());
        assertThrows(NullPointerException.class, () -> new LambdaLR(opt, null));
    }
}
