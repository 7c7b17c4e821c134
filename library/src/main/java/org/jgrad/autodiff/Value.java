package org.jgrad.autodiff;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One scalar node of a computational graph: the engine to <em>see</em> backpropagation.
 *
 * <p>Every operation returns a new {@code Value} that remembers its parents, the name of the
 * operation and how to pass a gradient back to the parents (the local derivative times the
 * upstream gradient). {@link #backward()} walks the graph from this node back to the leaves.
 *
 * <pre>{@code
 * var a = new Value(1, "a"); var b = new Value(2, "b"); var c = new Value(3, "c");
 * var g = b.mul(2);                 // computed once ...
 * var y = a.add(g).mul(g.add(c));   // ... used twice
 * y.backward();                     // a.grad() = 7, b.grad() = 24, c.grad() = 5
 * }</pre>
 */
public final class Value {

    private double data;
    private double grad;
    private final String op;
    /** The arguments of {@link #op}: none for a leaf, one for a function, two for arithmetic. */
    private final Value first;
    private final Value second;
    /**
     * The local derivatives ∂this/∂first and ∂this/∂second, computed in the forward pass:
     * backpropagation multiplies them by the upstream gradient (the lectures' "local gradient
     * times upstream gradient").
     */
    private final double localFirst;
    private final double localSecond;
    private String label;
    /** The number of the last graph walk that reached this node (see topologicalOrder). */
    private long visitedInWalk;
    private static long walks;

    /** A leaf: an input or a parameter. */
    public Value(double data) {
        this(data, "");
    }

    /** A labelled leaf; the label is shown when the graph is drawn. */
    public Value(double data, String label) {
        this(data, "", null, 0, null, 0);
        this.label = label == null ? "" : label;
    }

    private Value(double data, String op, Value first, double localFirst, Value second, double localSecond) {
        this.data = data;
        this.op = op;
        this.first = first;
        this.localFirst = localFirst;
        this.second = second;
        this.localSecond = localSecond;
        this.label = "";
    }

    /** Shorthand for {@code new Value(data)}. */
    public static Value of(double data) {
        return new Value(data);
    }

    /** Shorthand for {@code new Value(data, label)}. */
    public static Value of(double data, String label) {
        return new Value(data, label);
    }

    // ---------------------------------------------------------------- accessors

    public double data() {
        return data;
    }

    public double grad() {
        return grad;
    }

    /** Replaces the data of a leaf, for example in a hand-written update step. */
    public void setData(double data) {
        this.data = data;
    }

    /** Sets the gradient; {@link #backward()} normally does this. */
    public void setGrad(double grad) {
        this.grad = grad;
    }

    /** The operation that made this node, such as {@code "+"} or {@code "tanh"}; empty for a leaf. */
    public String op() {
        return op;
    }

    /** The nodes this one was computed from, in argument order (empty for a leaf). */
    public List<Value> parents() {
        return first == null ? List.of() : second == null ? List.of(first) : List.of(first, second);
    }

    /** ∂this/∂parent for each parent, in the order of {@link #parents()}. */
    public List<Double> localGradients() {
        return first == null ? List.of() : second == null ? List.of(localFirst) : List.of(localFirst, localSecond);
    }

    public String label() {
        return label;
    }

    /** Names this node (for drawing) and returns it, so labels fit in an expression. */
    public Value label(String label) {
        this.label = label == null ? "" : label;
        return this;
    }

    // ---------------------------------------------------------------- arithmetic

    public Value add(Value other) {
        return new Value(data + other.data, "+", this, 1, other, 1);
    }

    public Value add(double other) {
        return add(new Value(other));
    }

    public Value sub(Value other) {
        return new Value(data - other.data, "-", this, 1, other, -1);
    }

    public Value sub(double other) {
        return sub(new Value(other));
    }

    public Value mul(Value other) {
        return new Value(data * other.data, "*", this, other.data, other, data);
    }

    public Value mul(double other) {
        return mul(new Value(other));
    }

    public Value div(Value other) {
        double b = other.data;
        return new Value(data / b, "/", this, 1 / b, other, -data / (b * b));
    }

    public Value div(double other) {
        return div(new Value(other));
    }

    public Value neg() {
        return unary("neg", -data, -1);
    }

    /** This value to a constant power; {@code pow(-1)} is the lectures' 1/x node. */
    public Value pow(double exponent) {
        double local = exponent == 0 ? 0 : exponent * Math.pow(data, exponent - 1);   // x⁰ is constant, even at 0
        String name = exponent == -1 ? "1/x" : "^" + formatConstant(exponent);
        return unary(name, Math.pow(data, exponent), local);
    }

    // ---------------------------------------------------------------- functions

    public Value exp() {
        double e = Math.exp(data);
        return unary("exp", e, e);
    }

    public Value log() {
        return unary("log", Math.log(data), 1 / data);
    }

    public Value tanh() {
        double t = Math.tanh(data);
        return unary("tanh", t, 1 - t * t);
    }

    /** σ(x) = 1 / (1 + e^−x), with local derivative σ(1 − σ). */
    public Value sigmoid() {
        double s = Activations.sigmoid(data);
        return unary("sigmoid", s, s * (1 - s));
    }

    public Value relu() {
        return unary("relu", Math.max(0, data), data > 0 ? 1 : 0);
    }

    /** Leaky ReLU with PyTorch's default slope 0.01. */
    public Value leakyRelu() {
        return leakyRelu(Activations.LEAKY_RELU_SLOPE);
    }

    /** Leaky ReLU max(slope·x, x); the lectures use slope 0.1. */
    public Value leakyRelu(double slope) {
        return unary("leaky_relu", data > 0 ? data : slope * data, data > 0 ? 1 : slope);
    }

    /** ELU with α = 1. */
    public Value elu() {
        return elu(1.0);
    }

    public Value elu(double alpha) {
        return unary("elu", Activations.elu(data, alpha), Activations.eluDerivative(data, alpha));
    }

    /** GELU, exact form x·Φ(x) (PyTorch's default). */
    public Value gelu() {
        return unary("gelu", Activations.gelu(data), Activations.geluDerivative(data));
    }

    /** SELU with PyTorch's constants α ≈ 1.6733, scale ≈ 1.0507. */
    public Value selu() {
        return unary("selu", Activations.selu(data), Activations.seluDerivative(data));
    }

    /** GELU's tanh approximation, torch's {@code gelu(x, approximate='tanh')}. */
    public Value geluTanh() {
        return unary("gelu_tanh", Activations.geluTanh(data), Activations.geluTanhDerivative(data));
    }

    /** Softplus log(1 + eˣ), a smooth ReLU (torch's β = 1, threshold 20); its derivative is σ(x). */
    public Value softplus() {
        return unary("softplus", Activations.softplus(data, 1, Activations.SOFTPLUS_THRESHOLD),
                Activations.softplusDerivative(data, 1, Activations.SOFTPLUS_THRESHOLD));
    }

    private Value unary(String name, double result, double localDerivative) {
        return new Value(result, name, this, localDerivative, null, 0);
    }

    // ---------------------------------------------------------------- backpropagation

    /**
     * Computes d(this)/d(node) for every node this one depends on, accumulating into
     * {@link #grad()}. Gradients add up: call {@link #zeroGrad()} before a second pass.
     */
    public void backward() {
        List<Value> order = topologicalOrder();
        for (Value v : order) {   // intermediate nodes start every pass at zero; leaves accumulate
            if (!v.op.isEmpty()) {
                v.grad = 0;
            }
        }
        this.grad = 1.0;
        for (int i = order.size() - 1; i >= 0; i--) {
            Value v = order.get(i);
            if (v.first != null) {
                v.first.grad += v.localFirst * v.grad;
            }
            if (v.second != null) {
                v.second.grad += v.localSecond * v.grad;
            }
        }
    }

    /** Sets the gradient of every node of this graph to zero. */
    public void zeroGrad() {
        for (Value v : topologicalOrder()) {
            v.grad = 0;
        }
    }

    /**
     * Every node this one depends on, itself last, each after all of its parents. Iterative,
     * so a chain of any length fits; nodes are marked with the walk's number instead of being
     * kept in a hash set, which makes the walk several times faster on large graphs.
     */
    public List<Value> topologicalOrder() {
        long walk = ++walks;
        List<Value> order = new ArrayList<>();
        Value[] stack = new Value[64];
        int[] next = new int[64];
        int top = 0;
        stack[0] = this;
        this.visitedInWalk = walk;
        while (top >= 0) {
            Value node = stack[top];
            Value parent = next[top] == 0 ? node.first : next[top] == 1 ? node.second : null;
            if (parent != null) {
                next[top]++;
                if (parent.visitedInWalk != walk) {
                    parent.visitedInWalk = walk;
                    if (++top == stack.length) {
                        stack = Arrays.copyOf(stack, 2 * top);
                        next = Arrays.copyOf(next, 2 * top);
                    }
                    stack[top] = parent;
                    next[top] = 0;
                }
            } else {
                order.add(node);
                top--;
            }
        }
        return order;
    }

    /** A read-only picture of this node's graph, for renderers. */
    public Graph graph() {
        return Graph.of(this);
    }

    @Override
    public String toString() {
        String name = label.isEmpty() ? "" : label + "=";
        return "Value(" + name + "data=" + data + ", grad=" + grad + ")";
    }

    static String formatConstant(double c) {
        return c == Math.rint(c) && Math.abs(c) < 1e15 ? Long.toString((long) c) : Double.toString(c);
    }
}
