package org.jgrad.optim;

import java.util.List;

import org.jgrad.autodiff.Tensor;

/**
 * RMSprop (torch's {@code torch.optim.RMSprop}): divides the gradient by a running root mean
 * square of recent gradients.
 *
 * <p>For each parameter θ with gradient g (γ = lr, α = alpha, μ = momentum, λ = weightDecay;
 * v, ḡ and b start at 0):
 * <pre>
 *   if λ ≠ 0:  g ← g + λθ
 *   v ← αv + (1−α)g²
 *   if centered:  ḡ ← αḡ + (1−α)g;   d = √(v − ḡ²) + ε
 *   else:         d = √v + ε
 *   if μ &gt; 0:  b ← μb + g/d;   θ ← θ − γb
 *   else:       θ ← θ − γ·g/d
 * </pre>
 * Centered RMSprop divides by an estimate of the gradient's standard deviation instead of
 * its root mean square. Defaults as torch: lr 1e-2, alpha 0.99, eps 1e-8, weightDecay 0,
 * momentum 0, centered false.
 */
public class RMSprop extends Optimizer {

    public static final double DEFAULT_LR = 1e-2;

    private double alpha = 0.99;
    private double eps = 1e-8;
    private double weightDecay = 0;
    private double momentum = 0;
    private boolean centered = false;

    public RMSprop(List<Tensor> parameters) {
        super(parameters, DEFAULT_LR);
    }

    public RMSprop(Tensor... parameters) {
        this(List.of(parameters));
    }

    @Override
    public RMSprop lr(double lr) {
        super.lr(lr);
        return this;
    }

    /** Smoothing constant α in [0, 1) of the running mean of g². */
    public RMSprop alpha(double alpha) {
        this.alpha = requireUnitInterval("alpha", alpha);
        return this;
    }

    /** ε ≥ 0, added to the root. */
    public RMSprop eps(double eps) {
        this.eps = requireNonNegative("eps", eps);
        return this;
    }

    /** L2 penalty λ ≥ 0, added to the gradient as λθ. */
    public RMSprop weightDecay(double weightDecay) {
        this.weightDecay = requireNonNegative("weightDecay", weightDecay);
        return this;
    }

    /** Momentum factor μ ≥ 0 (0 turns momentum off). */
    public RMSprop momentum(double momentum) {
        this.momentum = requireNonNegative("momentum", momentum);
        return this;
    }

    /** Centered RMSprop: divide by √(v − ḡ²) + ε, ḡ the running mean of g. */
    public RMSprop centered(boolean centered) {
        this.centered = centered;
        return this;
    }

    public double alpha() {
        return alpha;
    }

    public double eps() {
        return eps;
    }

    public double weightDecay() {
        return weightDecay;
    }

    public double momentum() {
        return momentum;
    }

    public boolean centered() {
        return centered;
    }

    @Override
    protected void update(double[] theta, double[] grad, State state) {
        double lr = lr();
        double[] v = state.buffer("square_avg", theta.length, 0);
        double[] gAvg = centered ? state.buffer("grad_avg", theta.length, 0) : null;
        double[] buf = momentum > 0 ? state.buffer("momentum_buffer", theta.length, 0) : null;
        for (int i = 0; i < theta.length; i++) {
            double g = grad[i];
            if (weightDecay != 0) {
                g += weightDecay * theta[i];
            }
            v[i] = alpha * v[i] + (1 - alpha) * g * g;
            double d;
            if (centered) {
                gAvg[i] = alpha * gAvg[i] + (1 - alpha) * g;
                d = Math.sqrt(v[i] - gAvg[i] * gAvg[i]) + eps;
            } else {
                d = Math.sqrt(v[i]) + eps;
            }
            if (momentum > 0) {
                buf[i] = momentum * buf[i] + g / d;
                theta[i] -= lr * buf[i];
            } else {
                theta[i] -= lr * (g / d);
            }
        }
    }

    /** The settings, for printing in a notebook. */
    @Override
    public String toString() {
        return "RMSprop(lr=" + lr() + ", alpha=" + alpha + ", eps=" + eps + ", weightDecay=" + weightDecay + ", momentum="
                + momentum + ", centered=" + centered + ")";
    }
}
