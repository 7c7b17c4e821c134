package org.jgrad.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

import org.jgrad.autodiff.Tensor;

/**
 * The two small problems every optimizer test runs, and the comparison with the numbers
 * torch produced for them.
 *
 * <p>The expected literals in the tests were produced once by Debian's python3-torch 1.13.1
 * ({@code torch.__version__} '1.13.0a0') in float64 with the script
 * {@code src/test/resources/org/jgrad/optim/torch_reference.py}; its output is stored next to
 * it as {@code torch_reference.out}.
 */
final class OptimTesting {

    /** Relative tolerance against torch's numbers. */
    static final double REL_TOL = 1e-12;

    private OptimTesting() {
    }

    /** c in the quadratic f(θ) = Σ cᵢθᵢ², whose gradient is 2cᵢθᵢ = [θ₀, 6θ₁]. */
    static final double[] C = {0.5, 3.0};

    /**
     * θ = [1, −2], f = 0.5θ₀² + 3θ₁² (gradient from the autodiff engine); returns θ after
     * each of {@code steps} steps of zeroGrad, backward, step.
     */
    static double[][] quadraticPath(Function<List<Tensor>, Optimizer> make, int steps) {
        Tensor theta = Tensor.of(1.0, -2.0).requiresGrad(true);
        Optimizer opt = make.apply(List.of(theta));
        Tensor c = Tensor.of(C);
        double[][] path = new double[steps][];
        for (int s = 0; s < steps; s++) {
            opt.zeroGrad();
            theta.pow(2).mul(c).sum().backward();
            opt.step();
            path[s] = theta.toArray();
        }
        return path;
    }

    /** The same with 5 steps, as in the torch script. */
    static double[][] quadraticPath(Function<List<Tensor>, Optimizer> make) {
        return quadraticPath(make, 5);
    }

    /**
     * Parameters W = [[0.5, −1], [2, 0.25]], b = [0.1, −0.3] and u = [1, 2, 3]; at step
     * k = 1, 2, 3 the gradients are written straight into the grad buffers,
     * ∇W = [[0.3k, −1/k], [0.5, −0.2k]], ∇b = [1/(k+1), −k]; u never gets a gradient.
     * Returns {W flattened then b, u} after 3 steps.
     */
    static double[][] fixedGradientProblem(Function<List<Tensor>, Optimizer> make) {
        Tensor w = Tensor.of(new double[] {0.5, -1.0, 2.0, 0.25}, 2, 2).requiresGrad(true);
        Tensor b = Tensor.of(0.1, -0.3).requiresGrad(true);
        Tensor u = Tensor.of(1.0, 2.0, 3.0).requiresGrad(true);
        Optimizer opt = make.apply(List.of(w, b, u));
        for (int k = 1; k <= 3; k++) {
            setGrad(w, 0.3 * k, -1.0 / k, 0.5, -0.2 * k);
            setGrad(b, 1.0 / (k + 1), -k);
            opt.step();
        }
        if (u.grad() != null) {
            fail("u must not have a gradient");
        }
        double[] wb = new double[6];
        System.arraycopy(w.toArray(), 0, wb, 0, 4);
        System.arraycopy(b.toArray(), 0, wb, 4, 2);
        return new double[][] {wb, u.toArray()};
    }

    /**
     * Writes {@code g} into the parameter's gradient storage. The engine has no public grad
     * setter, so a first call makes the storage exist with a backward pass of Σθ.
     */
    static void setGrad(Tensor p, double... g) {
        if (p.grad() == null) {
            p.sum().backward();
        }
        double[] storage = p.grad().buffer();
        assertEquals(storage.length, g.length, "gradient size");
        System.arraycopy(g, 0, storage, 0, g.length);
    }

    static void assertClose(double[] expected, double[] actual) {
        assertClose(new double[][] {expected}, new double[][] {actual});
    }

    /** Every element within {@link #REL_TOL} relative (plus 1e-300 so exact zeros compare). */
    static void assertClose(double[][] expected, double[][] actual) {
        assertEquals(expected.length, actual.length, "number of rows");
        for (int r = 0; r < expected.length; r++) {
            assertEquals(expected[r].length, actual[r].length, "length of row " + r);
            for (int i = 0; i < expected[r].length; i++) {
                double e = expected[r][i];
                double a = actual[r][i];
                if (!(Math.abs(a - e) <= REL_TOL * Math.abs(e) + 1e-300)) {
                    fail("row " + r + " element " + i + ": expected " + e + " got " + a + " (relative error "
                            + Math.abs(a - e) / Math.abs(e) + ")\nexpected " + Arrays.deepToString(expected)
                            + "\nactual   " + Arrays.deepToString(actual));
                }
            }
        }
    }
}
