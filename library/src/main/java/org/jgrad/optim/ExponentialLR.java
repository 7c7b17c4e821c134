package org.jgrad.optim;

/**
 * Multiplies the learning rate by γ every epoch (torch's {@code ExponentialLR}):
 * lr at epoch e = initial_lr · γ^e.
 *
 * <p>As in torch the schedule is chainable: each step multiplies the optimizer's
 * <em>current</em> lr by γ.
 */
public class ExponentialLR extends LRScheduler {

    private final double gamma;

    /** @param gamma the factor per epoch, &gt; 0 */
    public ExponentialLR(Optimizer optimizer, double gamma) {
        super(optimizer);
        this.gamma = requirePositive("gamma", gamma);
        initialStep();
    }

    public double gamma() {
        return gamma;
    }

    @Override
    protected double lrAt(int epoch, double currentLr) {
        return epoch == 0 ? currentLr : currentLr * gamma;
    }
}
