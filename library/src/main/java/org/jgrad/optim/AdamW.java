package org.jgrad.optim;

import java.util.List;

import org.jgrad.autodiff.Tensor;

/**
 * AdamW (torch's {@code torch.optim.AdamW}): Adam with weight decay decoupled from the
 * gradient (Loshchilov &amp; Hutter). The parameter shrinks first, then takes the Adam step
 * computed from the raw gradient:
 * <pre>
 *   θ ← θ − γλθ
 *   m ← β₁m + (1−β₁)g;   v ← β₂v + (1−β₂)g²
 *   m̂ = m / (1−β₁ᵗ);     v̂ = v / (1−β₂ᵗ)
 *   θ ← θ − γ·m̂ / (√v̂ + ε)
 * </pre>
 * Unlike Adam's L2 penalty, the decay never enters m and v, so it is not rescaled by √v̂.
 * Defaults as torch: lr 1e-3, betas (0.9, 0.999), eps 1e-8, weightDecay <b>1e-2</b>.
 */
public class AdamW extends Adam {

    public static final double DEFAULT_WEIGHT_DECAY = 1e-2;

    public AdamW(List<Tensor> parameters) {
        super(parameters, DEFAULT_WEIGHT_DECAY);
    }

    public AdamW(Tensor... parameters) {
        this(List.of(parameters));
    }

    @Override
    public AdamW lr(double lr) {
        super.lr(lr);
        return this;
    }

    @Override
    public AdamW betas(double beta1, double beta2) {
        super.betas(beta1, beta2);
        return this;
    }

    @Override
    public AdamW eps(double eps) {
        super.eps(eps);
        return this;
    }

    /** Decoupled weight decay λ ≥ 0: θ ← θ − γλθ before the Adam step. */
    @Override
    public AdamW weightDecay(double weightDecay) {
        super.weightDecay(weightDecay);
        return this;
    }

    @Override
    public AdamW amsgrad(boolean amsgrad) {
        super.amsgrad(amsgrad);
        return this;
    }

    @Override
    protected boolean decoupledWeightDecay() {
        return true;
    }
}
