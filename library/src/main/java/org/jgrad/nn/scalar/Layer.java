package org.jgrad.nn.scalar;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.jgrad.autodiff.Value;

/** A layer of independent {@link Neuron}s that all see the same inputs. */
public final class Layer {

    private final List<Neuron> neurons;

    public Layer(int inputs, int outputs, Neuron.Activation activation, Random random) {
        if (outputs <= 0) {
            throw new IllegalArgumentException("Layer: outputs must be > 0, got " + outputs);
        }
        List<Neuron> n = new ArrayList<>(outputs);
        for (int i = 0; i < outputs; i++) {
            n.add(new Neuron(inputs, activation, random));
        }
        this.neurons = List.copyOf(n);
    }

    public List<Value> apply(List<Value> x) {
        List<Value> out = new ArrayList<>(neurons.size());
        for (Neuron n : neurons) {
            out.add(n.apply(x));
        }
        return out;
    }

    public List<Neuron> neurons() {
        return neurons;
    }

    public List<Value> parameters() {
        List<Value> p = new ArrayList<>();
        for (Neuron n : neurons) {
            p.addAll(n.parameters());
        }
        return p;
    }

    @Override
    public String toString() {
        return "Layer(" + neurons + ")";
    }
}
