package org.jgrad.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jgrad.autodiff.Tensor;

/**
 * A piece of a network, as PyTorch's {@code nn.Module}: it owns named parameters (tensors
 * that require gradients) and child modules, computes {@link #forward(Tensor)}, and is in
 * training or evaluation mode (which changes what {@link Dropout} and {@link BatchNorm1d} do).
 */
public abstract class Module {

    private final Map<String, Tensor> parameters = new LinkedHashMap<>();
    private final Map<String, Module> children = new LinkedHashMap<>();
    private boolean training = true;

    /** Computes this module's output. */
    public abstract Tensor forward(Tensor input);

    /** Registers a parameter under {@code name}, marks it as requiring a gradient, and returns it. */
    protected Tensor parameter(String name, Tensor value) {
        value.requiresGrad(true).label(name);
        parameters.put(name, value);
        return value;
    }

    /** Registers a child module under {@code name} and returns it. */
    protected <M extends Module> M child(String name, M module) {
        children.put(name, module);
        module.train(training);
        return module;
    }

    /** Every parameter of this module and its children, named by path ("0.weight", "fc.bias"). */
    public Map<String, Tensor> namedParameters() {
        Map<String, Tensor> all = new LinkedHashMap<>(parameters);
        children.forEach((prefix, child) ->
                child.namedParameters().forEach((name, p) -> all.put(prefix + "." + name, p)));
        return Collections.unmodifiableMap(all);
    }

    /** Every parameter, in registration order: what an optimizer is given. */
    public List<Tensor> parameters() {
        return new ArrayList<>(namedParameters().values());
    }

    /** The number of trainable numbers. */
    public int parameterCount() {
        return parameters().stream().mapToInt(Tensor::size).sum();
    }

    /** The direct children, by name. */
    public Map<String, Module> children() {
        return Collections.unmodifiableMap(children);
    }

    /** Training mode (the default), for this module and its children; returns this. */
    public Module train() {
        return train(true);
    }

    /** Evaluation mode: dropout off, batch norm uses its running statistics; returns this. */
    public Module eval() {
        return train(false);
    }

    public Module train(boolean on) {
        training = on;
        children.values().forEach(c -> c.train(on));
        return this;
    }

    public boolean isTraining() {
        return training;
    }

    /** Sets every parameter's gradient to zero. */
    public void zeroGrad() {
        parameters().forEach(Tensor::zeroGrad);
    }

    /** The output for {@code input} without building a graph, in the current mode (for evaluation). */
    public Tensor predict(Tensor input) {
        try (var off = Tensor.noGrad()) {
            return forward(input);
        }
    }

    @Override
    public String toString() {
        if (children.isEmpty()) {
            return getClass().getSimpleName() + "()";
        }
        StringBuilder sb = new StringBuilder(getClass().getSimpleName()).append("(\n");
        children.forEach((name, c) -> sb.append("  (").append(name).append("): ")
                .append(c.toString().replace("\n", "\n  ")).append('\n'));
        return sb.append(')').toString();
    }
}
