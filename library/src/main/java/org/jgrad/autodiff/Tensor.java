package org.jgrad.autodiff;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;

/**
 * An n-dimensional array of doubles, row-major, that records the operations made from it:
 * the engine to <em>train</em> real networks. Method names follow PyTorch's.
 *
 * <pre>{@code
 * var x = Tensor.of(2, 3).requiresGrad(true);
 * var q = x.pow(3).mul(3);                  // Q = 3x³
 * q.backward(Tensor.of(1, 1));             // external gradient, as in torch
 * x.grad();                                 // [36.0, 81.0]
 * }</pre>
 *
 * <p>Element-wise operations broadcast as NumPy does; the gradient of a broadcast input is
 * summed back to that input's shape. A tensor never changes shape; {@link #buffer()} gives
 * its storage for in-place updates such as an optimizer step.
 */
public final class Tensor {

    private static final ThreadLocal<int[]> NO_GRAD_DEPTH = ThreadLocal.withInitial(() -> new int[1]);

    private final double[] data;
    private final int[] shape;
    private final String op;
    private final List<Tensor> parents;
    private boolean requiresGrad;
    private double[] grad;
    private Runnable backwardStep;
    private String label = "";
    /** Counts the times {@link #buffer()} handed out the storage for writing, as torch's version counter. */
    private int version;
    /** The parents' versions when this tensor was computed from them; checked by backward(). */
    private int[] savedVersions;

    private Tensor(double[] data, int[] shape, String op, List<Tensor> parents) {
        this.data = data;
        this.shape = shape;
        this.op = op;
        this.parents = parents;
    }

    // ================================================================ creation

    /** A tensor of the given shape holding a copy of {@code values} (row-major). */
    public static Tensor of(double[] values, int... shape) {
        int[] s = shape.clone();
        checkShape(s);
        if (Shapes.size(s) != values.length) {
            throw new IllegalArgumentException("Tensor.of: " + values.length + " values do not fill shape "
                    + Arrays.toString(s) + " (" + Shapes.size(s) + " elements)");
        }
        return new Tensor(values.clone(), s, "", List.of());
    }

    /** A 1-D tensor: {@code Tensor.of(1, 2, 3)} has shape [3]. */
    public static Tensor of(double... values) {
        return of(values, values.length);
    }

