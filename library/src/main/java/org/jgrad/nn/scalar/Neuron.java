package org.jgrad.nn.scalar;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.jgrad.autodiff.Value;

/**
 * One neuron over scalar {@link Value}s: a(x) = φ(⟨w, x⟩ + b), small enough to draw its
 * whole computational graph. Weights start uniform in [−1, 1], the bias at 0.
 */
public final class Neuron {

    /** The activation φ applied to the weighted sum. */
    public enum Activation {
        LINEAR, RELU, TANH, SIGMOID;

        Value apply(Value z) {
            return switch (this) {
                case LINEAR -> z;
                case RELU -> z.relu();
                case TANH -> z.tanh();
                case SIGMOID -> z.sigmoid();
            };
        }
    }

    private final List<Value> weights;
    private final Value bias;
    private final Activation activation;

    public Neuron(int inputs, Activation activation, Random random) {
        if (inputs <= 0) {
            throw new IllegalArgumentException("Neuron: inputs must be > 0, got " + inputs);
        }
        List<Value> w = new ArrayList<>(inputs);
        for (int i = 0; i < inputs; i++) {
            w.add(new Value(2 * random.nextDouble() - 1, "w" + (i + 1)));
        }
        this.weights = List.copyOf(w);
        this.bias = new Value(0, "b");
        this.activation = activation;
    }

    /** φ(Σ wᵢxᵢ + b). */
    public Value apply(List<Value> x) {
        if (x.size() != weights.size()) {
            throw new IllegalArgumentException("Neuron: expected " + weights.size() + " inputs, got " + x.size());
        }
        Value z = bias;
        for (int i = 0; i < x.size(); i++) {
            z = z.add(weights.get(i).mul(x.get(i)));
        }
        return activation.apply(z);
    }

    public List<Value> weights() {
        return weights;
    }

    public Value bias() {
        return bias;
    }

    /** The weights, then the bias. */
    public List<Value> parameters() {
        List<Value> p = new ArrayList<>(weights);
        p.add(bias);
        return p;
    }

    public Activation activation() {
        return activation;
    }

    @Override
    public String toString() {
        return activation + "Neuron(" + weights.size() + ")";
    }
}
