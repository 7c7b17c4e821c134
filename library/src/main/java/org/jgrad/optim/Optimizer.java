package org.jgrad.optim;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.jgrad.autodiff.Tensor;

/**
 * The base of every optimizer, with the contract of PyTorch's {@code torch.optim.Optimizer}:
 * it holds a list of parameter tensors, {@link #zeroGrad()} clears their gradients and
 * {@link #step()} updates each parameter in place from its current gradient.
 *
 * <pre>{@code
 * var opt = new Adam(model.parameters()).lr(1e-3);
 * for (int epoch = 0; epoch < 100; epoch++) {
 *     opt.zeroGrad();
 *     Tensor loss = lossOf(model);
 *     loss.backward();
 *     opt.step();
 * }
 * }</pre>
 *
 * <p>A parameter whose gradient is null (no backward pass reached it yet) is skipped, as in
 * torch: neither it nor its state changes. Each parameter has its own {@link State} (step
 * count, moment buffers, ...), keyed by the identity of the tensor and created at the first
 * step that updates it.
 *
 * <p>A subclass implements {@link #update(double[], double[], State)} for one parameter; the
 * hyper-parameters are set with fluent setters that return the optimizer itself, named as
 * in torch in camelCase ({@code weightDecay} for {@code weight_decay}).
 */
public abstract class Optimizer {

    private final List<Tensor> parameters;
    private final Map<Tensor, State> states = new IdentityHashMap<>();
    private double lr;

    /**
     * @param parameters the tensors to optimize; not empty, no nulls, no tensor twice
     * @param defaultLr  the learning rate torch uses when none is given
     */
    protected Optimizer(List<Tensor> parameters, double defaultLr) {
        Objects.requireNonNull(parameters, "parameters");
        if (parameters.isEmpty()) {
            throw new IllegalArgumentException(name() + ": got an empty parameter list");
        }
        Set<Tensor> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (int i = 0; i < parameters.size(); i++) {
            Tensor p = parameters.get(i);
            if (p == null) {
                throw new IllegalArgumentException(name() + ": parameter " + i + " is null");
            }
            if (!seen.add(p)) {
                throw new IllegalArgumentException(name() + ": parameter " + i
                        + " is already in the list (the same tensor twice would be updated twice per step)");
            }
        }
        this.parameters = List.copyOf(parameters);
        this.lr = defaultLr;
    }

    /** The name used in error messages: the class's simple name. */
    protected String name() {
        String simple = getClass().getSimpleName();
        return simple.isEmpty() ? "Optimizer" : simple;
    }

    /** The parameters this optimizer updates, in the order given (unmodifiable). */
    public List<Tensor> parameters() {
        return parameters;
    }

    /** The current learning rate γ. */
    public double lr() {
        return lr;
    }

    /**
     * Sets the learning rate (fluent form, for configuration).
     *
     * @throws IllegalArgumentException unless {@code lr > 0}
     */
    public Optimizer lr(double lr) {
        this.lr = requirePositive("lr", lr);
        return this;
    }

    /**
     * Sets the learning rate between steps; what learning-rate schedules call. Unlike
     * {@link #lr(double)} it accepts 0, which a schedule such as a linear warm-up may reach
     * (a step with lr 0 leaves the parameters unchanged, as in torch).
     *
     * @throws IllegalArgumentException if {@code lr} is negative or not finite
     */
    public void setLr(double lr) {
        this.lr = requireNonNegative("lr", lr);
    }

    /** Sets the gradient of every parameter to zero (parameters with no gradient stay so). */
    public void zeroGrad() {
        for (Tensor p : parameters) {
            p.zeroGrad();
        }
    }

    /**
     * One optimization step: every parameter with a gradient is updated in place from it;
     * parameters whose gradient is null are skipped.
     */
    public void step() {
        checkBeforeStep();
        for (Tensor p : parameters) {
            Tensor grad = p.grad();
            if (grad == null) {
                continue;
            }
            State state = states.computeIfAbsent(p, k -> new State());
            state.step++;
            update(p.buffer(), grad.buffer(), state);
        }
    }

    /**
     * Updates one parameter in place.
     *
     * @param theta the parameter's live storage, to change in place
     * @param grad  its gradient (do not change it: torch leaves {@code .grad} as it was)
     * @param state its state; {@link State#step()} already counts this step (1 at the first)
     */
    protected abstract void update(double[] theta, double[] grad, State state);

    /** Called at the start of every {@link #step()}; checks that need several settings at once. */
    protected void checkBeforeStep() {
    }

    /** The state of one parameter (its step count and buffers), or null before its first update. */
    public State state(Tensor parameter) {
        return states.get(parameter);
    }

    // ================================================================ argument checks

    /** Returns {@code value} if it is finite and {@code > 0}, else throws naming it. */
    protected final double requirePositive(String what, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name() + ": " + what + " must be > 0, got " + value);
        }
        return value;
    }

    /** Returns {@code value} if it is finite and {@code >= 0}, else throws naming it. */
    protected final double requireNonNegative(String what, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name() + ": " + what + " must be >= 0, got " + value);
        }
        return value;
    }

    /** Returns {@code value} if it is in [0, 1), else throws naming it. */
    protected final double requireUnitInterval(String what, double value) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException(name() + ": " + what + " must be in [0, 1), got " + value);
        }
        return value;
    }

    /**
     * What an optimizer remembers about one parameter between steps, as torch's
     * {@code optimizer.state[p]}: the number of steps that updated it, named buffers of the
     * parameter's size ({@code "exp_avg"}, {@code "momentum_buffer"}, ...) and named scalars.
     */
    public static final class State {
        private int step;
        private final Map<String, double[]> buffers = new LinkedHashMap<>();
        private final Map<String, Double> scalars = new LinkedHashMap<>();

        State() {
        }

        /** The number of steps that have updated this parameter, this one included. */
        public int step() {
            return step;
        }

        /** The live buffer with that name, or null if there is none yet. */
        public double[] buffer(String name) {
            return buffers.get(name);
        }

        /** The live buffer with that name, created with {@code size} elements equal to {@code initial} if absent. */
        public double[] buffer(String name, int size, double initial) {
            return buffers.computeIfAbsent(name, k -> {
                double[] b = new double[size];
                java.util.Arrays.fill(b, initial);
                return b;
            });
        }

        /** Whether a buffer with that name exists. */
        public boolean hasBuffer(String name) {
            return buffers.containsKey(name);
        }

        /** Stores a buffer under that name (the array itself, not a copy). */
        public void putBuffer(String name, double[] buffer) {
            buffers.put(name, buffer);
        }

        /** The scalar with that name, or {@code initial} if none was stored. */
        public double scalar(String name, double initial) {
            return scalars.getOrDefault(name, initial);
        }

        /** Stores a scalar under that name. */
        public void putScalar(String name, double value) {
            scalars.put(name, value);
        }

        /** The names of the buffers, in order of creation. */
        public Set<String> bufferNames() {
            return Collections.unmodifiableSet(buffers.keySet());
        }

        @Override
        public String toString() {
            return "State{step=" + step + ", buffers=" + buffers.keySet() + ", scalars=" + scalars + "}";
        }
    }
}
