package org.jgrad.optim;

import java.util.List;
import java.util.Objects;
import java.util.Random;

import org.jgrad.autodiff.Tensor;

/**
 * Stochastic gradient descent with optional momentum, Nesterov momentum, L2 weight decay
 * (torch's {@code torch.optim.SGD}) and optional Gaussian gradient noise.
 *
 * <p>For each parameter θ with gradient g, at step t (γ = lr, μ = momentum, τ = dampening,
 * λ = weightDecay):
 * <pre>
 *   if λ ≠ 0:  g ← g + λθ
 *   if μ ≠ 0:  b₁ = g;  b_t = μ·b_{t−1} + (1−τ)·g   (t &gt; 1)
 *              g ← g + μ·b_t  (nesterov)   or   g ← b_t
 *   θ ← θ − γ·g
 *   if σ &gt; 0:  θ ← θ + ε,  ε ~ N(0, σ²) per element   (gradient noise, see {@link #noise})
 * </pre>
 * Defaults as torch: lr 1e-3, momentum 0, dampening 0, weightDecay 0, nesterov false.
 * Nesterov needs momentum &gt; 0 and dampening 0; that is checked at {@link #step()}, so the
 * setters can be called in any order.
 */
public class SGD extends Optimizer {

    /** torch's default learning rate for SGD. */
    public static final double DEFAULT_LR = 1e-3;

    private double momentum = 0;
    private double dampening = 0;
    private double weightDecay = 0;
    private boolean nesterov = false;
    private double noiseSigma = 0;
    private Random noiseRandom;

    public SGD(List<Tensor> parameters) {
        super(parameters, DEFAULT_LR);
    }

    public SGD(Tensor... parameters) {
        this(List.of(parameters));
    }

    @Override
    public SGD lr(double lr) {
        super.lr(lr);
        return this;
    }

    /** Momentum factor μ ≥ 0 (0 turns momentum off). */
    public SGD momentum(double momentum) {
        this.momentum = requireNonNegative("momentum", momentum);
        return this;
    }

    /** Dampening τ in [0, 1]: the momentum buffer adds (1−τ)·g after the first step. */
    public SGD dampening(double dampening) {
        if (!(dampening >= 0 && dampening <= 1)) {
            throw new IllegalArgumentException(name() + ": dampening must be in [0, 1], got " + dampening);
        }
        this.dampening = dampening;
        return this;
    }

    /** L2 penalty λ ≥ 0, added to the gradient as λθ. */
    public SGD weightDecay(double weightDecay) {
        this.weightDecay = requireNonNegative("weightDecay", weightDecay);
        return this;
    }

    /** Nesterov momentum (needs momentum &gt; 0 and dampening 0, checked at {@link #step()}). */
    public SGD nesterov(boolean nesterov) {
        this.nesterov = nesterov;
        return this;
    }

    /**
     * Adds Gaussian noise ε ~ N(0, σ²) to every element of every updated parameter after the
     * gradient step: θ ← θ − γ∇f + ε. Noise lets plain gradient descent leave a saddle point.
     * The draws come from {@code random}, parameter by parameter in list order, elements in
     * row-major order, so a seeded {@link Random} gives the same path every run.
     *
     * @param sigma  standard deviation σ ≥ 0 (0 turns noise off)
     * @param random the source of the noise
     */
    public SGD noise(double sigma, Random random) {
        requireNonNegative("noise sigma", sigma);
        this.noiseRandom = Objects.requireNonNull(random, "random");
        this.noiseSigma = sigma;
        return this;
    }

    /** As {@link #noise(double, Random)} with {@code new Random(seed)}. */
    public SGD noise(double sigma, long seed) {
        return noise(sigma, new Random(seed));
    }

    public double momentum() {
        return momentum;
    }

    public double dampening() {
        return dampening;
    }

    public double weightDecay() {
        return weightDecay;
    }

    public boolean nesterov() {
        return nesterov;
    }

    /** The noise's standard deviation σ (0: no noise). */
    public double noiseSigma() {
        return noiseSigma;
    }

    @Override
    protected void checkBeforeStep() {
        if (nesterov && (momentum <= 0 || dampening != 0)) {
            throw new IllegalStateException(name() + ": nesterov requires momentum > 0 and dampening = 0, got momentum "
                    + momentum + " and dampening " + dampening);
        }
    }

    @Override
    protected void update(double[] theta, double[] grad, State state) {
        double lr = lr();
        double[] buf = null;
        boolean first = false;
        if (momentum != 0) {
            first = !state.hasBuffer("momentum_buffer");
            buf = state.buffer("momentum_buffer", theta.length, 0);
        }
        for (int i = 0; i < theta.length; i++) {
            double g = grad[i];
            if (weightDecay != 0) {
                g += weightDecay * theta[i];
            }
            if (momentum != 0) {
                buf[i] = first ? g : momentum * buf[i] + (1 - dampening) * g;
                g = nesterov ? g + momentum * buf[i] : buf[i];
            }
            theta[i] -= lr * g;
        }
        if (noiseSigma > 0) {
            for (int i = 0; i < theta.length; i++) {
                theta[i] += noiseSigma * noiseRandom.nextGaussian();
            }
        }
    }

    /** The settings, for printing in a notebook. */
    @Override
    public String toString() {
        return "SGD(lr=" + lr() + ", momentum=" + momentum + ", dampening=" + dampening + ", weightDecay=" + weightDecay
                + ", nesterov=" + nesterov + (noiseSigma > 0 ? ", noise sigma=" + noiseSigma : "") + ")";
    }
}
