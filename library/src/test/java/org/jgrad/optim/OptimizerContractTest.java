package org.jgrad.optim;

import static org.jgrad.optim.OptimTesting.setGrad;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import org.jgrad.autodiff.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** What every optimizer promises, whatever its update rule. */
class OptimizerContractTest {

    static Stream<Function<List<Tensor>, Optimizer>> everyOptimizer() {
        return Stream.of(p -> new SGD(p).lr(0.1).momentum(0.9), Adagrad::new, p -> new RMSprop(p).centered(true)
                .momentum(0.5), Adam::new, AdamW::new, NAdam::new);
    }

    @ParameterizedTest
    @MethodSource("everyOptimizer")
    void zeroGradClearsEveryGradientAndKeepsTheStorage(Function<List<Tensor>, Optimizer> make) {
        Tensor a = Tensor.of(1.0, -2.0).requiresGrad(true);
        Tensor b = Tensor.of(new double[] {1, 2, 3, 4}, 2, 2).requiresGrad(true);
        Optimizer opt = make.apply(List.of(a, b));
        a.mul(3).sum().add(b.pow(2).sum()).backward();
        double[] storage = b.grad().buffer();
        assertArrayEquals(new double[] {2, 4, 6, 8}, storage, 0.0);
        opt.zeroGrad();
        assertArrayEquals(new double[] {0, 0}, a.grad().toArray(), 0.0);
        assertArrayEquals(new double[] {0, 0, 0, 0}, b.grad().toArray(), 0.0);
        assertSame(storage, b.grad().buffer());
    }

    @ParameterizedTest
    @MethodSource("everyOptimizer")
    void parametersWithoutGradientAreSkipped(Function<List<Tensor>, Optimizer> make) {
        Tensor used = Tensor.of(1.0, -2.0).requiresGrad(true);
        Tensor unused = Tensor.of(5.0, 6.0).requiresGrad(true);
        Tensor frozen = Tensor.of(7.0);
        Optimizer opt = make.apply(List.of(used, unused, frozen));
        for (int s = 0; s < 3; s++) {
            opt.zeroGrad();
            used.pow(2).sum().backward();
            opt.step();
        }
        assertNull(unused.grad());
        assertArrayEquals(new double[] {5, 6}, unused.toArray(), 0.0);
        assertArrayEquals(new double[] {7}, frozen.toArray(), 0.0);
        assertNull(opt.state(unused));
        assertEquals(3, opt.state(used).step());
        assertTrue(Math.abs(used.get(0) - 1.0) > 1e-4, "the parameter with a gradient moved");
    }

    @ParameterizedTest
    @MethodSource("everyOptimizer")
    void aParameterThatGetsItsGradientLateStartsItsOwnStepCount(Function<List<Tensor>, Optimizer> make) {
        // state is per parameter: the late one's first update is its step 1, exactly as if it
        // had been alone from the start
        Tensor early = Tensor.of(1.0, -2.0).requiresGrad(true);
        Tensor late = Tensor.of(0.5, 3.0).requiresGrad(true);
        Tensor alone = Tensor.of(0.5, 3.0).requiresGrad(true);
        Optimizer both = make.apply(List.of(early, late));
        Optimizer single = make.apply(List.of(alone));
        for (int s = 0; s < 4; s++) {
            setGrad(early, 1, 1);
            if (s >= 2) {
                setGrad(late, 0.3 * s, -1);
                setGrad(alone, 0.3 * s, -1);
                single.step();
            }
            both.step();
        }
        assertEquals(4, both.state(early).step());
        assertEquals(2, both.state(late).step());
        assertArrayEquals(alone.toArray(), late.toArray(), 0.0);
    }

    @ParameterizedTest
    @MethodSource("everyOptimizer")
    void aTwoElementParameterTracesAPathDownhill(Function<List<Tensor>, Optimizer> make) {
        // the 2-D loss-surface use: one tensor [x, y], the path recorded after every step
        Tensor xy = Tensor.of(1.0, -2.0).requiresGrad(true);
        Optimizer opt = make.apply(List.of(xy));
        opt.setLr(0.05);
        List<double[]> path = new ArrayList<>();
        path.add(xy.toArray());
        for (int s = 0; s < 20; s++) {
            opt.zeroGrad();
            xy.pow(2).mul(Tensor.of(0.5, 3.0)).sum().backward();
            opt.step();
            path.add(xy.toArray());
        }
        double first = loss(path.get(0));
        double last = loss(path.get(path.size() - 1));
        assertTrue(last < first, "loss went from " + first + " to " + last);
        assertEquals(21, path.size());
    }

