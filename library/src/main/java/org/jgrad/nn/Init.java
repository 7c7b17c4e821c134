package org.jgrad.nn;

import java.util.Random;
import org.jgrad.autodiff.Tensor;

/**
 * Weight initialisation as {@code torch.nn.init}: each method fills a tensor in place and
 * returns it. For a weight [out, in], fan_in = in and fan_out = out.
 *
 * <pre>{@code
 * Init.kaimingNormal(layer.weight(), Init.gain("relu"), rng);   // He for ReLU
 * }</pre>
 */
public final class Init {

    private Init() {
    }

    /** torch.nn.init.calculate_gain: linear/sigmoid 1, tanh 5/3, relu √2, leaky_relu √(2/(1+a²)) (a = 0.01), selu 3/4. */
    public static double gain(String nonlinearity) {
        return gain(nonlinearity, 0.01);
    }

    public static double gain(String nonlinearity, double negativeSlope) {
        return switch (nonlinearity.toLowerCase(java.util.Locale.ROOT)) {
            case "linear", "identity", "sigmoid", "conv1d", "conv2d" -> 1;
            case "tanh" -> 5.0 / 3;
            case "relu" -> Math.sqrt(2);
            case "leaky_relu", "leakyrelu" -> Math.sqrt(2 / (1 + negativeSlope * negativeSlope));
            case "selu" -> 0.75;
            default -> throw new IllegalArgumentException("gain: unknown nonlinearity '" + nonlinearity
                    + "' (linear, sigmoid, tanh, relu, leaky_relu, selu)");
        };
    }

    /** U(−a, a) with a = gain·√(6/(fan_in + fan_out)). */
    public static Tensor xavierUniform(Tensor w, double gain, Random random) {
        double bound = gain * Math.sqrt(6.0 / (fanIn(w) + fanOut(w)));
        return uniform(w, -bound, bound, random);
    }

    /** N(0, σ²) with σ = gain·√(2/(fan_in + fan_out)). */
    public static Tensor xavierNormal(Tensor w, double gain, Random random) {
        return normal(w, 0, gain * Math.sqrt(2.0 / (fanIn(w) + fanOut(w))), random);
    }

    /** He: N(0, σ²) with σ = gain/√fan_in (pass {@code gain("relu")} for ReLU). */
    public static Tensor kaimingNormal(Tensor w, double gain, Random random) {
        return normal(w, 0, gain / Math.sqrt(fanIn(w)), random);
    }

    /** He with fan_out instead of fan_in (torch's mode='fan_out'). */
    public static Tensor kaimingNormalFanOut(Tensor w, double gain, Random random) {
        return normal(w, 0, gain / Math.sqrt(fanOut(w)), random);
    }

    /** He: U(−b, b) with b = √3·gain/√fan_in. */
    public static Tensor kaimingUniform(Tensor w, double gain, Random random) {
        double bound = Math.sqrt(3) * gain / Math.sqrt(fanIn(w));
        return uniform(w, -bound, bound, random);
    }

    /** LeCun: N(0, 1/fan_in), Kaiming with the linear gain (for SELU networks). */
    public static Tensor lecunNormal(Tensor w, Random random) {
        return kaimingNormal(w, 1, random);
    }

    /** LeCun uniform: U(−√(3/fan_in), √(3/fan_in)). */
    public static Tensor lecunUniform(Tensor w, Random random) {
        return kaimingUniform(w, 1, random);
    }

    public static Tensor normal(Tensor w, double mean, double std, Random random) {
        if (std < 0) {
            throw new IllegalArgumentException("normal: std must be >= 0, got " + std);
        }
        double[] d = w.buffer();
        for (int i = 0; i < d.length; i++) {
            d[i] = mean + std * random.nextGaussian();
        }
        return w;
    }

    public static Tensor uniform(Tensor w, double low, double high, Random random) {
        if (high < low) {
            throw new IllegalArgumentException("uniform: need low <= high, got " + low + " > " + high);
        }
        double[] d = w.buffer();
        for (int i = 0; i < d.length; i++) {
            d[i] = low + (high - low) * random.nextDouble();
        }
        return w;
    }

    public static Tensor constant(Tensor w, double value) {
        java.util.Arrays.fill(w.buffer(), value);
        return w;
    }

    public static Tensor zeros(Tensor w) {
        return constant(w, 0);
    }

    /**
     * fan_in: for a weight of 2 or more dimensions the product of all but the first (in for
     * [out, in]); the size of a 1-D one. Counted without dividing, so a zero-size weight has a
     * fan and is simply left as it is (torch: "initializing zero-element tensors is a no-op").
     */
    public static int fanIn(Tensor w) {
        if (w.dim() < 2) {
            return w.size();
        }
        int fan = 1;
        for (int d = 1; d < w.dim(); d++) {
            fan *= w.shape(d);
        }
        return fan;
    }

    /** fan_out: the first dimension times the product of those after the second (out for [out, in]); the size of a 1-D one. */
    public static int fanOut(Tensor w) {
        if (w.dim() < 2) {
            return w.size();
        }
        int fan = w.shape(0);
        for (int d = 2; d < w.dim(); d++) {
            fan *= w.shape(d);
        }
        return fan;
    }
}
