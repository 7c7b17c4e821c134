package org.jgrad.autodiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TensorTest {

    private static Tensor randn(long seed, int... shape) {
        return Tensor.randn(new Random(seed), shape);
    }

    /** Positive entries, for log, sqrt and division. */
    private static Tensor positive(long seed, int... shape) {
        return Tensor.uniform(new Random(seed), 0.5, 2.0, shape);
    }

    private static Arguments op(String name, Function<Tensor[], Tensor> f, Tensor... inputs) {
        return Arguments.of(name, f, inputs);
    }

    static Stream<Arguments> operations() {
        return Stream.of(
                op("add same shape", t -> t[0].add(t[1]), randn(1, 3, 4), randn(2, 3, 4)),
                op("add row broadcast", t -> t[0].add(t[1]), randn(1, 3, 4), randn(2, 4)),
                op("add column broadcast", t -> t[0].add(t[1]), randn(1, 3, 4), randn(2, 3, 1)),
                op("add both broadcast", t -> t[0].add(t[1]), randn(1, 3, 1), randn(2, 1, 4)),
                op("add scalar tensor", t -> t[0].add(t[1]), randn(1, 2, 3), Tensor.scalar(0.7)),
                op("sub 3-d broadcast", t -> t[0].sub(t[1]), randn(1, 2, 3, 4), randn(2, 3, 1)),
                op("mul broadcast", t -> t[0].mul(t[1]), randn(1, 3, 4), randn(2, 1, 4)),
                op("div broadcast", t -> t[0].div(t[1]), randn(1, 3, 4), positive(2, 4)),
                op("maximum", t -> t[0].maximum(t[1]), randn(1, 3, 4), randn(2, 3, 4)),
                op("neg", t -> t[0].neg(), randn(1, 5)),
                op("pow 3", t -> t[0].pow(3), randn(1, 2, 3)),
                op("pow -0.5", t -> t[0].pow(-0.5), positive(1, 2, 3)),
                op("exp", t -> t[0].exp(), randn(1, 2, 3)),
                op("log", t -> t[0].log(), positive(1, 2, 3)),
                op("sqrt", t -> t[0].sqrt(), positive(1, 2, 3)),
                op("abs", t -> t[0].abs(), randn(1, 2, 3)),
                op("tanh", t -> t[0].tanh(), randn(1, 2, 3)),
                op("sigmoid", t -> t[0].sigmoid(), randn(1, 2, 3)),
                op("relu", t -> t[0].relu(), randn(1, 2, 3)),
                op("leaky relu", t -> t[0].leakyRelu(), randn(1, 2, 3)),
                op("leaky relu 0.1", t -> t[0].leakyRelu(0.1), randn(1, 2, 3)),
                op("elu", t -> t[0].elu(), randn(1, 2, 3)),
                op("selu", t -> t[0].selu(), randn(1, 2, 3)),
                op("gelu", t -> t[0].gelu(), randn(1, 2, 3)),
                op("gelu tanh", t -> t[0].geluTanh(), randn(1, 2, 3)),
                op("clamp", t -> t[0].clamp(-0.5, 0.5), randn(1, 2, 3)),
                op("matmul", t -> t[0].matmul(t[1]), randn(1, 3, 4), randn(2, 4, 5)),
                op("matmul past a tile", t -> t[0].matmul(t[1]), randn(1, 3, 140), randn(2, 140, 5)),
                op("linear", t -> t[0].linear(t[1]), randn(1, 5, 3), randn(2, 4, 3)),
                op("linear through BLAS", t -> t[0].linear(t[1]), randn(1, 16, 16).mul(0.3), randn(2, 16, 16).mul(0.3)),
                op("linear with bias", t -> t[0].linear(t[1], t[2]), randn(1, 5, 3), randn(2, 4, 3), randn(3, 4)),
                op("transpose", t -> t[0].transpose().matmul(t[1]), randn(1, 4, 3), randn(2, 4, 2)),
                op("transpose 3-d", t -> t[0].transpose(0, 2), randn(1, 2, 3, 4)),
                op("reshape", t -> t[0].reshape(3, -1).matmul(t[1]), randn(1, 2, 6), randn(2, 4, 2)),
                op("sum", t -> t[0].sum(), randn(1, 3, 4)),
                op("sum axis 0", t -> t[0].sum(0, false), randn(1, 3, 4)),
                op("sum axis 1 keepdim", t -> t[0].sum(1, true), randn(1, 2, 3, 4)),
                op("mean", t -> t[0].mean(), randn(1, 3, 4)),
                op("mean axis -1", t -> t[0].mean(-1, false), randn(1, 3, 4)),
                op("max", t -> t[0].max(), randn(1, 3, 4)),
                op("max axis 0", t -> t[0].max(0, true), randn(1, 3, 4)),
                op("softmax axis 1", t -> t[0].softmax(1), randn(1, 3, 4)),
                op("softmax axis 0", t -> t[0].softmax(0), randn(1, 3, 4)),
                op("log softmax", t -> t[0].logSoftmax(-1), randn(1, 3, 5)),
                op("gather", t -> t[0].gather(new int[] {2, 0, 1}), randn(1, 3, 4)),
                op("rows", t -> t[0].rows(new int[] {2, 0, 2}), randn(1, 3, 4)),
                op("concat axis 1", t -> Tensor.concat(1, t[0], t[1]), randn(1, 3, 2), randn(2, 3, 4)),
                op("concat axis 0", t -> Tensor.concat(0, t[0], t[1]), randn(1, 1, 4), randn(2, 3, 4)),
                op("two-layer net", t -> t[0].matmul(t[1]).add(t[2]).tanh().matmul(t[3]).logSoftmax(1)
                        .gather(new int[] {0, 1, 1, 0, 1}).mean().neg(),
                        randn(1, 5, 3), randn(2, 3, 4), randn(3, 4), randn(4, 4, 2)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("operations")
    void everyOperationAgreesWithCentralDifferences(String name, Function<Tensor[], Tensor> f, Tensor[] inputs) {
        GradCheck.Result r = GradCheck.check(f, inputs);
        assertTrue(r.passed(1e-6), r::toString);
    }

    @Test
    void linearWithBiasIsLinearThenAddToTheLastBit() {
        for (int size : new int[] {3, 40}) {   // the Java kernel and BLAS
            Tensor[] fused = {randn(1, 7, size).requiresGrad(true), randn(2, 5, size).requiresGrad(true),
                    randn(3, 5).requiresGrad(true)};
            Tensor[] apart = {fused[0].detach().requiresGrad(true), fused[1].detach().requiresGrad(true),
                    fused[2].detach().requiresGrad(true)};
            Tensor y = fused[0].linear(fused[1], fused[2]);
            Tensor z = apart[0].linear(apart[1]).add(apart[2]);
            assertArrayEquals(z.toArray(), y.toArray());
            Tensor upstream = randn(4, 7, 5);
            y.backward(upstream);
            z.backward(upstream);
            for (int i = 0; i < 3; i++) {
                assertArrayEquals(apart[i].grad().toArray(), fused[i].grad().toArray());
            }
        }
        assertThrows(IllegalArgumentException.class, () -> randn(1, 2, 3).linear(randn(2, 4, 3), randn(3, 3)));
    }

    @Test
    void broadcastGradientIsSummedBackToTheInputShape() {
        Tensor x = Tensor.ones(3, 4).requiresGrad(true);
        Tensor b = Tensor.of(1, 2, 3, 4).requiresGrad(true);
        Tensor y = x.add(b);
        assertArrayEquals(new int[] {3, 4}, y.shape());
        y.sum().backward();
        assertArrayEquals(new int[] {4}, b.grad().shape());
        assertArrayEquals(new double[] {3, 3, 3, 3}, b.grad().toArray());
    }

    @Test
    void forwardValues() {
        Tensor a = Tensor.of(new double[][] {{1, 2}, {3, 4}});
        Tensor b = Tensor.of(new double[][] {{5, 6}, {7, 8}});
        assertArrayEquals(new double[] {19, 22, 43, 50}, a.matmul(b).toArray());
        assertArrayEquals(new double[] {1, 3, 2, 4}, a.transpose().toArray());
        assertArrayEquals(new double[] {4, 6}, a.sum(0, false).toArray());
        assertArrayEquals(new double[] {2, 4}, a.max(1, false).toArray());
        assertArrayEquals(new int[] {1, 1}, a.argmax(1));
        assertEquals(2.5, a.mean().item());
        assertArrayEquals(new int[] {2, 1}, a.sum(1, true).shape());
        assertArrayEquals(new double[] {1, 2, 5, 6, 3, 4, 7, 8}, Tensor.concat(1, a, b).reshape(-1).toArray());
    }

    @Test
    void softmaxOfTheLectureVectors() {
        assertArrayEquals(new double[] {0.257, 0.257, 0.172, 0.314},
                Tensor.of(0.5, 0.5, 0.1, 0.7).softmax(0).toArray(), 5e-4);
        assertArrayEquals(new double[] {0.067, 0.183, 0.498, 0.183, 0.067},
                Tensor.of(-1, 0, 1, 0, -1).softmax(0).toArray(), 5e-4);
        assertArrayEquals(new double[] {0.149, 0.149, 0.149, 0.405, 0.149},
                Tensor.of(1, 1, 1, 2, 1).softmax(0).toArray(), 5e-4);
    }

    @Test
    void geluFormsAndSeluConstants() {
        Tensor x = Tensor.of(-1, 1);
        assertArrayEquals(new double[] {-1.1113307378125625, 1.0507009873554805}, x.selu().toArray(), 1e-15);
        assertArrayEquals(new double[] {-0.15880800939172324, 0.8411919906082768}, x.geluTanh().toArray(), 1e-15);
        assertArrayEquals(new double[] {-0.15865525393145707, 0.8413447460685429}, x.gelu().toArray(), 1e-15);
    }

    @Test
    void shapeMismatchNamesTheOperationAndBothShapes() {
        var e = assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(3, 4).add(Tensor.zeros(3)));
        assertTrue(e.getMessage().contains("'+'"), e.getMessage());
        assertTrue(e.getMessage().contains("[3, 4]") && e.getMessage().contains("[3]"), e.getMessage());
        var m = assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2, 3).matmul(Tensor.zeros(2, 3)));
        assertTrue(m.getMessage().contains("matmul") && m.getMessage().contains("[2, 3] and [2, 3]"), m.getMessage());
        var r = assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2, 3).reshape(4, 2));
        assertTrue(r.getMessage().contains("[2, 3]") && r.getMessage().contains("[4, 2]"), r.getMessage());
    }

    @Test
    void backwardOnANonScalarWithoutGradientSaysSo() {
        Tensor x = Tensor.ones(2, 2).requiresGrad(true);
        var e = assertThrows(IllegalStateException.class, () -> x.mul(2).backward());
        assertTrue(e.getMessage().contains("[2, 2]") && e.getMessage().contains("backward(gradient)"), e.getMessage());
        var s = assertThrows(IllegalArgumentException.class, () -> x.mul(2).backward(Tensor.ones(3)));
        assertTrue(s.getMessage().contains("[3]") && s.getMessage().contains("[2, 2]"), s.getMessage());
    }

    @Test
    void indexOutOfRangeNamesTheIndexAndTheBound() {
        Tensor x = Tensor.zeros(2, 10);
        var e = assertThrows(IndexOutOfBoundsException.class, () -> x.gather(new int[] {3, 12}));
        assertTrue(e.getMessage().contains("12") && e.getMessage().contains("size 10"), e.getMessage());
        var g = assertThrows(IndexOutOfBoundsException.class, () -> x.get(2, 0));
        assertTrue(g.getMessage().contains("index 2") && g.getMessage().contains("size 2"), g.getMessage());
        var a = assertThrows(IndexOutOfBoundsException.class, () -> x.sum(2, false));
        assertTrue(a.getMessage().contains("axis 2"), a.getMessage());
    }

    @Test
    void edgeCasesGiveNumbersOrClearErrors() {
        Tensor x = Tensor.of(0.0, 2.0).requiresGrad(true);
        x.pow(0).sum().backward();
        assertArrayEquals(new double[] {0, 0}, x.grad().toArray());
        assertThrows(IllegalArgumentException.class, () -> Tensor.scalar(1).rows(new int[] {0}));
        var e = assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2, 0).argmax(1));
        assertTrue(e.getMessage().contains("size 0"), e.getMessage());
    }

    @Test
    void noGradBuildsNoGraph() {
        Tensor w = Tensor.ones(2, 2).requiresGrad(true);
        Tensor y;
        try (var off = Tensor.noGrad()) {
            assertFalse(Tensor.isGradEnabled());
            y = w.mul(3).sum();
        }
        assertTrue(Tensor.isGradEnabled());
        assertFalse(y.requiresGrad());
        assertTrue(y.parents().isEmpty());
        assertThrows(IllegalStateException.class, y::backward);
    }

    @Test
    void detachCutsTheHistory() {
        Tensor w = Tensor.of(2.0).requiresGrad(true);
        Tensor d = w.mul(3).detach();
        assertFalse(d.requiresGrad());
        assertEquals(6, d.item());
        Tensor y = w.mul(d).sum();
        y.backward();
        assertEquals(6, w.grad().item());   // d is a constant now
    }

    @Test
    void zeroGradAndAccumulation() {
        Tensor w = Tensor.of(1.0, 2.0).requiresGrad(true);
        assertNull(w.grad());
        w.pow(2).sum().backward();
        w.pow(2).sum().backward();
        assertArrayEquals(new double[] {4, 8}, w.grad().toArray());
        w.zeroGrad();
        assertArrayEquals(new double[] {0, 0}, w.grad().toArray());
    }

    @Test
    void aSecondBackwardThroughTheSameGraphAddsTheSameGradientAgain() {
        Tensor x = Tensor.of(1, 2).requiresGrad(true);
        Tensor z = x.mul(2).sum();
        z.backward();
        z.backward();
        assertArrayEquals(new double[] {4, 4}, x.grad().toArray());
    }

    @Test
    void largeParallelMatmulMatchesTheNaiveProduct() {
        Tensor a = randn(3, 300, 200);
        Tensor b = randn(4, 200, 150);
        double[] c = a.matmul(b).toArray();
        double[] x = a.toArray();
        double[] y = b.toArray();
        for (int i = 0; i < 300; i += 37) {
            for (int j = 0; j < 150; j += 11) {
                double s = 0;
                for (int k = 0; k < 200; k++) {
                    s += x[i * 200 + k] * y[k * 150 + j];
                }
                assertEquals(s, c[i * 150 + j], 1e-9);
            }
        }
    }

    @Test
    void nativeAndJavaProductsAgreeForEveryTransposition() {
        java.util.Random r = new java.util.Random(9);
        // the second size is above BLAS's one-thread limit: it goes in blocks of rows, the last one shorter
        for (int[] size : new int[][] {{37, 150, 29}, {131, 64, 40}}) {
            int n = size[0];
            int k = size[1];
            int m = size[2];
            double[] a = Tensor.randn(r, n, k).toArray();
            double[] b = Tensor.randn(r, k, m).toArray();
            double[] expected = new double[n * m];
            MatMul.multiplyAddJava(a, b, expected, n, k, m);
            double[] at = MatMul.transpose(a, n, k);
            double[] bt = MatMul.transpose(b, k, m);
            for (boolean ta : new boolean[] {false, true}) {
                for (boolean tb : new boolean[] {false, true}) {
                    double[] c = new double[n * m];
                    MatMul.multiplyAdd(ta, tb, ta ? at : a, tb ? bt : b, c, n, k, m);
                    assertArrayEquals(expected, c, 1e-10, "transA=" + ta + " transB=" + tb + " via "
                            + MatMul.implementation() + " for " + java.util.Arrays.toString(size));
                }
            }
        }
    }

    @Test
    void printsReadably() {
        assertEquals("tensor([[1.0, 2.0],\n        [3.0, 4.0]])", Tensor.of(new double[][] {{1, 2}, {3, 4}}).toString());
        assertEquals("tensor([0.0, 1.0, 2.0, ..., 7.0, 8.0, 9.0])", Tensor.arange(10).toString());
        assertEquals("tensor(0.5000, requiresGrad=true)", Tensor.scalar(0.5).requiresGrad(true).toString());
    }

    @Test
    void tensorGraphForDrawing() {
        Tensor x = Tensor.of(1, 2).requiresGrad(true).label("x");
        Tensor y = x.mul(x).sum().label("y");
        y.backward();
        Graph g = y.graph();
        assertEquals(3, g.nodes().size());
        assertEquals("[2]", g.nodes().get(0).shape());
        assertEquals(5.0, g.nodes().get(2).data());
        assertEquals(1.0, g.nodes().get(2).grad());
    }
}
