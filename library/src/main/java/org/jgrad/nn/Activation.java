package org.jgrad.nn;

import java.util.function.UnaryOperator;
import org.jgrad.autodiff.Tensor;

/**
 * The activation functions as modules, for {@link Sequential}. Each is the Tensor method of
 * the same name ({@code x.relu()}, …), which is the functional form.
 */
public final class Activation extends Module {

    private final String name;
    private final UnaryOperator<Tensor> f;

    private Activation(String name, UnaryOperator<Tensor> f) {
        this.name = name;
        this.f = f;
    }

    @Override
    public Tensor forward(Tensor x) {
        return f.apply(x);
    }

    /** f(x) = x: with it a neuron is linear regression. */
    public static Activation identity() {
        return new Activation("Identity", x -> x);
    }

    /** The threshold 𝕀[x > 0]: with it a neuron is a linear classifier; derivative 0. */
    public static Activation step() {
        return new Activation("Step", Tensor::step);
    }

    public static Activation sigmoid() {
        return new Activation("Sigmoid", Tensor::sigmoid);
    }

    /** The lectures' steep sigmoid σ_C(x) = 1 / (1 + e^(−Cx)); it tends to the step as C grows. */
    public static Activation sigmoid(double steepness) {
        return new Activation("Sigmoid(C=" + steepness + ")", x -> x.mul(steepness).sigmoid());
    }

    public static Activation tanh() {
        return new Activation("Tanh", Tensor::tanh);
    }

    public static Activation relu() {
        return new Activation("ReLU", Tensor::relu);
    }

    /** Leaky ReLU with PyTorch's default slope 0.01. */
    public static Activation leakyRelu() {
        return leakyRelu(0.01);
    }

    /** Leaky ReLU max(slope·x, x); the lectures use 0.1. */
    public static Activation leakyRelu(double slope) {
        return new Activation("LeakyReLU(" + slope + ")", x -> x.leakyRelu(slope));
    }

    public static Activation elu() {
        return elu(1.0);
    }

    public static Activation elu(double alpha) {
        return new Activation("ELU(" + alpha + ")", x -> x.elu(alpha));
    }

    public static Activation selu() {
        return new Activation("SELU", Tensor::selu);
    }

    /** Exact GELU x·Φ(x), PyTorch's default. */
    public static Activation gelu() {
        return new Activation("GELU", Tensor::gelu);
    }

    /** GELU's tanh approximation (PyTorch's approximate='tanh'). */
    public static Activation geluTanh() {
        return new Activation("GELU(tanh)", Tensor::geluTanh);
    }

    /** Softplus log(1 + eˣ), torch's defaults β = 1, threshold 20. */
    public static Activation softplus() {
        return new Activation("Softplus", Tensor::softplus);
    }

    /** Softplus (1/β)·log(1 + e^(βx)), linear above βx = threshold. */
    public static Activation softplus(double beta, double threshold) {
        return new Activation("Softplus(beta=" + beta + ", threshold=" + threshold + ")", x -> x.softplus(beta, threshold));
    }

    public static Activation softmax(int dim) {
        return new Activation("Softmax(dim=" + dim + ")", x -> x.softmax(dim));
    }

    public static Activation logSoftmax(int dim) {
        return new Activation("LogSoftmax(dim=" + dim + ")", x -> x.logSoftmax(dim));
    }

    @Override
    public String toString() {
        return name + "()";
    }
}
