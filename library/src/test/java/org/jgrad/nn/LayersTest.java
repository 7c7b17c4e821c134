package org.jgrad.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.jgrad.autodiff.GradCheck;
import org.jgrad.autodiff.Tensor;
import org.junit.jupiter.api.Test;

class LayersTest {

    @Test
    void linearHasTorchShapesDefaultBoundsAndNamedParameters() {
        Linear layer = new Linear(64, 10, true, new Random(1));
        assertArrayEquals(new int[] {10, 64}, layer.weight().shape());
        assertArrayEquals(new int[] {10}, layer.bias().shape());
        double bound = 1 / Math.sqrt(64);
        for (double w : layer.weight().toArray()) {
            assertTrue(Math.abs(w) <= bound);
        }
        Sequential net = new Sequential(layer, Activation.relu(), new Linear(10, 3));
        assertEquals(List.of("0.weight", "0.bias", "2.weight", "2.bias"), List.copyOf(net.namedParameters().keySet()));
        assertEquals(64 * 10 + 10 + 10 * 3 + 3, net.parameterCount());
        assertArrayEquals(new int[] {5, 3}, net.forward(Tensor.zeros(5, 64)).shape());
    }

    @Test
    void linearComputesXWTransposedPlusBias() {
        Linear layer = new Linear(2, 1, true, new Random(1));
        layer.weight().buffer()[0] = 2;
        layer.weight().buffer()[1] = -1;
        layer.bias().buffer()[0] = 0.5;
        assertArrayEquals(new double[] {2 * 3 - 4 + 0.5}, layer.forward(Tensor.of(new double[][] {{3, 4}})).toArray());
    }

    @Test
    void wrongInputWidthNamesWhatItGotAndExpected() {
        Linear layer = new Linear(784, 512);
        var e = assertThrows(IllegalArgumentException.class, () -> layer.forward(Tensor.zeros(32, 100)));
        assertTrue(e.getMessage().contains("784") && e.getMessage().contains("[32, 100]"), e.getMessage());
    }

    @Test
    void dropoutKeepsTheMeanZeroesAboutPAndIsIdentityInEval() {
        Dropout dropout = new Dropout(0.3, new Random(5));
        Tensor x = Tensor.ones(1000, 100);
        double[] y = dropout.forward(x).toArray();
        long zeros = java.util.Arrays.stream(y).filter(v -> v == 0).count();
        assertEquals(0.3, zeros / (double) y.length, 0.01);
        assertEquals(1.0, java.util.Arrays.stream(y).average().orElseThrow(), 0.01);
        for (double v : y) {
            assertTrue(v == 0 || Math.abs(v - 1 / 0.7) < 1e-12);
        }
        dropout.eval();
        assertSame(x, dropout.forward(x));
        assertThrows(IllegalArgumentException.class, () -> new Dropout(1.5));
    }

    @Test
    void dropoutGradientFlowsOnlyThroughKeptUnits() {
        Dropout dropout = new Dropout(0.5, new Random(3));
        Tensor x = Tensor.ones(4, 4).requiresGrad(true);
        Tensor y = dropout.forward(x);
        y.sum().backward();
        assertArrayEquals(y.toArray(), x.grad().toArray());
    }

    @Test
    void batchNormForwardNumbersOnASmallBatch() {
        BatchNorm1d bn = new BatchNorm1d(2);
        Tensor x = Tensor.of(new double[][] {{1, 10}, {2, 20}, {3, 30}, {6, 60}});
        double[] y = bn.forward(x).toArray();
        // feature 0: mean 3, biased variance (4 + 1 + 0 + 9)/4 = 3.5
        double s = Math.sqrt(3.5 + 1e-5);
        assertArrayEquals(new double[] {-2 / s, -1 / s, 0, 3 / s}, new double[] {y[0], y[2], y[4], y[6]}, 1e-12);
        double s1 = Math.sqrt(350 + 1e-5);
        assertEquals(-20 / s1, y[1], 1e-12);
        // running statistics: 0.9·0 + 0.1·mean; 0.9·1 + 0.1·(unbiased variance 14/3)
        assertArrayEquals(new double[] {0.3, 3.0}, bn.runningMean(), 1e-12);
        assertArrayEquals(new double[] {0.9 + 0.1 * 14 / 3.0, 0.9 + 0.1 * 1400 / 3.0}, bn.runningVar(), 1e-12);
    }