    /** A 2-D tensor from rows of equal length. */
    public static Tensor of(double[][] rows) {
        int cols = rows.length == 0 ? 0 : rows[0].length;
        double[] d = new double[rows.length * cols];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != cols) {
                throw new IllegalArgumentException("Tensor.of: row " + i + " has " + rows[i].length
                        + " values, row 0 has " + cols);
            }
            System.arraycopy(rows[i], 0, d, i * cols, cols);
        }
        return new Tensor(d, new int[] {rows.length, cols}, "", List.of());
    }

    /** A 0-dimensional tensor holding one number. */
    public static Tensor scalar(double value) {
        return new Tensor(new double[] {value}, new int[0], "", List.of());
    }

    public static Tensor zeros(int... shape) {
        return full(0, shape);
    }

    public static Tensor ones(int... shape) {
        return full(1, shape);
    }

    public static Tensor full(double value, int... shape) {
        int[] s = shape.clone();
        checkShape(s);
        double[] d = new double[Shapes.size(s)];
        Arrays.fill(d, value);
        return new Tensor(d, s, "", List.of());
    }

    /** Standard normal entries from {@code random}. */
    public static Tensor randn(Random random, int... shape) {
        Tensor t = zeros(shape);
        for (int i = 0; i < t.data.length; i++) {
            t.data[i] = random.nextGaussian();
        }
        return t;
    }

    /** Entries uniform in [low, high) from {@code random}. */
    public static Tensor uniform(Random random, double low, double high, int... shape) {
        if (!(low <= high)) {
            throw new IllegalArgumentException("uniform: need low <= high, got low " + low + " and high " + high);
        }
        Tensor t = zeros(shape);
        for (int i = 0; i < t.data.length; i++) {
            t.data[i] = low + (high - low) * random.nextDouble();
        }
        return t;
    }

    /** 0, 1, …, n − 1. */
    public static Tensor arange(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("arange: n must be >= 0 (0, 1, …, n − 1), got " + n);
        }
        double[] d = new double[n];
        Arrays.setAll(d, i -> i);
        return new Tensor(d, new int[] {n}, "", List.of());
    }

    /** n evenly spaced numbers from start to end, both included. */
    public static Tensor linspace(double start, double end, int n) {
        if (n < 0) {
            throw new IllegalArgumentException("linspace: the number of points must be >= 0, got " + n);
        }
        double[] d = new double[n];
        Arrays.setAll(d, i -> n == 1 ? start : start + (end - start) * i / (n - 1));
        return new Tensor(d, new int[] {n}, "", List.of());
    }

    private static void checkShape(int[] shape) {
        for (int s : shape) {
            if (s < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
        }
    }

    // ================================================================ gradient mode

    /**
     * Turns gradient tracking off on this thread until the returned scope is closed, for
     * evaluation: {@code try (var off = Tensor.noGrad()) { ... }}. Scopes nest.
     */
    public static NoGrad noGrad() {
        NO_GRAD_DEPTH.get()[0]++;
        return new NoGrad();
    }

    /** False inside a {@link #noGrad()} scope. */
    public static boolean isGradEnabled() {
        return NO_GRAD_DEPTH.get()[0] == 0;
    }

    /** The scope opened by {@link Tensor#noGrad()}. */
    public static final class NoGrad implements AutoCloseable {
        private boolean closed;

        private NoGrad() {
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                NO_GRAD_DEPTH.get()[0]--;
            }
        }
    }

    // ================================================================ accessors

    public int[] shape() {
        return shape.clone();
    }

    /** The size of dimension {@code dim} (negative counts from the end). */
    public int shape(int dim) {
        return shape[Shapes.axis("shape", dim, shape.length)];
    }

    public int dim() {
        return shape.length;
    }

    public int size() {
        return data.length;
    }

    /** The only element of a one-element tensor. */
    public double item() {
        if (data.length != 1) {
            throw new IllegalStateException("item() needs a tensor with one element, this one has shape "
                    + Arrays.toString(shape));
        }
        return data[0];
    }

    /** The element at the given indices, one per dimension. */
    public double get(int... index) {
        return data[Shapes.offset(shape, index)];
    }

    /** A copy of the elements, row-major. */
    public double[] toArray() {
        return data.clone();
    }

    /** A copy of a 2-D tensor as rows. */
    public double[][] toArray2D() {
        if (shape.length != 2) {
            throw new IllegalStateException("toArray2D() needs a 2-D tensor, this one has shape " + Arrays.toString(shape));
        }
        double[][] rows = new double[shape[0]][];
        for (int i = 0; i < shape[0]; i++) {
            rows[i] = Arrays.copyOfRange(data, i * shape[1], (i + 1) * shape[1]);
        }
        return rows;
    }

    /**
     * The live row-major storage, for changing this tensor in place (optimizers and
     * initializers use it). Each call counts as a change, as an in-place operation bumps
     * torch's version counter: {@link #backward()} refuses a graph that used this tensor
     * before the change, since its gradient would mix old and new values. To read without
     * changing, use {@link #get}, {@link #item()} or {@link #toArray()}.
     */
    public double[] buffer() {
        version++;
        return data;
    }

    /** How many times {@link #buffer()} has handed out this tensor's storage for writing. */
    public int version() {
        return version;
    }

    public boolean requiresGrad() {
        return requiresGrad;
    }

    /** Marks this tensor as one whose gradient {@link #backward()} should compute; returns it. */
    public Tensor requiresGrad(boolean requiresGrad) {
        this.requiresGrad = requiresGrad;
        return this;
    }

    /**
     * The gradient, of this tensor's shape, sharing its storage with the tensor (so an
     * optimizer may read it in place); null before any backward pass reached this tensor.
     */
    public Tensor grad() {
        return grad == null ? null : new Tensor(grad, shape, "", List.of());
    }

    /** Sets the gradient of this tensor to zero (keeps the storage). */
    public void zeroGrad() {
        if (grad != null) {
            Arrays.fill(grad, 0);
        }
    }

    /** The operation that made this tensor, empty for a leaf. */
    public String op() {
        return op;
    }

    /** The tensors this one was computed from; empty for a leaf or when nothing was tracked. */
    public List<Tensor> parents() {
        return parents;
    }

    public String label() {
        return label;
    }

    /** Names this tensor (for drawing its graph) and returns it. */
    public Tensor label(String label) {
        this.label = label == null ? "" : label;
        return this;
    }

    /** A new leaf with a copy of the data and no history. */
    public Tensor detach() {
        return new Tensor(data.clone(), shape, "", List.of());
    }

    // ================================================================ backpropagation

    /** Backpropagates from a one-element tensor (a loss). */
    public void backward() {
        if (data.length != 1) {
            throw new IllegalStateException("backward() without an upstream gradient needs a one-element output,"
                    + " this one has shape " + Arrays.toString(shape) + ": call backward(gradient) with a tensor of"
                    + " that shape, or reduce it first (sum(), mean())");
        }
        backward(Tensor.full(1, shape));
    }

    /**
     * Backpropagates with an explicit upstream gradient of this tensor's shape, adding
     * d(Σ upstream·this)/dx into the gradient of every tensor x that requires one.
     */
    public void backward(Tensor upstream) {
        if (!Arrays.equals(upstream.shape, shape)) {
            throw new IllegalArgumentException("backward: upstream gradient has shape " + Arrays.toString(upstream.shape)
                    + ", the output has shape " + Arrays.toString(shape));
        }
        if (!requiresGrad) {
            throw new IllegalStateException("backward: this tensor does not require a gradient; no input was created"
                    + " with requiresGrad(true), or it was computed inside Tensor.noGrad()");
        }
        List<Tensor> order = topologicalOrder();
        for (Tensor t : order) {
            t.requireUnchangedSinceForward();
        }
        // Intermediate results start every pass at zero, so a second backward() through the
        // same graph adds the same gradient to the leaves again instead of re-sending old sums.
        for (Tensor t : order) {
            if (!t.op.isEmpty() && t.grad != null) {
                Arrays.fill(t.grad, 0);
            }
        }
        addToGrad(upstream.data);
        for (int i = order.size() - 1; i >= 0; i--) {
            Runnable step = order.get(i).backwardStep;
            if (step != null) {
                step.run();
            }
        }
    }

    /**
     * Refuses to backpropagate through this tensor when it, or a tensor it was computed from,
     * was changed in place after the forward pass: its saved values are no longer the ones the
     * gradient formulas need.
     */
    private void requireUnchangedSinceForward() {
        if (savedVersions == null) {
            return;
        }
        if (version != 0) {
            throw changedInPlace(this, this, 0);
        }
        for (int i = 0; i < savedVersions.length; i++) {
            Tensor p = parents.get(i);
            if (p.version != savedVersions[i]) {
                throw changedInPlace(p, this, savedVersions[i]);
            }
        }
    }

    private static IllegalStateException changedInPlace(Tensor changed, Tensor user, int savedVersion) {
        String what = (changed.label.isEmpty() ? "a tensor" : "tensor '" + changed.label + "'") + " of shape "
                + Arrays.toString(changed.shape) + (changed.op.isEmpty() ? " (a leaf)" : " (the output of " + changed.op + ")");
        return new IllegalStateException("backward: " + what + " was modified in place after the graph used it"
                + (user == changed ? "" : " in " + user.op) + " (version " + changed.version + ", the graph saved version "
                + savedVersion + "), so its gradient would mix old and new values. It was written through buffer(): an"
                + " optimizer step, an initializer or your own code between the forward pass and backward(). Call"
                + " backward() before optimizer.step(), or run the forward pass again after the change; to read a"
                + " tensor without changing it use get(), item() or toArray().");
    }

    /** Every tensor this one was computed from, itself last, each after all of its parents. */
    public List<Tensor> topologicalOrder() {
        return GraphWalk.topologicalOrder(this, t -> t.parents);
    }

    /** A read-only picture of this tensor's graph, for renderers. */
    public Graph graph() {
        return Graph.of(this);
    }

    private void addToGrad(double[] g) {
        double[] own = gradBuffer();
        for (int i = 0; i < own.length; i++) {
            own[i] += g[i];
        }
    }

    /** The gradient storage, allocated at first use. */
    private double[] gradBuffer() {
        if (grad == null) {
            grad = new double[data.length];
        }
        return grad;
    }

    /**
     * A new tensor made by {@code op}; it tracks its parents only when gradients are on and
     * one of them requires a gradient, so evaluation builds no graph.
     */
    private static Tensor result(double[] data, int[] shape, String op, Tensor... parents) {
        boolean track = false;
        if (isGradEnabled()) {
            for (Tensor p : parents) {
                track |= p.requiresGrad;
            }
        }
        Tensor out = new Tensor(data, shape, op, track ? List.of(parents) : List.of());
        out.requiresGrad = track;
        if (track) {
            out.savedVersions = new int[parents.length];
            for (int i = 0; i < parents.length; i++) {
                out.savedVersions[i] = parents[i].version;
            }
        }
        return out;
    }

    // ================================================================ element-wise

    /** The derivative of a binary element-wise function with respect to one argument. */
    @FunctionalInterface
    private interface Partial {
        double at(double a, double b, double out);
    }

    public Tensor add(Tensor other) {
        return binary("+", other, Double::sum, (a, b, y) -> 1, (a, b, y) -> 1);
    }

    public Tensor add(double c) {
        return add(scalar(c));
    }

    public Tensor sub(Tensor other) {
        return binary("-", other, (a, b) -> a - b, (a, b, y) -> 1, (a, b, y) -> -1);
    }

    public Tensor sub(double c) {
        return sub(scalar(c));
    }

    public Tensor mul(Tensor other) {
        return binary("*", other, (a, b) -> a * b, (a, b, y) -> b, (a, b, y) -> a);
    }

    public Tensor mul(double c) {
        return mul(scalar(c));
    }

    public Tensor div(Tensor other) {
        return binary("/", other, (a, b) -> a / b, (a, b, y) -> 1 / b, (a, b, y) -> -a / (b * b));
    }

    public Tensor div(double c) {
        return div(scalar(c));
    }

    /**
     * The element-wise larger of the two, NaN where either is NaN. The gradient is torch's: to the
     * larger, split in halves where they tie, and to both where a NaN is involved.
     */
    public Tensor maximum(Tensor other) {
        return binary("max", other, Math::max, (a, b, y) -> maximumShare(a, b), (a, b, y) -> maximumShare(b, a));
    }

    /** The share of maximum(a, b)'s gradient that goes to a. */
    private static double maximumShare(double a, double b) {
        return a > b ? 1 : a == b ? 0.5 : a < b ? 0 : 1;
    }

    private Tensor binary(String name, Tensor other, java.util.function.DoubleBinaryOperator f,
                          Partial da, Partial db) {
        int[] outShape = Shapes.broadcast(name, shape, other.shape);
        int n = Shapes.size(outShape);
        double[] a = data;
        double[] b = other.data;
        double[] y = new double[n];
        boolean sameA = Arrays.equals(shape, outShape);
        boolean sameB = Arrays.equals(other.shape, outShape);
        int[] ia = sameA ? null : Shapes.broadcastIndex(shape, outShape);
        int[] ib = sameB ? null : Shapes.broadcastIndex(other.shape, outShape);
        for (int i = 0; i < n; i++) {
            y[i] = f.applyAsDouble(a[sameA ? i : ia[i]], b[sameB ? i : ib[i]]);
        }
        Tensor out = result(y, outShape, name, this, other);
        if (out.requiresGrad) {
            out.backwardStep = () -> {
                double[] g = out.grad;
                // The index maps sum the gradient of a broadcast input back to its shape.
                if (this.requiresGrad) {
                    double[] ga = this.gradBuffer();
                    for (int i = 0; i < n; i++) {
                        int ai = sameA ? i : ia[i];
                        int bi = sameB ? i : ib[i];
                        ga[ai] += g[i] * da.at(a[ai], b[bi], y[i]);
                    }
                }
                if (other.requiresGrad) {
                    double[] gb = other.gradBuffer();
                    for (int i = 0; i < n; i++) {
                        int ai = sameA ? i : ia[i];
                        int bi = sameB ? i : ib[i];
                        gb[bi] += g[i] * db.at(a[ai], b[bi], y[i]);
                    }
                }
            };
        }
        return out;
    }

    /** The derivative of a unary function, given its input x and output y. */
    @FunctionalInterface
    private interface Derivative {
        double at(double x, double y);
    }

    private Tensor unary(String name, DoubleUnaryOperator f, Derivative d) {
        double[] x = data;
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = f.applyAsDouble(x[i]);
        }
        Tensor out = result(y, shape, name, this);
        if (out.requiresGrad) {
            out.backwardStep = () -> {
                double[] g = out.grad;
                double[] gx = gradBuffer();
                for (int i = 0; i < x.length; i++) {
                    gx[i] += g[i] * d.at(x[i], y[i]);
                }
            };
        }
        return out;
    }

    public Tensor neg() {
        return unary("neg", x -> -x, (x, y) -> -1);
    }

    /** Each element to a constant power. */
    public Tensor pow(double exponent) {
        return unary("^" + Value.formatConstant(exponent), x -> Math.pow(x, exponent),
                (x, y) -> exponent == 0 ? 0 : exponent * Math.pow(x, exponent - 1));   // x⁰ is constant, even at 0
    }

    public Tensor exp() {
        return unary("exp", Math::exp, (x, y) -> y);
    }

    public Tensor log() {
        return unary("log", Math::log, (x, y) -> 1 / x);
    }

    public Tensor sqrt() {
        return unary("sqrt", Math::sqrt, (x, y) -> 0.5 / y);
    }

    /** |x|, with derivative sign(x) (0 at 0 and at NaN, as torch). */
    public Tensor abs() {
        return unary("abs", Math::abs, (x, y) -> x > 0 ? 1 : x < 0 ? -1 : 0);
    }

    public Tensor tanh() {
        return unary("tanh", Math::tanh, (x, y) -> 1 - y * y);
    }

    public Tensor sigmoid() {
        return unary("sigmoid", Activations::sigmoid, (x, y) -> y * (1 - y));
    }

    public Tensor relu() {
        // written as x ≤ 0 so that NaN stays NaN (and passes its gradient), as in torch: divergence shows
        return unary("relu", x -> x <= 0 ? 0 : x, (x, y) -> x <= 0 ? 0 : 1);
    }

    /** Leaky ReLU with PyTorch's default slope 0.01. */
    public Tensor leakyRelu() {
        return leakyRelu(Activations.LEAKY_RELU_SLOPE);
    }

    public Tensor leakyRelu(double slope) {
        return unary("leaky_relu", x -> x > 0 ? x : slope * x, (x, y) -> x > 0 ? 1 : slope);
    }

    /** ELU with α = 1. */
    public Tensor elu() {
        return elu(1.0);
    }

    public Tensor elu(double alpha) {
        return unary("elu", x -> Activations.elu(x, alpha), (x, y) -> Activations.eluDerivative(x, alpha));
    }

    /** SELU with PyTorch's constants α ≈ 1.6733, scale ≈ 1.0507. */
    public Tensor selu() {
        return unary("selu", Activations::selu, (x, y) -> Activations.seluDerivative(x));
    }

    /** Exact GELU x·Φ(x), PyTorch's default. */
    public Tensor gelu() {
        return unary("gelu", Activations::gelu, (x, y) -> Activations.geluDerivative(x));
    }

    /** GELU's tanh approximation, torch's {@code gelu(x, approximate='tanh')}. */
    public Tensor geluTanh() {
        return unary("gelu_tanh", Activations::geluTanh, (x, y) -> Activations.geluTanhDerivative(x));
    }

    /**
     * The threshold (Heaviside) step 𝕀[x > 0]; its derivative is 0 everywhere, so nothing learns
     * through it. NaN gives 0, as torch's {@code heaviside(x, 0)}.
     */
    public Tensor step() {
        return unary("step", x -> x > 0 ? 1 : 0, (x, y) -> 0);
    }

    /** Softplus log(1 + eˣ), a smooth ReLU, with torch's defaults β = 1 and threshold 20. */
    public Tensor softplus() {
        return softplus(1, Activations.SOFTPLUS_THRESHOLD);
    }

    /**
     * Softplus (1/β)·log(1 + e^(βx)), linear (x) where βx > threshold, as torch's
     * {@code Softplus(beta, threshold)}; its derivative is σ(βx).
     */
    public Tensor softplus(double beta, double threshold) {
        return unary("softplus", x -> Activations.softplus(x, beta, threshold),
                (x, y) -> Activations.softplusDerivative(x, beta, threshold));
    }

    /** Each element clamped to [min, max]; the gradient passes only where it was not clamped. */
    public Tensor clamp(double min, double max) {
        return unary("clamp", x -> Math.min(max, Math.max(min, x)), (x, y) -> x >= min && x <= max ? 1 : 0);
    }

    /**
     * Binary cross-entropy of these probabilities p against targets y of the same shape, element
     * by element (torch's {@code binary_cross_entropy} with {@code reduction='none'}):
     * −(y·log p + (1 − y)·log(1 − p)), each log clamped at −100. The gradient is torch's,
     * (p − y) / max(p(1 − p), 10⁻¹²): finite at p = 0 and p = 1, and 0 where the prediction is exact.
     */
    public Tensor binaryCrossEntropy(Tensor target) {
        requireSameShape("binaryCrossEntropy", target);
        for (double p : data) {
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("binaryCrossEntropy: probabilities must be in [0, 1], got " + p
                        + " (use binaryCrossEntropyWithLogits for raw scores)");
            }
        }
        return binary("bce", target,
                (p, y) -> -(y * clampedLog(p) + (1 - y) * clampedLog(1 - p)),
                (p, y, out) -> (p - y) / Math.max(p * (1 - p), BCE_EPS),
                (p, y, out) -> Math.log(1 - p) - Math.log(p));   // torch does not clamp these logs
    }

    /**
     * Binary cross-entropy of raw scores x (logits) against targets y, element by element
     * (torch's {@code binary_cross_entropy_with_logits}, {@code reduction='none'}), computed
     * stably as max(x, 0) − x·y + log(1 + e^(−|x|)); its gradient is σ(x) − y.
     */
    public Tensor binaryCrossEntropyWithLogits(Tensor target) {
        requireSameShape("binaryCrossEntropyWithLogits", target);
        return binary("bce_logits", target,
                (x, y) -> Math.max(x, 0) - x * y + Math.log1p(Math.exp(-Math.abs(x))),
                (x, y, out) -> Activations.sigmoid(x) - y,
                (x, y, out) -> -x);
    }

    /** torch's floor under p(1 − p) in the gradient of binary cross-entropy: 1e-12 as a float, as torch stores it. */
    private static final double BCE_EPS = 1e-12f;

    /** log, clamped at −100 as torch's binary cross-entropy does, so log 0 stays finite. */
    private static double clampedLog(double p) {
        return Math.max(Math.log(p), -100);
    }

    private void requireSameShape(String op, Tensor other) {
        if (!Arrays.equals(shape, other.shape)) {
            throw new IllegalArgumentException(op + ": input has shape " + Arrays.toString(shape)
                    + " but target has shape " + Arrays.toString(other.shape));
        }
    }

    // ================================================================ shape

    /** The same elements in a new shape; one dimension may be −1 (inferred). */
    public Tensor reshape(int... newShape) {
        int[] s = Shapes.inferReshape(shape, newShape);
        Tensor out = result(data.clone(), s, "reshape", this);
        if (out.requiresGrad) {
            out.backwardStep = () -> addToGrad(out.grad);
        }
        return out;
    }

    /** The transpose of a 2-D tensor. */
    public Tensor transpose() {
        if (shape.length != 2) {
            throw new IllegalArgumentException("transpose() needs a 2-D tensor, got shape " + Arrays.toString(shape)
                    + "; use transpose(dim0, dim1)");
        }
        return transpose(0, 1);
    }

    /** Swaps two dimensions. */
    public Tensor transpose(int dim0, int dim1) {
        int d0 = Shapes.axis("transpose", dim0, shape.length);
        int d1 = Shapes.axis("transpose", dim1, shape.length);
        int[] outShape = shape.clone();
        outShape[d0] = shape[d1];
        outShape[d1] = shape[d0];
        if (shape.length == 2 && d0 != d1) {   // a matrix: no index map needed
            Tensor out = result(MatMul.transpose(data, shape[0], shape[1]), outShape, "transpose", this);
            if (out.requiresGrad) {
                out.backwardStep = () -> addToGrad(MatMul.transpose(out.grad, outShape[0], outShape[1]));
            }
            return out;
        }
        int[] source = Shapes.transposeIndex(shape, d0, d1);
        double[] y = new double[data.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = data[source[i]];
        }
        Tensor out = result(y, outShape, "transpose", this);
        if (out.requiresGrad) {
            out.backwardStep = () -> {
                double[] gx = gradBuffer();
                for (int i = 0; i < y.length; i++) {
                    gx[source[i]] += out.grad[i];
                }
            };
        }
        return out;
    }

    /** Joins tensors along {@code axis}; all other dimensions must agree. */
    public static Tensor concat(int axis, Tensor... tensors) {
        if (tensors.length == 0) {
            throw new IllegalArgumentException("concat: no tensors given");
        }
        int[] first = tensors[0].shape;
        int ax = Shapes.axis("concat", axis, first.length);
        int total = 0;
        for (Tensor t : tensors) {
            boolean fits = t.shape.length == first.length;
            for (int d = 0; fits && d < first.length; d++) {
                fits = d == ax || t.shape[d] == first[d];
            }
            if (!fits) {
                throw new IllegalArgumentException("concat along axis " + ax + ": shapes " + Arrays.toString(first)
                        + " and " + Arrays.toString(t.shape) + " differ in another dimension");
            }
            total += t.shape[ax];
        }
        final int joined = total;
        int[] outShape = first.clone();
        outShape[ax] = joined;
        int outer = Shapes.size(Arrays.copyOfRange(first, 0, ax));
        int inner = Shapes.size(Arrays.copyOfRange(first, ax + 1, first.length));
        double[] y = new double[Shapes.size(outShape)];
        int offset = 0;
        int[] offsets = new int[tensors.length];
        for (int k = 0; k < tensors.length; k++) {
            offsets[k] = offset;
            int chunk = tensors[k].shape[ax] * inner;
            for (int o = 0; o < outer; o++) {
                System.arraycopy(tensors[k].data, o * chunk, y, o * total * inner + offset * inner, chunk);
            }
            offset += tensors[k].shape[ax];
        }
        Tensor out = result(y, outShape, "concat", tensors);
        if (out.requiresGrad) {
            out.backwardStep = () -> {
                for (int k = 0; k < tensors.length; k++) {
                    if (!tensors[k].requiresGrad) {
                        continue;
                    }
                    double[] gk = tensors[k].gradBuffer();
                    int chunk = tensors[k].shape[ax] * inner;
                    for (int o = 0; o < outer; o++) {
                        int src = o * joined * inner + offsets[k] * inner;
                        for (int j = 0; j < chunk; j++) {
                            gk[o * chunk + j] += out.grad[src + j];
                        }
                    }
                }
            };
        }
        return out;
    }

    // ================================================================ matrix product

    /** Which engine computes matrix products: "native BLAS" (the machine's, e.g. OpenBLAS) or "Java". */
    public static String matmulEngine() {
        return MatMul.implementation();
    }

    /** The matrix product of two 2-D tensors, [n, k] × [k, m] → [n, m]. */
    public Tensor matmul(Tensor other) {
        if (shape.length != 2 || other.shape.length != 2 || shape[1] != other.shape[0]) {
            throw new IllegalArgumentException("matmul: shapes " + Arrays.toString(shape) + " and "
                    + Arrays.toString(other.shape) + " do not fit ([n, k] × [k, m] needed)");
        }
        int n = shape[0];
        int k = shape[1];
        int m = other.shape[1];
        double[] y = MatMul.multiply(data, other.data, n, k, m);
        Tensor out = result(y, new int[] {n, m}, "matmul", this, other);
        if (out.requiresGrad) {
            out.backwardStep = () -> {
                if (this.requiresGrad) {   // dA += dY · Bᵀ
                    MatMul.multiplyAdd(false, true, out.grad, other.data, gradBuffer(), n, m, k);
                }
                if (other.requiresGrad) {  // dB += Aᵀ · dY
                    MatMul.multiplyAdd(true, false, data, out.grad, other.gradBuffer(), k, n, m);
                }
            };
        }
        return out;
    }

    /**
     * x·Wᵀ for x [n, in] and a weight [out, in] stored as PyTorch stores it: the product of a
     * linear layer ({@code torch.nn.functional.linear} without the bias), computed without
     * copying the transpose.
     */
    public Tensor linear(Tensor weight) {
        return linear(weight, null);
    }

    /**
     * x·Wᵀ + b for x [n, in], a weight [out, in] and a bias [out] (or null for none): a whole
     * linear layer, {@code torch.nn.functional.linear}, as one node. The same numbers as
     * {@code x.linear(weight).add(bias)}, without the broadcast's index map and its extra node,
     * which cost more than the product itself for small layers.
     */
    public Tensor linear(Tensor weight, Tensor bias) {
        if (shape.length != 2 || weight.shape.length != 2 || shape[1] != weight.shape[1]) {
            throw new IllegalArgumentException("linear: input " + Arrays.toString(shape) + " and weight "
                    + Arrays.toString(weight.shape) + " do not fit ([n, in] and [out, in] needed)");
        }
        int n = shape[0];
        int in = shape[1];
        int out = weight.shape[0];
        if (bias != null && (bias.shape.length != 1 || bias.shape[0] != out)) {
            throw new IllegalArgumentException("linear: bias " + Arrays.toString(bias.shape) + " does not fit a weight "
                    + Arrays.toString(weight.shape) + " ([" + out + "] needed)");
        }
        double[] y = new double[n * out];
        MatMul.multiplyAdd(false, true, data, weight.data, y, n, in, out);
        if (bias != null) {   // added after the product, as add(bias) did: the same rounding
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < out; j++) {
                    y[i * out + j] += bias.data[j];
                }
            }
        }
        Tensor result = bias == null ? result(y, new int[] {n, out}, "linear", this, weight)
                : result(y, new int[] {n, out}, "linear", this, weight, bias);
        if (result.requiresGrad) {
            result.backwardStep = () -> {
                if (this.requiresGrad) {     // dx += dY · W
                    MatMul.multiplyAdd(false, false, result.grad, weight.data, gradBuffer(), n, out, in);
                }
                if (weight.requiresGrad) {   // dW += dYᵀ · x
                    MatMul.multiplyAdd(true, false, result.grad, data, weight.gradBuffer(), out, n, in);
                }
                if (bias != null && bias.requiresGrad) {   // db += the column sums of dY
                    double[] gb = bias.gradBuffer();
                    for (int i = 0; i < n; i++) {
                        for (int j = 0; j < out; j++) {
                            gb[j] += result.grad[i * out + j];
                        }
                    }
                }
            };
        }
        return result;
    }

    // ================================================================ reductions

    /** The sum of all elements, a 0-dimensional tensor. */
    public Tensor sum() {
        double total = 0;
        for (double v : data) {
            total += v;
        }
        Tensor out = result(new double[] {total}, new int[0], "sum", this);
        if (out.requiresGrad) {
            out.backwardStep = () -> {
                double[] gx = gradBuffer();
                double g = out.grad[0];
                for (int i = 0; i < gx.length; i++) {
                    gx[i] += g;
                }
            };
        }
        return out;
    }

    /** Sums over one axis; {@code keepDim} keeps it with size 1. */
    public Tensor sum(int axis, boolean keepDim) {
        Reduction r = new Reduction("sum", shape, axis, keepDim);
        double[] y = new double[r.outer * r.inner];
        for (int o = 0; o < r.outer; o++) {
            for (int k = 0; k < r.n; k++) {
                int base = (o * r.n + k) * r.inner;
                for (int i = 0; i < r.inner; i++) {
                    y[o * r.inner + i] += data[base + i];
                }
            }
        }
        Tensor out = result(y, r.outShape, "sum", this);
        if (out.requiresGrad) {
            out.backwardStep = () -> {
                double[] gx = gradBuffer();
                for (int o = 0; o < r.outer; o++) {
                    for (int k = 0; k < r.n; k++) {
                        int base = (o * r.n + k) * r.inner;
                        for (int i = 0; i < r.inner; i++) {
                            gx[base + i] += out.grad[o * r.inner + i];
                        }
                    }
                }
            };
        }
        return out;
    }

    /** The mean of all elements. */
    public Tensor mean() {
        if (data.length == 0) {
            throw new IllegalStateException("mean() of an empty tensor of shape " + Arrays.toString(shape));
        }
        return sum().div(data.length);
    }

    public Tensor mean(int axis, boolean keepDim) {
        int n = shape[Shapes.axis("mean", axis, shape.length)];
        return sum(axis, keepDim).div(n);
    }

    /** Whether a is a new maximum over b: larger, or the first NaN (a NaN wins, as in torch, so it is never hidden). */
    private static boolean beats(double a, double b) {
        return a > b || (a != a && b == b);
    }

    /** The largest element, NaN if any element is NaN; its gradient is shared evenly by the elements that tie for it. */
    public Tensor max() {
        if (data.length == 0) {
            throw new IllegalStateException("max() of an empty tensor of shape " + Arrays.toString(shape));
        }
        int best = 0;
        for (int i = 1; i < data.length; i++) {
            if (beats(data[i], data[best])) {
                best = i;
            }
        }
        double top = data[best];
        Tensor out = result(new double[] {top}, new int[0], "max", this);
        if (out.requiresGrad) {
            out.backwardStep = () -> {
                // As torch: the gradient is shared evenly by every element equal to the maximum (every NaN if it is NaN).
                int ties = 0;
                for (double v : data) {
                    ties += sameNumber(v, top) ? 1 : 0;
                }
                double share = out.grad[0] / ties;
                double[] gx = gradBuffer();
                for (int i = 0; i < data.length; i++) {
                    if (sameNumber(data[i], top)) {
                        gx[i] += share;
                    }
                }
            };
        }
        return out;
    }

    private static boolean sameNumber(double a, double b) {
        return a == b || (a != a && b != b);
    }

    /** The largest element along an axis (gradient to the first maximum); NaN where a lane has one. */
    public Tensor max(int axis, boolean keepDim) {
        Reduction r = new Reduction("max", shape, axis, keepDim);
        if (r.n == 0) {
            throw new IllegalArgumentException("max over axis " + axis + " of size 0 (shape " + Arrays.toString(shape) + ")");
        }
        double[] y = new double[r.outer * r.inner];
        int[] where = new int[y.length];
        for (int o = 0; o < r.outer; o++) {
            for (int i = 0; i < r.inner; i++) {
                int best = o * r.n * r.inner + i;
                for (int k = 1; k < r.n; k++) {
                    int at = (o * r.n + k) * r.inner + i;
                    if (beats(data[at], data[best])) {
                        best = at;
                    }
                }
                y[o * r.inner + i] = data[best];
                where[o * r.inner + i] = best;
            }
        }
        Tensor out = result(y, r.outShape, "max", this);
        if (out.requiresGrad) {
            out.backwardStep = () -> {
                double[] gx = gradBuffer();
                for (int j = 0; j < y.length; j++) {
                    gx[where[j]] += out.grad[j];
                }
            };
        }
        return out;
    }

    /** The index of the largest element along an axis, of the first NaN if there is one (no gradient). For [n, C] scores and axis 1: the predicted classes. */
    public int[] argmax(int axis) {
        Reduction r = new Reduction("argmax", shape, axis, false);
        if (r.n == 0) {
            throw new IllegalArgumentException("argmax over axis " + axis + " of size 0 (shape " + Arrays.toString(shape) + ")");
        }
        int[] result = new int[r.outer * r.inner];
        for (int o = 0; o < r.outer; o++) {
            for (int i = 0; i < r.inner; i++) {
                int best = 0;
                for (int k = 1; k < r.n; k++) {
                    if (beats(data[(o * r.n + k) * r.inner + i], data[(o * r.n + best) * r.inner + i])) {
                        best = k;
                    }
                }
                result[o * r.inner + i] = best;
            }
        }
        return result;
    }

    /** Softmax along an axis, computed as e^(x − max) / Σ e^(x − max) so large inputs do not overflow. */
    public Tensor softmax(int axis) {
        Reduction r = new Reduction("softmax", shape, axis, true);
        double[] y = new double[data.length];
        forEachLane(r, (base) -> {
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < r.n; k++) {
                max = Math.max(max, data[base + k * r.inner]);
            }
            double sum = 0;
            for (int k = 0; k < r.n; k++) {
                int at = base + k * r.inner;
                y[at] = Math.exp(data[at] - max);
                sum += y[at];
            }
            for (int k = 0; k < r.n; k++) {
                y[base + k * r.inner] /= sum;
            }
        });
        Tensor out = result(y, shape, "softmax", this);
        if (out.requiresGrad) {
            out.backwardStep = () -> {
                double[] gx = gradBuffer();
                double[] g = out.grad;
                forEachLane(r, (base) -> {   // dx = y ∘ (g − Σ g∘y)
                    double dot = 0;
                    for (int k = 0; k < r.n; k++) {
                        int at = base + k * r.inner;
                        dot += g[at] * y[at];
                    }
                    for (int k = 0; k < r.n; k++) {
                        int at = base + k * r.inner;
                        gx[at] += y[at] * (g[at] - dot);
                    }
                });
            };
        }
        return out;
    }

    /** log(softmax) along an axis, as x − max − log Σ e^(x − max): finite for any finite input. */
    public Tensor logSoftmax(int axis) {
        Reduction r = new Reduction("logSoftmax", shape, axis, true);
        double[] y = new double[data.length];
        forEachLane(r, (base) -> {
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < r.n; k++) {
                max = Math.max(max, data[base + k * r.inner]);
            }
            double sum = 0;
            for (int k = 0; k < r.n; k++) {
                sum += Math.exp(data[base + k * r.inner] - max);
            }
            double logSum = max + Math.log(sum);
            for (int k = 0; k < r.n; k++) {
                int at = base + k * r.inner;
                y[at] = data[at] - logSum;
            }
        });
        Tensor out = result(y, shape, "log_softmax", this);
        if (out.requiresGrad) {
            out.backwardStep = () -> {
                double[] gx = gradBuffer();
                double[] g = out.grad;
                forEachLane(r, (base) -> {   // dx = g − softmax · Σ g
                    double total = 0;
                    for (int k = 0; k < r.n; k++) {
                        total += g[base + k * r.inner];
                    }
                    for (int k = 0; k < r.n; k++) {
                        int at = base + k * r.inner;
                        gx[at] += g[at] - Math.exp(y[at]) * total;
                    }
                });
            };
        }
        return out;
    }

    /**
     * Picks one element per row of a 2-D tensor: {@code out[i] = this[i, index[i]]}, shape [n].
     * With log-probabilities and class labels this is the core of cross-entropy.
     */
    public Tensor gather(int[] index) {
        if (shape.length != 2) {
            throw new IllegalArgumentException("gather needs a 2-D tensor [n, classes], got shape " + Arrays.toString(shape));
        }
        int n = shape[0];
        int c = shape[1];
        if (index.length != n) {
            throw new IllegalArgumentException("gather: " + index.length + " indices for " + n + " rows (shape "
                    + Arrays.toString(shape) + ")");
        }
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            if (index[i] < 0 || index[i] >= c) {
                throw new IndexOutOfBoundsException("gather: index " + index[i] + " at row " + i
                        + " is out of range for dimension 1 of size " + c);
            }
            y[i] = data[i * c + index[i]];
        }
        Tensor out = result(y, new int[] {n}, "gather", this);
        if (out.requiresGrad) {
            out.backwardStep = () -> {
                double[] gx = gradBuffer();
                for (int i = 0; i < n; i++) {
                    gx[i * c + index[i]] += out.grad[i];
                }
            };
        }
        return out;
    }

    /** Rows {@code rows} of a tensor (along dimension 0), for mini-batches; no gradient to the source is lost. */
    public Tensor rows(int[] rows) {
        if (shape.length == 0) {
            throw new IllegalArgumentException("rows: a 0-dimensional tensor has no rows");
        }
        int width = shape.length == 0 ? 1 : data.length / Math.max(1, shape[0]);
        int[] outShape = shape.clone();
        outShape[0] = rows.length;
        double[] y = new double[rows.length * width];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i] < 0 || rows[i] >= shape[0]) {
                throw new IndexOutOfBoundsException("rows: index " + rows[i] + " is out of range for dimension 0 of size "
                        + shape[0]);
            }
            System.arraycopy(data, rows[i] * width, y, i * width, width);
        }
        Tensor out = result(y, outShape, "rows", this);
        if (out.requiresGrad) {
            out.backwardStep = () -> {
                double[] gx = gradBuffer();
                for (int i = 0; i < rows.length; i++) {
                    for (int j = 0; j < width; j++) {
                        gx[rows[i] * width + j] += out.grad[i * width + j];
                    }
                }
            };
        }
        return out;
    }

    private static void forEachLane(Reduction r, java.util.function.IntConsumer lane) {
        for (int o = 0; o < r.outer; o++) {
            for (int i = 0; i < r.inner; i++) {
                lane.accept(o * r.n * r.inner + i);
            }
        }
    }

    /** A shape seen as [outer, n, inner] around the reduced axis. */
    private static final class Reduction {
        final int outer;
        final int n;
        final int inner;
        final int[] outShape;

        Reduction(String op, int[] shape, int axis, boolean keepDim) {
            int ax = Shapes.axis(op, axis, shape.length);
            outer = Shapes.size(Arrays.copyOfRange(shape, 0, ax));
            n = shape[ax];
            inner = Shapes.size(Arrays.copyOfRange(shape, ax + 1, shape.length));
            outShape = Shapes.reduce(shape, ax, keepDim);
        }
    }

    // ================================================================ printing

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("tensor(");
        Printer.append(sb, data, shape);
        if (requiresGrad) {
            sb.append(", requiresGrad=true");
        }
        return sb.append(')').toString();
    }
}
