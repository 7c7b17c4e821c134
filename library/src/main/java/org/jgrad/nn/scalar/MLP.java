package org.jgrad.nn.scalar;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.jgrad.autodiff.Value;

/**
 * A multi-layer perceptron over scalar {@link Value}s, as in micrograd: hidden layers use
 * one activation, the last layer is linear unless told otherwise.
 *
 * <pre>{@code
 * var net = new MLP(2, List.of(16, 16, 1), Neuron.Activation.RELU, new Random(1));
 * Value score = net.apply(List.of(new Value(0.5), new Value(-1.0))).get(0);
 * }</pre>
 */
public final class MLP {

    private final List<Layer> layers;

    public MLP(int inputs, List<Integer> sizes, Neuron.Activation hidden, Random random) {
        this(inputs, sizes, hidden, Neuron.Activation.LINEAR, random);
    }

    public MLP(int inputs, List<Integer> sizes, Neuron.Activation hidden, Neuron.Activation output, Random random) {
        if (sizes.isEmpty()) {
            throw new IllegalArgumentException("MLP: give at least one layer size");
        }
        List<Layer> l = new ArrayList<>();
        int in = inputs;
        for (int i = 0; i < sizes.size(); i++) {
            l.add(new Layer(in, sizes.get(i), i == sizes.size() - 1 ? output : hidden, random));
            in = sizes.get(i);
        }
        this.layers = List.copyOf(l);
    }

    public List<Value> apply(List<Value> x) {
        List<Value> h = x;
        for (Layer layer : layers) {
            h = layer.apply(h);
        }
        return h;
    }

    /** Convenience: plain numbers in, outputs as Values. */
    public List<Value> apply(double... x) {
        List<Value> in = new ArrayList<>(x.length);
        for (double v : x) {
            in.add(new Value(v));
        }
        return apply(in);
    }

    public List<Layer> layers() {
        return layers;
    }

    public List<Value> parameters() {
        List<Value> p = new ArrayList<>();
        for (Layer layer : layers) {
            p.addAll(layer.parameters());
        }
        return p;
    }

    /** Sets every parameter's gradient to zero. */
    public void zeroGrad() {
        for (Value p : parameters()) {
            p.setGrad(0);
        }
    }

    @Override
    public String toString() {
        return "MLP(" + layers + ")";
    }
}
