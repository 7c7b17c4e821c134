package org.jgrad.optim;

import java.util.Objects;
import java.util.function.IntToDoubleFunction;

/**
 * Sets the learning rate to the initial lr times a factor of the epoch (torch's
 * {@code LambdaLR}): lr at epoch e = initial_lr · factor(e). As in torch the factor of
 * epoch 0 is applied at construction.
 *
 * <pre>{@code
 * new LambdaLR(opt, epoch -> Math.min(1.0, (epoch + 1) / 5.0));   // linear warm-up over 5 epochs
 * }</pre>
 */
public class LambdaLR extends LRScheduler {

    private final IntToDoubleFunction factorOfEpoch;

    /** @param factorOfEpoch the multiplier of the initial lr at each epoch; must give a finite value ≥ 0 */
    public LambdaLR(Optimizer optimizer, IntToDoubleFunction factorOfEpoch) {
        super(optimizer);
        this.factorOfEpoch = Objects.requireNonNull(factorOfEpoch, "factorOfEpoch");
        initialStep();
    }

    @Override
    protected double lrAt(int epoch, double currentLr) {
        double factor = factorOfEpoch.applyAsDouble(epoch);
        if (!(factor >= 0) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("LambdaLR: the factor at epoch " + epoch
                    + " must be finite and >= 0, got " + factor);
        }
        return initialLr() * factor;
    }
}
