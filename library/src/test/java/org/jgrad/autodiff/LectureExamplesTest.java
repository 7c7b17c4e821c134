package org.jgrad.autodiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The lecture examples of the catalogue (shared/course/CATALOGUE.md) with its numbers. */
class LectureExamplesTest {

    @Test
    void a1GraphOfFourOperationsWithASharedNode() {
        Value a = new Value(1, "a");
        Value b = new Value(2, "b");
        Value c = new Value(3, "c");
        Value g = b.mul(2).label("g");
        Value e = a.add(g).label("e");
        Value f = g.add(c).label("f");
        Value y = e.mul(f).label("y");
        assertEquals(4, g.data());
        assertEquals(5, e.data());
        assertEquals(7, f.data());
        assertEquals(35, y.data());
        y.backward();
        assertEquals(7, a.grad());
        assertEquals(24, b.grad());
        assertEquals(5, c.grad());
        assertEquals(12, g.grad());   // g is used twice: e and f each pass 7 and 5 back
        long uses = y.graph().edges().stream().filter(edge -> edge.from() == y.graph().nodes().stream()
                .filter(n -> n.label().equals("g")).findFirst().orElseThrow().id()).count();
        assertEquals(2, uses);
    }

    @Test
    void a3UpstreamTimesLocalGradient() {
        Value x = new Value(-2);
        Value yv = new Value(5);
        Value z = new Value(-4);
        Value q = x.add(yv);
        Value f = q.mul(z);
        assertEquals(3, q.data());
        assertEquals(-12, f.data());
        f.backward();
        assertEquals(-4, q.grad());   // upstream at the + node; its local gradients are 1
        assertEquals(-4, x.grad());
        assertEquals(-4, yv.grad());
        assertEquals(3, z.grad());
    }

    @Test
    void a4SigmoidNeuronAsStagedGraph() {
        Value w0 = new Value(2);
        Value w1 = new Value(-3);
        Value w2 = new Value(-3);
        Value x0 = new Value(-1);
        Value x1 = new Value(-2);
        Value dot = w0.mul(x0).add(w1.mul(x1)).add(w2);
        Value f = dot.mul(-1).exp().add(1).pow(-1);
        assertEquals(1, dot.data(), 1e-15);
        assertEquals(0.7311, f.data(), 5e-5);
        f.backward();
        assertEquals(0.1966, dot.grad(), 5e-5);
        assertEquals(-0.1966, w0.grad(), 5e-5);
        assertEquals(-0.3932, w1.grad(), 5e-5);
        assertEquals(0.1966, w2.grad(), 5e-5);
        assertEquals(0.3932, x0.grad(), 5e-5);
        assertEquals(-0.5898, x1.grad(), 5e-5);
    }

    @Test
    void a4SigmoidNodeGivesTheSameGradients() {
        Value w0 = new Value(2);
        Value w1 = new Value(-3);
        Value w2 = new Value(-3);
        Value x0 = new Value(-1);
        Value x1 = new Value(-2);
        Value dot = w0.mul(x0).add(w1.mul(x1)).add(w2);
        Value f = dot.sigmoid();
        f.backward();
        assertEquals(0.7311, f.data(), 5e-5);
        assertEquals((1 - f.data()) * f.data(), dot.grad(), 1e-15);
        assertEquals(0.1966, dot.grad(), 5e-5);
        assertEquals(-0.1966, w0.grad(), 5e-5);
        assertEquals(-0.5898, x1.grad(), 5e-5);
    }

    @Test
    void a5AutogradWithExternalGradient() {
        Tensor x = Tensor.of(2, 3).requiresGrad(true);
        Tensor y = Tensor.of(6, 5).requiresGrad(true);
        Tensor q = x.pow(3).mul(3).add(y.pow(2));
        q.backward(Tensor.of(1, 1));
        assertArrayEquals(new double[] {36, 81}, x.grad().toArray(), 1e-12);
        assertArrayEquals(new double[] {12, 10}, y.grad().toArray(), 1e-12);
    }

    @Test
    void j1VanishingGradientRunsOutOfMachinePrecision() {
        Value a = new Value(9);
        Value b = new Value(1);
        Value c = new Value(100);
        Value y = a.add(b).sigmoid().add(b.mul(c).sigmoid()).sigmoid();
        assertEquals(0.8808, y.data(), 5e-5);
        y.backward();
        assertEquals(4.766e-6, a.grad(), 5e-10);
        assertEquals(4.766e-6, b.grad(), 5e-10);
        assertEquals(0.0, c.grad());   // σ(100) rounds to 1.0, so σ'(100) = (1 − 1)·1 is exactly 0
    }

    @Test
    void f3MaxSubtractionKeepsCrossEntropyFinite() {
        Tensor logits = Tensor.of(new double[][] {{1000, 0, -1000}});
        double loss = -logits.logSoftmax(1).gather(new int[] {1}).item();
        assertEquals(1000, loss, 1e-9);
        // The naive formula −a_y + log Σ e^{a_j} overflows.
        double naive = -0 + Math.log(Math.exp(1000) + Math.exp(0) + Math.exp(-1000));
        assertFalse(Double.isFinite(naive));
        assertTrue(Double.isFinite(logits.softmax(1).sum().item()));
    }
}
