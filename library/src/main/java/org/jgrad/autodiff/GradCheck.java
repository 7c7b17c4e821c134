package org.jgrad.autodiff;

import java.util.Arrays;
import java.util.Random;
import java.util.function.Function;

/**
 * Checks backpropagation against central differences, (f(x + h) − f(x − h)) / 2h, one input
 * element at a time.
 *
 * <pre>{@code
 * var r = GradCheck.check(v -> v[0].mul(v[1]).tanh(), 0.5, -1.5);
 * r.passed(1e-6);   // true
 * }</pre>
 *
 * <p>The relative error of one element is |analytic − numeric| / max(|analytic|, |numeric|, 1e-6):
 * for gradients smaller than 1e-6 it is an absolute error, so an exact zero against a numeric
 * 1e-11 does not look like a 100 % miss.
 */
public final class GradCheck {

    /** The step h used unless one is given; near-optimal for central differences in double precision. */
    public static final double DEFAULT_STEP = 1e-6;
    private static final double SMALL = 1e-6;

    private GradCheck() {
    }

    /**
     * What a check found.
     *
     * @param maxRelativeError the worst relative error over all input elements
     * @param worstInput       which input had it
     * @param worstIndex       the element of that input (row-major), 0 for a scalar
     * @param analytic         the gradient backward() gave there
     * @param numeric          the central difference there
     * @param elements         how many elements were checked
     */
    public record Result(double maxRelativeError, int worstInput, int worstIndex, double analytic, double numeric,
                         int elements) {

        /** True if no element's relative error exceeds {@code tolerance}. */
        public boolean passed(double tolerance) {
            return maxRelativeError <= tolerance;
        }

        @Override
        public String toString() {
            return String.format("GradCheck: worst relative error %.3e at input %d element %d (backward %.10g,"
                    + " numeric %.10g), %d elements checked", maxRelativeError, worstInput, worstIndex, analytic,
                    numeric, elements);
        }
    }

    /** Checks a scalar function of scalars at the point {@code at}. */
    public static Result check(Function<Value[], Value> f, double... at) {
        return checkWithStep(f, DEFAULT_STEP, at);
    }

    /** As {@link #check(Function, double...)} with a chosen step h. */
    public static Result checkWithStep(Function<Value[], Value> f, double step, double... at) {
        Value[] inputs = leaves(at);
        Value out = f.apply(inputs);
        out.backward();
        Worst worst = new Worst();
        for (int i = 0; i < at.length; i++) {
            double[] plus = at.clone();
            double[] minus = at.clone();
            plus[i] += step;
            minus[i] -= step;
            double numeric = (f.apply(leaves(plus)).data() - f.apply(leaves(minus)).data()) / (2 * step);
            worst.see(0, i, inputs[i].grad(), numeric);
        }
        return worst.result(at.length);
    }

    /**
     * Checks a function of tensors at the given inputs (they are not modified). A non-scalar
     * output is reduced to a scalar with fixed random weights, so every output element counts.
     */
    public static Result check(Function<Tensor[], Tensor> f, Tensor... at) {
        return checkWithStep(f, DEFAULT_STEP, at);
    }

    /** As {@link #check(Function, Tensor...)} with a chosen step h. */
    public static Result checkWithStep(Function<Tensor[], Tensor> f, double step, Tensor... at) {
        Tensor[] inputs = new Tensor[at.length];
        for (int i = 0; i < at.length; i++) {
            inputs[i] = at[i].detach().requiresGrad(true);
        }
        Tensor probe = f.apply(inputs);
        Tensor weights = Tensor.uniform(new Random(42), 0.5, 1.5, probe.shape());
        Function<Tensor[], Tensor> scalar = x -> f.apply(x).mul(weights).sum();
        scalar.apply(inputs).backward();
        Worst worst = new Worst();
        int elements = 0;
        try (var off = Tensor.noGrad()) {
            for (int k = 0; k < at.length; k++) {
                double[] analytic = inputs[k].grad() == null ? new double[at[k].size()] : inputs[k].grad().toArray();
                for (int i = 0; i < at[k].size(); i++) {
                    double numeric = (shifted(scalar, at, k, i, step) - shifted(scalar, at, k, i, -step)) / (2 * step);
                    worst.see(k, i, analytic[i], numeric);
                    elements++;
                }
            }
        }
        return worst.result(elements);
    }

    private static double shifted(Function<Tensor[], Tensor> f, Tensor[] at, int k, int i, double h) {
        Tensor[] copy = Arrays.stream(at).map(Tensor::detach).toArray(Tensor[]::new);
        copy[k].buffer()[i] += h;
        return f.apply(copy).item();
    }

    private static Value[] leaves(double[] at) {
        Value[] v = new Value[at.length];
        for (int i = 0; i < at.length; i++) {
            v[i] = new Value(at[i]);
        }
        return v;
    }

    /** Keeps the element with the largest relative error. */
    private static final class Worst {
        double error = -1;
        int input;
        int index;
        double analytic;
        double numeric;

        void see(int input, int index, double analytic, double numeric) {
            double scale = Math.max(SMALL, Math.max(Math.abs(analytic), Math.abs(numeric)));
            double e = Math.abs(analytic - numeric) / scale;
            if (Double.isNaN(e)) {
                e = Double.POSITIVE_INFINITY;
            }
            if (e > error) {
                error = e;
                this.input = input;
                this.index = index;
                this.analytic = analytic;
                this.numeric = numeric;
            }
        }

        Result result(int elements) {
            return new Result(Math.max(0, error), input, index, analytic, numeric, elements);
        }
    }
}
