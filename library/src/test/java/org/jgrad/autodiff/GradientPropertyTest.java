package org.jgrad.autodiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.jgrad.nn.Loss;
import org.junit.jupiter.api.Test;

/**
 * Properties over random shapes and values (seeded, so a failure names the case that
 * reproduces it): every operation's gradient agrees with central differences, and a NaN or
 * ±∞ placed anywhere reaches exactly the outputs torch's would — its own element for an
 * element-wise operation, its own lane for a reduction — and nothing else.
 */
class GradientPropertyTest {

    private static final int CASES = 40;

    /** Element-wise operations, and how far from their kinks inputs must stay for a finite difference. */
    private static final Map<String, UnaryOperator<Tensor>> ELEMENTWISE = new LinkedHashMap<>();

    static {
        ELEMENTWISE.put("neg", Tensor::neg);
        ELEMENTWISE.put("exp", Tensor::exp);
        ELEMENTWISE.put("tanh", Tensor::tanh);
        ELEMENTWISE.put("sigmoid", Tensor::sigmoid);
        ELEMENTWISE.put("relu", Tensor::relu);
        ELEMENTWISE.put("abs", Tensor::abs);
        ELEMENTWISE.put("leakyRelu", Tensor::leakyRelu);
        ELEMENTWISE.put("elu", Tensor::elu);
        ELEMENTWISE.put("selu", Tensor::selu);
        ELEMENTWISE.put("gelu", Tensor::gelu);
        ELEMENTWISE.put("geluTanh", Tensor::geluTanh);
        ELEMENTWISE.put("softplus", Tensor::softplus);
        ELEMENTWISE.put("pow3", t -> t.pow(3));
        ELEMENTWISE.put("clamp", t -> t.clamp(-0.7, 0.7));
        ELEMENTWISE.put("log of positive", t -> t.abs().add(0.1).log());
        ELEMENTWISE.put("sqrt of positive", t -> t.abs().add(0.1).sqrt());
    }

    private static int[] randomShape(Random r, int minRank) {
        int[] shape = new int[minRank + r.nextInt(4 - minRank)];
        Arrays.setAll(shape, d -> 1 + r.nextInt(4));
        return shape;
    }

    /** Values away from the kinks at 0, ±0.7 (clamp) and from ties, where a finite difference is not a derivative. */
    private static Tensor smoothValues(Random r, int... shape) {
        Tensor t = Tensor.randn(r, shape);
        double[] d = t.buffer();
        for (int i = 0; i < d.length; i++) {
            while (Math.abs(d[i]) < 0.05 || Math.abs(Math.abs(d[i]) - 0.7) < 0.05) {
                d[i] = r.nextGaussian();
            }
        }
        return t;
    }

    /** A shape that broadcasts against {@code shape}: some trailing dimensions kept, some set to 1. */
    private static int[] broadcastPartner(Random r, int[] shape) {
        int[] partner = Arrays.copyOfRange(shape, r.nextInt(shape.length + 1), shape.length);
        for (int d = 0; d < partner.length; d++) {
            partner[d] = r.nextBoolean() ? partner[d] : 1;
        }
        return partner;
    }

    private static void assertGradient(String what, Function<Tensor[], Tensor> f, Tensor... inputs) {
        GradCheck.Result result = GradCheck.check(f, inputs);
        assertTrue(result.passed(1e-5), () -> what + " with shapes " + Arrays.deepToString(
                Arrays.stream(inputs).map(Tensor::shape).toArray()) + ": " + result);
    }

    @Test
    void everyOperationAgreesWithCentralDifferencesOnRandomShapes() {
        Random r = new Random(20261203);
        for (int c = 0; c < CASES; c++) {
            int[] shape = randomShape(r, 1);
            Tensor x = smoothValues(r, shape);
            String at = "case " + c + ": ";
            for (var op : ELEMENTWISE.entrySet()) {
                assertGradient(at + op.getKey(), t -> op.getValue().apply(t[0]).mul(t[1]).sum(), x, smoothValues(r, shape));
            }
            Tensor y = smoothValues(r, broadcastPartner(r, shape));
            assertGradient(at + "add", t -> t[0].add(t[1]).pow(2).sum(), x, y);
            assertGradient(at + "sub", t -> t[0].sub(t[1]).pow(2).sum(), x, y);
            assertGradient(at + "mul", t -> t[0].mul(t[1]).sum(), x, y);
            assertGradient(at + "div", t -> t[0].div(t[1].abs().add(0.5)).sum(), x, y);
            double[] other = smoothValues(r, shape).toArray();
            for (int i = 0; i < other.length; i++) {   // ties are kinks of maximum
                other[i] = Math.abs(other[i] - x.get(unflatten(shape, i))) < 0.05 ? x.get(unflatten(shape, i)) + 0.5 : other[i];
            }
            Tensor apart = Tensor.of(other, shape);
            assertGradient(at + "maximum", t -> t[0].maximum(t[1]).pow(2).sum(), x, apart);
            int axis = r.nextInt(shape.length);
            assertGradient(at + "sum axis " + axis, t -> t[0].sum(axis, r.nextBoolean()).pow(2).sum(), x);
            assertGradient(at + "mean axis " + axis, t -> t[0].mean(axis, false).pow(2).sum(), x);
            assertGradient(at + "max axis " + axis, t -> t[0].max(axis, true).pow(2).sum(), x);
            assertGradient(at + "softmax axis " + axis, t -> t[0].softmax(axis).mul(t[1]).sum(), x, smoothValues(r, shape));
            assertGradient(at + "logSoftmax axis " + axis, t -> t[0].logSoftmax(axis).mul(t[1]).sum(), x, smoothValues(r, shape));
            assertGradient(at + "reshape", t -> t[0].reshape(-1).pow(2).sum(), x);
            if (shape.length >= 2) {
                assertGradient(at + "transpose", t -> t[0].transpose(0, shape.length - 1).mul(t[1]).sum(), x,
                        smoothValues(r, x.transpose(0, shape.length - 1).shape()));
            }
            int n = 1 + r.nextInt(5);
            int k = 1 + r.nextInt(5);
            int m = 1 + r.nextInt(5);
            assertGradient(at + "matmul", t -> t[0].matmul(t[1]).pow(2).sum(), smoothValues(r, n, k), smoothValues(r, k, m));
            assertGradient(at + "linear", t -> t[0].linear(t[1]).pow(2).sum(), smoothValues(r, n, k), smoothValues(r, m, k));
            int[] classes = r.ints(n, 0, m).toArray();
            assertGradient(at + "crossEntropy", t -> Loss.crossEntropy(t[0], classes), smoothValues(r, n, m));
            Tensor targets = Tensor.uniform(r, 0, 1, n);
            assertGradient(at + "bce", t -> Loss.binaryCrossEntropy(t[0].sigmoid(), targets), smoothValues(r, n));
            assertGradient(at + "bceWithLogits", t -> Loss.binaryCrossEntropyWithLogits(t[0], targets), smoothValues(r, n));
        }
    }