    @Test
    void batchNormRunningStatisticsAfterSeveralStepsAreUsedInEval() {
        BatchNorm1d bn = new BatchNorm1d(1, 1e-5, 0.1, true);
        double mean = 0;
        double var = 1;
        for (int step = 0; step < 3; step++) {
            double[] batch = {step, step + 2, step + 4};
            bn.forward(Tensor.of(batch, 3, 1));
            mean = 0.9 * mean + 0.1 * (step + 2);
            var = 0.9 * var + 0.1 * 4;   // unbiased variance of {a, a+2, a+4} is 4
        }
        assertEquals(mean, bn.runningMean()[0], 1e-12);
        assertEquals(var, bn.runningVar()[0], 1e-12);
        bn.eval();
        double y = bn.forward(Tensor.of(new double[] {5}, 1, 1)).item();
        assertEquals((5 - mean) / Math.sqrt(var + 1e-5), y, 1e-12);
    }

    @Test
    void batchNormBackwardPassesGradCheck() {
        Random random = new Random(11);
        Tensor x = Tensor.randn(random, 5, 3);
        Tensor gamma = Tensor.uniform(random, 0.5, 1.5, 3);
        Tensor beta = Tensor.randn(random, 3);
        // γ and β are checked as inputs of the same formula: y = x̂·γ + β
        GradCheck.Result r = GradCheck.check(t -> {
            BatchNorm1d bn = new BatchNorm1d(3, 1e-5, 0.1, false);
            return bn.forward(t[0]).mul(t[1]).add(t[2]);
        }, x, gamma, beta);
        assertTrue(r.passed(1e-6), r::toString);
    }

    @Test
    void batchNormOnABatchOfOneInTrainingSaysWhy() {
        var e = assertThrows(IllegalArgumentException.class, () -> new BatchNorm1d(4).forward(Tensor.zeros(1, 4)));
        assertTrue(e.getMessage().contains("[1, 4]") && e.getMessage().contains("more than 1"), e.getMessage());
    }

    @Test
    void trainAndEvalReachEveryChild() {
        Sequential net = new Sequential(new Linear(2, 2), new Dropout(), new BatchNorm1d(2));
        net.eval();
        net.children().values().forEach(c -> assertTrue(!c.isTraining()));
        net.train();
        net.children().values().forEach(c -> assertTrue(c.isTraining()));
    }

    @Test
    void maxoutTakesTheLargestPiece() {
        Maxout m = new Maxout(2, 3, 4, new Random(2));
        Tensor x = Tensor.randn(new Random(3), 5, 2);
        assertArrayEquals(new int[] {5, 3}, m.forward(x).shape());
        GradCheck.Result r = GradCheck.check(t -> m.forward(t[0]), x);
        assertTrue(r.passed(1e-6), r::toString);
    }

    @Test
    void activationsHaveTheLectureAndTorchValues() {
        Tensor x = Tensor.of(-1, 0, 2);
        assertArrayEquals(new double[] {0, 0, 1}, Activation.step().forward(x).toArray());
        assertArrayEquals(new double[] {-0.01, 0, 2}, Activation.leakyRelu().forward(x).toArray(), 1e-15);
        assertArrayEquals(new double[] {-0.1, 0, 2}, Activation.leakyRelu(0.1).forward(x).toArray(), 1e-15);
        assertArrayEquals(new double[] {Math.exp(-1) - 1, 0, 2}, Activation.elu().forward(x).toArray(), 1e-15);
        double steep = Activation.sigmoid(100).forward(Tensor.of(0.1)).item();
        assertEquals(1 / (1 + Math.exp(-10)), steep, 1e-15);
        Tensor s = Tensor.of(1.0).requiresGrad(true);
        s.step().sum().backward();
        assertEquals(0, s.grad().item());
    }
}
