package org.jgrad.autodiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ValueTest {

    @Test
    void nodeRemembersOperationParentsAndLabel() {
        Value a = new Value(2, "a");
        Value b = new Value(-3, "b");
        Value c = a.mul(b).label("c");
        assertEquals(-6, c.data());
        assertEquals("*", c.op());
        assertEquals(List.of(a, b), c.parents());
        assertEquals("c", c.label());
        assertTrue(a.op().isEmpty());
    }

    @Test
    void mixesWithPlainDoubles() {
        Value x = new Value(3);
        Value y = x.mul(2).add(1).sub(4).div(2);   // (3·2 + 1 − 4) / 2
        assertEquals(1.5, y.data());
        y.backward();
        assertEquals(1.0, x.grad());
    }

    static Stream<Arguments> operations() {
        return Stream.of(
                Arguments.of("add", (Function<Value[], Value>) v -> v[0].add(v[1]), new double[] {0.3, -1.2}),
                Arguments.of("sub", (Function<Value[], Value>) v -> v[0].sub(v[1]), new double[] {0.3, -1.2}),
                Arguments.of("mul", (Function<Value[], Value>) v -> v[0].mul(v[1]), new double[] {0.3, -1.2}),
                Arguments.of("div", (Function<Value[], Value>) v -> v[0].div(v[1]), new double[] {0.3, -1.2}),
                Arguments.of("neg", (Function<Value[], Value>) v -> v[0].neg(), new double[] {0.7}),
                Arguments.of("pow", (Function<Value[], Value>) v -> v[0].pow(3), new double[] {-0.7}),
                Arguments.of("pow frac", (Function<Value[], Value>) v -> v[0].pow(0.5), new double[] {1.7}),
                Arguments.of("inverse", (Function<Value[], Value>) v -> v[0].pow(-1), new double[] {1.7}),
                Arguments.of("exp", (Function<Value[], Value>) v -> v[0].exp(), new double[] {0.4}),
                Arguments.of("log", (Function<Value[], Value>) v -> v[0].log(), new double[] {0.4}),
                Arguments.of("tanh", (Function<Value[], Value>) v -> v[0].tanh(), new double[] {0.4}),
                Arguments.of("sigmoid", (Function<Value[], Value>) v -> v[0].sigmoid(), new double[] {-0.4}),
                Arguments.of("relu+", (Function<Value[], Value>) v -> v[0].relu(), new double[] {0.4}),
                Arguments.of("relu-", (Function<Value[], Value>) v -> v[0].relu(), new double[] {-0.4}),
                Arguments.of("leaky", (Function<Value[], Value>) v -> v[0].leakyRelu(), new double[] {-0.4}),
                Arguments.of("leaky 0.1", (Function<Value[], Value>) v -> v[0].leakyRelu(0.1), new double[] {-0.4}),
                Arguments.of("elu", (Function<Value[], Value>) v -> v[0].elu(), new double[] {-0.4}),
                Arguments.of("gelu", (Function<Value[], Value>) v -> v[0].gelu(), new double[] {-0.4}),
                Arguments.of("gelu+", (Function<Value[], Value>) v -> v[0].gelu(), new double[] {1.3}),
                Arguments.of("composite", (Function<Value[], Value>) v -> v[0].mul(v[1]).add(v[0].exp()).tanh()
                        .div(v[1].pow(2).add(1)), new double[] {0.3, -0.8}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("operations")
    void everyOperationAgreesWithCentralDifferences(String name, Function<Value[], Value> f, double[] at) {
        GradCheck.Result r = GradCheck.check(f, at);
        assertTrue(r.passed(1e-7), r::toString);
    }

    @Test
    void randomPointsPassGradCheck() {
        Random random = new Random(7);
        for (int trial = 0; trial < 50; trial++) {
            double a = random.nextGaussian();
            double b = random.nextGaussian();
            double c = 0.5 + random.nextDouble();
            GradCheck.Result r = GradCheck.check(v -> v[0].mul(v[1]).sigmoid().add(v[2].log().mul(v[0]))
                    .sub(v[1].elu()).mul(v[2].pow(-1)).gelu(), a, b, c);
            assertTrue(r.passed(1e-6), r::toString);
        }
    }

    @Test
    void geluMatchesKnownValues() {
        // x·Φ(x); reference values from Python's math.erfc
        assertEquals(0.8413447460685429, new Value(1).gelu().data(), 1e-15);
        assertEquals(-3 * 0.5 * 0.0026997960632601913, new Value(-3).gelu().data(), 1e-18);
        assertEquals(-7.619853024160593e-23, new Value(-10).gelu().data(), 3e-37);
    }

    @Test
    void errorFunctionIsAccurate() {
        assertEquals(0.8427007929497149, Activations.erf(1), 2e-16);
        assertEquals(0.9953222650189527, Activations.erf(2), 1e-16);
        assertEquals(2.2090496998585438e-05, Activations.erfc(3), 3e-20);
        assertEquals(1.5374597944280351e-12, Activations.erfc(5), 2e-27);
        assertEquals(-0.5204998778130465, Activations.erf(-0.5), 2e-16);
        assertEquals(0.004677734981047265, Activations.erfc(2), 3e-18);
        assertEquals(0.0026997960632601913, Activations.erfc(3 / Math.sqrt(2)), 3e-18);
    }

    @Test
    void powerZeroHasGradientZeroEvenAtZero() {
        Value x = new Value(0);
        x.pow(0).backward();
        assertEquals(0.0, x.grad());
    }

    @Test
    void zeroGradClearsTheWholeGraph() {
        Value a = new Value(1.5);
        Value y = a.mul(a).tanh();
        y.backward();
        assertTrue(a.grad() != 0);
        y.zeroGrad();
        assertEquals(0, a.grad());
        assertEquals(0, y.grad());
    }

    @Test
    void gradientsAccumulateAcrossBackwardCalls() {
        Value a = new Value(3);
        Value y = a.mul(2).add(1).mul(3);
        y.backward();
        y.backward();
        assertEquals(12, a.grad());   // 6 each time, intermediates do not re-send old sums
    }

    @Test
    void aChainOfOneHundredThousandNodesDoesNotOverflowTheStack() {
        Value x = new Value(1.0);
        Value y = x;
        for (int i = 0; i < 100_000; i++) {
            y = y.mul(1.0).add(0.0);
        }
        y.backward();
        assertEquals(1.0, x.grad());
        assertEquals(400_001, y.topologicalOrder().size());   // each step adds two constants
    }

    @Test
    void graphViewListsNodesAndEdges() {
        Value a = new Value(1, "a");
        Value b = new Value(2, "b");
        Value y = a.mul(b).add(a).label("y");
        y.backward();
        Graph g = y.graph();
        assertEquals(4, g.nodes().size());
        assertEquals(4, g.edges().size());
        Graph.Node last = g.nodes().get(3);
        assertEquals("y", last.label());
        assertEquals("+", last.op());
        assertEquals(3.0, last.data());
        assertEquals(1.0, last.grad());
        Graph.Node first = g.nodes().get(0);
        assertEquals("a", first.label());
        assertEquals(3.0, first.grad());   // b + 1
        assertTrue(first.isLeaf());
    }
}