    private static double loss(double[] xy) {
        return 0.5 * xy[0] * xy[0] + 3 * xy[1] * xy[1];
    }

    @Test
    void varargsAndListConstructorsAreTheSame() {
        Tensor a = Tensor.of(1.0);
        Tensor b = Tensor.of(2.0);
        assertEquals(List.of(a, b), new Adam(a, b).parameters());
        assertEquals(List.of(a, b), new Adam(List.of(a, b)).parameters());
        assertThrows(UnsupportedOperationException.class, () -> new SGD(a).parameters().add(b));
    }

    @Test
    void theParameterListIsCopied() {
        Tensor a = Tensor.of(1.0);
        List<Tensor> list = new ArrayList<>(List.of(a));
        SGD opt = new SGD(list);
        list.add(Tensor.of(2.0));
        assertEquals(1, opt.parameters().size());
    }

    @Test
    void emptyNullAndDuplicateParametersAreRefused() {
        Tensor a = Tensor.of(1.0);
        assertEquals("Adam: got an empty parameter list",
                assertThrows(IllegalArgumentException.class, () -> new Adam(List.of())).getMessage());
        List<Tensor> withNull = new ArrayList<>();
        withNull.add(a);
        withNull.add(null);
        assertEquals("SGD: parameter 1 is null",
                assertThrows(IllegalArgumentException.class, () -> new SGD(withNull)).getMessage());
        var e = assertThrows(IllegalArgumentException.class, () -> new RMSprop(a, Tensor.of(2.0), a));
        assertTrue(e.getMessage().startsWith("RMSprop: parameter 2 is already in the list"), e.getMessage());
    }

    @Test
    void stateIsKeyedByTheTensorAndHoldsTorchsBufferNames() {
        Tensor theta = Tensor.of(1.0, -2.0).requiresGrad(true);
        Adam adam = new Adam(theta);
        assertNull(adam.state(theta));
        setGrad(theta, 0.5, -1);
        adam.step();
        Optimizer.State s = adam.state(theta);
        assertNotNull(s);
        assertEquals(1, s.step());
        assertEquals(List.of("exp_avg", "exp_avg_sq"), List.copyOf(s.bufferNames()));
        // m = (1 − β₁)g, v = (1 − β₂)g²
        assertArrayEquals(new double[] {0.05, -0.1}, s.buffer("exp_avg"), 1e-15);
        assertArrayEquals(new double[] {0.00025, 0.001}, s.buffer("exp_avg_sq"), 1e-17);
        assertNull(adam.state(Tensor.of(1.0, -2.0)), "an equal but different tensor has no state");
    }

    @Test
    void setLrChangesTheNextStepAndZeroFreezes() {
        Tensor theta = Tensor.of(1.0, -2.0).requiresGrad(true);
        SGD opt = new SGD(theta).lr(0.1);
        setGrad(theta, 1, 1);
        opt.step();
        assertArrayEquals(new double[] {0.9, -2.1}, theta.toArray(), 1e-15);
        opt.setLr(0.5);
        assertEquals(0.5, opt.lr());
        opt.step();
        assertArrayEquals(new double[] {0.4, -2.6}, theta.toArray(), 1e-15);
        opt.setLr(0);
        opt.step();
        assertArrayEquals(new double[] {0.4, -2.6}, theta.toArray(), 1e-15);
        assertEquals("SGD: lr must be >= 0, got -0.1",
                assertThrows(IllegalArgumentException.class, () -> opt.setLr(-0.1)).getMessage());
    }

    @Test
    void stepLeavesTheGradientAsItWas() {
        Tensor theta = Tensor.of(1.0, -2.0).requiresGrad(true);
        setGrad(theta, 0.25, -0.5);
        new SGD(theta).lr(0.1).momentum(0.9).weightDecay(0.5).step();
        assertArrayEquals(new double[] {0.25, -0.5}, theta.grad().toArray(), 0.0);
    }
}
