package org.jgrad.optim;

import java.util.Objects;

/**
 * The base of learning-rate schedules, with the contract of torch's
 * {@code torch.optim.lr_scheduler.LRScheduler}: a schedule remembers the optimizer's
 * learning rate at construction as the initial lr, sets the lr for epoch 0 at once, and
 * each {@link #step()} (call it once per epoch, after the optimizer's steps) moves to the
 * next epoch and sets the optimizer's lr for it.
 *
 * <pre>{@code
 * var opt = new SGD(params).lr(0.1);
 * var schedule = new StepLR(opt, 30, 0.1);
 * for (int epoch = 0; epoch < 100; epoch++) {
 *     trainOneEpoch(opt);
 *     schedule.step();
 * }
 * }</pre>
 */
public abstract class LRScheduler {

    private final Optimizer optimizer;
    private final double initialLr;
    private int lastEpoch;
    private double lastLr;

    protected LRScheduler(Optimizer optimizer) {
        this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
        this.initialLr = optimizer.lr();
    }

    /** Sets the lr of epoch 0; subclass constructors call it last, once their fields are set. */
    protected final void initialStep() {
        lastEpoch = 0;
        apply(lrAt(0, optimizer.lr()));
    }

    /** Moves to the next epoch and sets the optimizer's learning rate for it. */
    public void step() {
        lastEpoch++;
        apply(lrAt(lastEpoch, optimizer.lr()));
    }

    /**
     * The learning rate for {@code epoch}.
     *
     * @param epoch     the epoch being entered (0 at construction)
     * @param currentLr the optimizer's learning rate now (what chainable schedules multiply)
     */
    protected abstract double lrAt(int epoch, double currentLr);

    private void apply(double lr) {
        optimizer.setLr(lr);
        lastLr = lr;
    }

    /** The learning rate this schedule set last (torch's {@code get_last_lr()}). */
    public double lastLr() {
        return lastLr;
    }

    /** The number of {@link #step()} calls so far (torch's {@code last_epoch}). */
    public int lastEpoch() {
        return lastEpoch;
    }

    /** The optimizer's learning rate when this schedule was made (torch's {@code initial_lr}). */
    public double initialLr() {
        return initialLr;
    }

    public Optimizer optimizer() {
        return optimizer;
    }

    /** Throws naming the schedule unless {@code value} is finite and &gt; 0. */
    protected final double requirePositive(String what, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": " + what + " must be > 0, got " + value);
        }
        return value;
    }
}
