package org.jgrad.optim;

import java.util.List;

import org.jgrad.autodiff.Tensor;

/**
 * Adagrad (torch's {@code torch.optim.Adagrad}): each coordinate's step shrinks with the sum
 * of its squared gradients so far.
 *
 * <p>For each parameter θ with gradient g, at step t (γ = lr, η = lrDecay, λ = weightDecay,
 * ε = eps; the sum starts at initialAccumulatorValue):
 * <pre>
 *   if λ ≠ 0:  g ← g + λθ
 *   γ̃ = γ / (1 + (t−1)·η)
 *   sum ← sum + g²
 *   θ ← θ − γ̃·g / (√sum + ε)
 * </pre>
 * Defaults as torch: lr 1e-2, lrDecay 0, weightDecay 0, initialAccumulatorValue 0, eps 1e-10.
 */
public class Adagrad extends Optimizer {

    public static final double DEFAULT_LR = 1e-2;

    private double lrDecay = 0;
    private double weightDecay = 0;
    private double initialAccumulatorValue = 0;
    private double eps = 1e-10;

    public Adagrad(List<Tensor> parameters) {
        super(parameters, DEFAULT_LR);
    }

    public Adagrad(Tensor... parameters) {
        this(List.of(parameters));
    }

    @Override
    public Adagrad lr(double lr) {
        super.lr(lr);
        return this;
    }

    /** η ≥ 0: the step-t learning rate is lr / (1 + (t−1)·η). */
    public Adagrad lrDecay(double lrDecay) {
        this.lrDecay = requireNonNegative("lrDecay", lrDecay);
        return this;
    }

    /** L2 penalty λ ≥ 0, added to the gradient as λθ. */
    public Adagrad weightDecay(double weightDecay) {
        this.weightDecay = requireNonNegative("weightDecay", weightDecay);
        return this;
    }

    /**
     * The starting value ≥ 0 of every accumulated sum. It is read when a parameter's state is
     * created (its first step), so set it before stepping.
     */
    public Adagrad initialAccumulatorValue(double value) {
        this.initialAccumulatorValue = requireNonNegative("initialAccumulatorValue", value);
        return this;
    }

    /** ε ≥ 0, added to √sum. */
    public Adagrad eps(double eps) {
        this.eps = requireNonNegative("eps", eps);
        return this;
    }

    public double lrDecay() {
        return lrDecay;
    }

    public double weightDecay() {
        return weightDecay;
    }

    public double initialAccumulatorValue() {
        return initialAccumulatorValue;
    }

    public double eps() {
        return eps;
    }

    @Override
    protected void update(double[] theta, double[] grad, State state) {
        double[] sum = state.buffer("sum", theta.length, initialAccumulatorValue);
        double clr = lr() / (1 + (state.step() - 1) * lrDecay);
        for (int i = 0; i < theta.length; i++) {
            double g = grad[i];
            if (weightDecay != 0) {
                g += weightDecay * theta[i];
            }
            sum[i] += g * g;
            theta[i] -= clr * (g / (Math.sqrt(sum[i]) + eps));
        }
    }

    /** The settings, for printing in a notebook. */
    @Override
    public String toString() {
        return "Adagrad(lr=" + lr() + ", lrDecay=" + lrDecay + ", weightDecay=" + weightDecay + ", initialAccumulatorValue="
                + initialAccumulatorValue + ", eps=" + eps + ")";
    }
}
