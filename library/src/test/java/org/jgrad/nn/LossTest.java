package org.jgrad.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.jgrad.autodiff.GradCheck;
import org.jgrad.autodiff.Tensor;
import org.junit.jupiter.api.Test;

class LossTest {

    @Test
    void crossEntropyGradientIsSoftmaxMinusOneHotOverN() {
        Tensor logits = Tensor.randn(new Random(4), 3, 5).requiresGrad(true);
        int[] labels = {4, 0, 2};
        Loss.crossEntropy(logits, labels).backward();
        double[] p = logits.detach().softmax(1).toArray();
        for (int i = 0; i < 3; i++) {
            p[i * 5 + labels[i]] -= 1;
        }
        for (int i = 0; i < p.length; i++) {
            p[i] /= 3;
        }
        assertArrayEquals(p, logits.grad().toArray(), 1e-15);
    }

    @Test
    void crossEntropyIsTheLectureFormula() {
        Tensor a = Tensor.of(new double[][] {{2, 1, 0.1}});
        double expected = -1 + Math.log(Math.exp(2) + Math.exp(1) + Math.exp(0.1));
        assertEquals(expected, Loss.crossEntropy(a, new int[] {1}).item(), 1e-15);
    }

    @Test
    void extremeLogitsStayFinite() {
        Tensor logits = Tensor.of(new double[][] {{1000, 0, -1000}, {-1000, 1000, 0}}).requiresGrad(true);
        Tensor loss = Loss.crossEntropy(logits, new int[] {1, 1});
        assertEquals(500, loss.item(), 1e-9);
        loss.backward();
        for (double g : logits.grad().toArray()) {
            assertTrue(Double.isFinite(g));
        }
    }

    @Test
    void labelOutsideTheClassesIsNamed() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Loss.crossEntropy(Tensor.zeros(2, 10), new int[] {3, 12}));
        assertTrue(e.getMessage().contains("12") && e.getMessage().contains("row 1") && e.getMessage().contains("0..9"),
                e.getMessage());
        var empty = assertThrows(IllegalArgumentException.class, () -> Loss.crossEntropy(Tensor.zeros(0, 10), new int[0]));
        assertTrue(empty.getMessage().contains("empty"), empty.getMessage());
    }

    @Test
    void regressionLossesAndTheirGradients() {
        Tensor p = Tensor.of(1, 2, 3);
        Tensor y = Tensor.of(1, 0, 5);
        assertEquals((0 + 4 + 4) / 3.0, Loss.mse(p, y).item(), 1e-15);
        assertEquals((0 + 2 + 2) / 3.0, Loss.l1(p, y).item(), 1e-15);
        assertTrue(GradCheck.check(t -> Loss.mse(t[0], y), p).passed(1e-7));
        var e = assertThrows(IllegalArgumentException.class, () -> Loss.mse(p, Tensor.zeros(2)));
        assertTrue(e.getMessage().contains("[3]") && e.getMessage().contains("[2]"), e.getMessage());
    }

    @Test
    void binaryCrossEntropyBothFormsAgree() {
        Tensor logits = Tensor.of(-2, 0.5, 3, -40);
        Tensor y = Tensor.of(0, 1, 1, 1);
        double viaLogits = Loss.binaryCrossEntropyWithLogits(logits, y).item();
        double[] p = logits.sigmoid().toArray();
        double expected = -(Math.log(1 - p[0]) + Math.log(p[1]) + Math.log(p[2]) + Math.log(p[3])) / 4;
        assertEquals(expected, viaLogits, 1e-12);
        assertEquals(expected, Loss.binaryCrossEntropy(logits.sigmoid(), y).item(), 1e-9);
        assertTrue(GradCheck.check(t -> Loss.binaryCrossEntropyWithLogits(t[0], y), logits).passed(1e-6));
        // log(0) is clamped at −100 as in PyTorch
        assertEquals(100 / 1.0, Loss.binaryCrossEntropy(Tensor.of(0.0), Tensor.of(1.0)).item(), 1e-12);
    }

    @Test
    void hingeAndPenalties() {
        Tensor score = Tensor.of(2, 0.5, -1);
        Tensor labels = Tensor.of(1, 1, 1);
        assertEquals((0 + 0.5 + 2) / 3, Loss.hinge(score, labels).item(), 1e-15);
        List<Tensor> params = List.of(Tensor.of(1, -2), Tensor.of(3));
        assertEquals(6, Loss.l1Penalty(params).item());
        assertEquals(14, Loss.l2Penalty(params).item());
    }

    @Test
    void xorIsLearnedByATwoTwoOneSigmoidNetwork() {
        Rng.manualSeed(3);
        Sequential net = new Sequential(new Linear(2, 2), Activation.sigmoid(), new Linear(2, 1), Activation.sigmoid());
        Tensor x = Tensor.of(new double[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}});
        Tensor y = Tensor.of(new double[] {0, 1, 1, 0}, 4, 1);
        for (int step = 0; step < 5000; step++) {
            net.zeroGrad();
            Loss.mse(net.forward(x), y).backward();
            for (Tensor p : net.parameters()) {   // plain gradient descent, lr 2
                double[] w = p.buffer();
                double[] g = p.grad().buffer();
                for (int i = 0; i < w.length; i++) {
                    w[i] -= 2 * g[i];
                }
            }
        }
        double[] out = net.predict(x).toArray();
        assertArrayEquals(new double[] {0, 1, 1, 0}, java.util.Arrays.stream(out).map(Math::rint).toArray(),
                java.util.Arrays.toString(out));
    }
}