    @Test
    void nanAndInfinityReachOnlyTheirOwnElementThroughElementwiseOperations() {
        Random r = new Random(7);
        double[] specials = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (int c = 0; c < CASES; c++) {
            int[] shape = randomShape(r, 1);
            Tensor clean = smoothValues(r, shape);
            int where = r.nextInt(clean.size());
            double special = specials[r.nextInt(specials.length)];
            for (var op : ELEMENTWISE.entrySet()) {
                String what = "case " + c + " " + op.getKey() + " with " + special + " at " + where;
                Tensor[] outputs = new Tensor[2];
                Tensor[] inputs = new Tensor[2];
                for (int v = 0; v < 2; v++) {
                    double[] d = clean.toArray();
                    if (v == 1) {
                        d[where] = special;
                    }
                    inputs[v] = Tensor.of(d, shape).requiresGrad(true);
                    outputs[v] = op.getValue().apply(inputs[v]);
                    outputs[v].sum().backward();
                }
                Tensor alone = Tensor.of(special).requiresGrad(true);
                Tensor aloneOut = op.getValue().apply(alone);
                aloneOut.sum().backward();
                for (int i = 0; i < clean.size(); i++) {
                    double expected = i == where ? aloneOut.item() : outputs[0].buffer()[i];
                    double expectedGrad = i == where ? alone.grad().item() : inputs[0].grad().toArray()[i];
                    assertSame(what + " output[" + i + "]", expected, outputs[1].toArray()[i]);
                    assertSame(what + " grad[" + i + "]", expectedGrad, inputs[1].grad().toArray()[i]);
                }
            }
        }
    }

    @Test
    void aNanFillsItsLaneOfAReductionAndNoOtherLane() {
        Random r = new Random(11);
        for (int c = 0; c < CASES; c++) {
            int[] shape = randomShape(r, 2);
            int axis = r.nextInt(shape.length);
            double[] d = smoothValues(r, shape).toArray();
            int where = r.nextInt(d.length);
            d[where] = Double.NaN;
            Tensor x = Tensor.of(d, shape);
            int[] index = unflatten(shape, where);
            for (var op : Map.<String, UnaryOperator<Tensor>>of("sum", t -> t.sum(axis, true), "max", t -> t.max(axis, true),
                    "softmax", t -> t.softmax(axis), "logSoftmax", t -> t.logSoftmax(axis)).entrySet()) {
                Tensor out = op.getValue().apply(x);
                int[] outShape = out.shape();
                for (int i = 0; i < out.size(); i++) {
                    int[] at = unflatten(outShape, i);
                    boolean sameLane = true;
                    for (int dim = 0; dim < shape.length; dim++) {
                        sameLane &= dim == axis || at[dim] == index[dim];
                    }
                    assertEquals(sameLane, Double.isNaN(out.toArray()[i]), "case " + c + " " + op.getKey() + " axis " + axis
                            + " shape " + Arrays.toString(shape) + " NaN at " + Arrays.toString(index) + ", output "
                            + Arrays.toString(at));
                }
            }
            assertTrue(Double.isNaN(x.max().item()));
            assertEquals(index[axis], x.argmax(axis)[argmaxSlot(shape, axis, index)], "argmax points at the NaN");
        }
    }

    private static void assertSame(String what, double expected, double actual) {
        boolean same = Double.isNaN(expected) ? Double.isNaN(actual) : expected == actual
                || Math.abs(expected - actual) <= 1e-12 * Math.max(1, Math.abs(expected));
        assertTrue(same, what + ": expected " + expected + ", got " + actual);
    }

    private static int[] unflatten(int[] shape, int i) {
        int[] index = new int[shape.length];
        for (int d = shape.length - 1; d >= 0; d--) {
            index[d] = i % shape[d];
            i /= shape[d];
        }
        return index;
    }

    /** Where argmax(axis) stores the lane of {@code index}: the index without the axis, row-major. */
    private static int argmaxSlot(int[] shape, int axis, int[] index) {
        int slot = 0;
        for (int d = 0; d < shape.length; d++) {
            if (d != axis) {
                slot = slot * shape[d] + index[d];
            }
        }
        return slot;
    }
}
