package org.jgrad.optim;

import java.util.List;

import org.jgrad.autodiff.Tensor;

/**
 * Adam (torch's {@code torch.optim.Adam}): a step along the bias-corrected running mean of
 * the gradient, divided by the root of the bias-corrected running mean of its square.
 *
 * <p>For each parameter θ with gradient g, at its step t (γ = lr, λ = weightDecay; m and v
 * start at 0):
 * <pre>
 *   if λ ≠ 0:  g ← g + λθ                     (L2 penalty, coupled to the gradient)
 *   m ← β₁m + (1−β₁)g
 *   v ← β₂v + (1−β₂)g²
 *   m̂ = m / (1−β₁ᵗ);   v̂ = v / (1−β₂ᵗ)
 *   if amsgrad: v̂max ← max(v̂max, v), v̂ = v̂max / (1−β₂ᵗ)   (the denominator never shrinks)
 *   θ ← θ − γ·m̂ / (√v̂ + ε)                    (ε after the root)
 * </pre>
 * Defaults as torch: lr 1e-3, betas (0.9, 0.999), eps 1e-8, weightDecay 0, amsgrad off. For weight decay
 * decoupled from the gradient use {@link AdamW}.
 */
public class Adam extends Optimizer {

    public static final double DEFAULT_LR = 1e-3;

    private double beta1 = 0.9;
    private double beta2 = 0.999;
    private double eps = 1e-8;
    private double weightDecay;
    private boolean amsgrad;

    public Adam(List<Tensor> parameters) {
        this(parameters, 0);
    }

    public Adam(Tensor... parameters) {
        this(List.of(parameters));
    }

    /** For subclasses with another default weight decay ({@link AdamW}). */
    protected Adam(List<Tensor> parameters, double defaultWeightDecay) {
        super(parameters, DEFAULT_LR);
        this.weightDecay = defaultWeightDecay;
    }

    @Override
    public Adam lr(double lr) {
        super.lr(lr);
        return this;
    }

    /** β₁, β₂ in [0, 1): decay rates of the running means of g and g². */
    public Adam betas(double beta1, double beta2) {
        requireUnitInterval("beta1", beta1);
        requireUnitInterval("beta2", beta2);
        this.beta1 = beta1;
        this.beta2 = beta2;
        return this;
    }

    /** ε ≥ 0, added to √v̂. */
    public Adam eps(double eps) {
        this.eps = requireNonNegative("eps", eps);
        return this;
    }

    /** Weight decay λ ≥ 0 (here: L2, added to the gradient as λθ). */
    public Adam weightDecay(double weightDecay) {
        this.weightDecay = requireNonNegative("weightDecay", weightDecay);
        return this;
    }

    /**
     * AMSGrad (Reddi et al., 2018): divide by the largest running mean of g² seen so far,
     * so a parameter's step size never grows back after a burst of large gradients.
     */
    public Adam amsgrad(boolean amsgrad) {
        this.amsgrad = amsgrad;
        return this;
    }

    public boolean amsgrad() {
        return amsgrad;
    }

    public double beta1() {
        return beta1;
    }

    public double beta2() {
        return beta2;
    }

    public double eps() {
        return eps;
    }

    public double weightDecay() {
        return weightDecay;
    }

    /** Whether weight decay shrinks θ directly (AdamW) instead of being added to g (Adam). */
    protected boolean decoupledWeightDecay() {
        return false;
    }

    @Override
    protected void update(double[] theta, double[] grad, State state) {
        double lr = lr();
        int t = state.step();
        double[] m = state.buffer("exp_avg", theta.length, 0);
        double[] v = state.buffer("exp_avg_sq", theta.length, 0);
        double[] vMax = amsgrad ? state.buffer("max_exp_avg_sq", theta.length, 0) : null;
        double biasCorrection1 = 1 - Math.pow(beta1, t);
        double biasCorrection2Sqrt = Math.sqrt(1 - Math.pow(beta2, t));
        double stepSize = lr / biasCorrection1;
        boolean decoupled = decoupledWeightDecay();
        for (int i = 0; i < theta.length; i++) {
            double g = grad[i];
            if (weightDecay != 0) {
                if (decoupled) {
                    theta[i] *= 1 - lr * weightDecay;
                } else {
                    g += weightDecay * theta[i];
                }
            }
            m[i] = beta1 * m[i] + (1 - beta1) * g;
            v[i] = beta2 * v[i] + (1 - beta2) * g * g;
            // γ·m̂/(√v̂ + ε) written as (γ/(1−β₁ᵗ))·m / (√v/√(1−β₂ᵗ) + ε)
            double second = v[i];
            if (amsgrad) {
                vMax[i] = Math.max(vMax[i], v[i]);
                second = vMax[i];
            }
            double denom = Math.sqrt(second) / biasCorrection2Sqrt + eps;
            theta[i] -= stepSize * (m[i] / denom);
        }
    }

    /** The settings, for printing in a notebook. */
    @Override
    public String toString() {
        return name() + "(lr=" + lr() + ", betas=(" + beta1 + ", " + beta2 + "), eps=" + eps + ", weightDecay=" + weightDecay
                + (amsgrad ? ", amsgrad=true" : "") + ")";
    }
}
