package org.jgrad.optim;

/**
 * Multiplies the learning rate by γ every {@code stepSize} epochs (torch's {@code StepLR}):
 * lr at epoch e = initial_lr · γ^⌊e / stepSize⌋.
 *
 * <p>As in torch the schedule is chainable: at each epoch that is a multiple of
 * {@code stepSize} it multiplies the optimizer's <em>current</em> lr by γ, which equals the
 * formula above as long as nothing else changes the lr.
 */
public class StepLR extends LRScheduler {

    private final int stepSize;
    private final double gamma;

    /** With torch's default γ = 0.1. */
    public StepLR(Optimizer optimizer, int stepSize) {
        this(optimizer, stepSize, 0.1);
    }

    /**
     * @param stepSize epochs between decays, ≥ 1
     * @param gamma    the factor, &gt; 0
     */
    public StepLR(Optimizer optimizer, int stepSize, double gamma) {
        super(optimizer);
        if (stepSize < 1) {
            throw new IllegalArgumentException("StepLR: stepSize must be >= 1, got " + stepSize);
        }
        this.stepSize = stepSize;
        this.gamma = requirePositive("gamma", gamma);
        initialStep();
    }

    public int stepSize() {
        return stepSize;
    }

    public double gamma() {
        return gamma;
    }

    @Override
    protected double lrAt(int epoch, double currentLr) {
        return epoch == 0 || epoch % stepSize != 0 ? currentLr : currentLr * gamma;
    }
}
