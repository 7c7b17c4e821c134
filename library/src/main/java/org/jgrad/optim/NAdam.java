package org.jgrad.optim;

import java.util.List;

import org.jgrad.autodiff.Tensor;

/**
 * NAdam (torch's {@code torch.optim.NAdam}): Adam with Nesterov momentum, following Dozat,
 * with torch's momentum schedule.
 *
 * <p>For each parameter θ with gradient g, at its step t (γ = lr, ψ = momentumDecay,
 * λ = weightDecay; m and v start at 0):
 * <pre>
 *   if λ ≠ 0:  g ← g + λθ
 *   μ_t = β₁(1 − ½·0.96^{tψ});   μ_{t+1} = β₁(1 − ½·0.96^{(t+1)ψ})
 *   m ← β₁m + (1−β₁)g;   v ← β₂v + (1−β₂)g²
 *   m̂ = μ_{t+1}·m / (1 − ∏_{i≤t+1} μ_i) + (1−μ_t)·g / (1 − ∏_{i≤t} μ_i)
 *   v̂ = v / (1−β₂ᵗ)
 *   θ ← θ − γ·m̂ / (√v̂ + ε)
 * </pre>
 * Defaults as torch: lr <b>2e-3</b>, betas (0.9, 0.999), eps 1e-8, weightDecay 0,
 * momentumDecay 4e-3.
 */
public class NAdam extends Optimizer {

    public static final double DEFAULT_LR = 2e-3;

    private double beta1 = 0.9;
    private double beta2 = 0.999;
    private double eps = 1e-8;
    private double weightDecay = 0;
    private double momentumDecay = 4e-3;

    public NAdam(List<Tensor> parameters) {
        super(parameters, DEFAULT_LR);
    }

    public NAdam(Tensor... parameters) {
        this(List.of(parameters));
    }

    @Override
    public NAdam lr(double lr) {
        super.lr(lr);
        return this;
    }

    /** β₁, β₂ in [0, 1): decay rates of the running means of g and g². */
    public NAdam betas(double beta1, double beta2) {
        requireUnitInterval("beta1", beta1);
        requireUnitInterval("beta2", beta2);
        this.beta1 = beta1;
        this.beta2 = beta2;
        return this;
    }

    /** ε ≥ 0, added to √v̂. */
    public NAdam eps(double eps) {
        this.eps = requireNonNegative("eps", eps);
        return this;
    }

    /** L2 penalty λ ≥ 0, added to the gradient as λθ. */
    public NAdam weightDecay(double weightDecay) {
        this.weightDecay = requireNonNegative("weightDecay", weightDecay);
        return this;
    }

    /** ψ ≥ 0 in the momentum schedule μ_t = β₁(1 − ½·0.96^{tψ}). */
    public NAdam momentumDecay(double momentumDecay) {
        this.momentumDecay = requireNonNegative("momentumDecay", momentumDecay);
        return this;
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

    public double momentumDecay() {
        return momentumDecay;
    }

    @Override
    protected void update(double[] theta, double[] grad, State state) {
        double lr = lr();
        int t = state.step();
        double[] m = state.buffer("exp_avg", theta.length, 0);
        double[] v = state.buffer("exp_avg_sq", theta.length, 0);
        double biasCorrection2 = 1 - Math.pow(beta2, t);
        double mu = beta1 * (1 - 0.5 * Math.pow(0.96, t * momentumDecay));
        double muNext = beta1 * (1 - 0.5 * Math.pow(0.96, (t + 1) * momentumDecay));
        double muProduct = state.scalar("mu_product", 1.0) * mu;   // ∏_{i≤t} μ_i
        state.putScalar("mu_product", muProduct);
        double muProductNext = muProduct * muNext;                 // ∏_{i≤t+1} μ_i
        double gradCoef = lr * (1 - mu) / (1 - muProduct);
        double momentCoef = lr * muNext / (1 - muProductNext);
        for (int i = 0; i < theta.length; i++) {
            double g = grad[i];
            if (weightDecay != 0) {
                g += weightDecay * theta[i];
            }
            m[i] = beta1 * m[i] + (1 - beta1) * g;
            v[i] = beta2 * v[i] + (1 - beta2) * g * g;
            double denom = Math.sqrt(v[i] / biasCorrection2) + eps;
            theta[i] -= gradCoef * (g / denom);
            theta[i] -= momentCoef * (m[i] / denom);
        }
    }

    /** The settings, for printing in a notebook. */
    @Override
    public String toString() {
        return "NAdam(lr=" + lr() + ", betas=(" + beta1 + ", " + beta2 + "), eps=" + eps + ", weightDecay=" + weightDecay
                + ", momentumDecay=" + momentumDecay + ")";
    }
}
