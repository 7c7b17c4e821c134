package org.jgrad.autodiff;

/** The scalar formulas behind both engines' activations, with PyTorch's constants. */
final class Activations {

    static final double LEAKY_RELU_SLOPE = 0.01;
    static final double SELU_ALPHA = 1.6732632423543772848170429916717;
    static final double SELU_SCALE = 1.0507009873554804934193349852946;
    /** The cubic coefficient of GELU's tanh approximation. */
    static final double GELU_TANH_COEFF = 0.044715;
    private static final double SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);
    private static final double INV_SQRT_2 = 1 / Math.sqrt(2);
    private static final double INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);
    /** Where erfc's continued fraction converges within a few hundred terms. */
    private static final double ERFC_CONTINUED_FRACTION_FROM = 2;
    private static final double TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

    private Activations() {
    }

    /** σ(x) without overflow: e^x is only taken of a non-positive number. */
    static double sigmoid(double x) {
        if (x >= 0) {
            return 1 / (1 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1 + e);
    }

    static double elu(double x, double alpha) {
        return x > 0 ? x : alpha * Math.expm1(x);
    }

    /** Written as x ≤ 0 so that at NaN the gradient passes unchanged (1), as torch's. */
    static double eluDerivative(double x, double alpha) {
        return x <= 0 ? alpha * Math.exp(x) : 1;
    }

    /** torch's Softplus default: above β·x = 20 softplus is x to within double precision. */
    static final double SOFTPLUS_THRESHOLD = 20;

    /** (1/β)·log(1 + e^(βx)), or x where βx > threshold (torch's formula). */
    static double softplus(double x, double beta, double threshold) {
        return x * beta > threshold ? x : Math.log1p(Math.exp(x * beta)) / beta;
    }

    /** σ(βx), or 1 where βx > threshold. */
    static double softplusDerivative(double x, double beta, double threshold) {
        if (x * beta > threshold) {
            return 1;
        }
        double z = Math.exp(x * beta);
        return z / (z + 1);
    }

    static double selu(double x) {
        return SELU_SCALE * elu(x, SELU_ALPHA);
    }

    static double seluDerivative(double x) {
        return SELU_SCALE * eluDerivative(x, SELU_ALPHA);
    }

    /** Standard normal distribution function Φ(x), accurate in both tails. */
    static double normalCdf(double x) {
        if (Double.isInfinite(x)) {
            return x > 0 ? 1 : 0;
        }
        return x >= 0 ? 1 - 0.5 * erfc(x * INV_SQRT_2) : 0.5 * erfc(-x * INV_SQRT_2);
    }

    static double normalPdf(double x) {
        return INV_SQRT_2PI * Math.exp(-0.5 * x * x);
    }

    /** Exact GELU: x·Φ(x). */
    static double gelu(double x) {
        return x * normalCdf(x);
    }

    static double geluDerivative(double x) {
        return normalCdf(x) + x * normalPdf(x);
    }

    /** GELU's tanh form: ½x(1 + tanh(√(2/π)(x + 0.044715x³))). */
    static double geluTanh(double x) {
        return 0.5 * x * (1 + Math.tanh(SQRT_2_OVER_PI * (x + GELU_TANH_COEFF * x * x * x)));
    }

    static double geluTanhDerivative(double x) {
        double inner = SQRT_2_OVER_PI * (x + GELU_TANH_COEFF * x * x * x);
        double t = Math.tanh(inner);
        double dInner = SQRT_2_OVER_PI * (1 + 3 * GELU_TANH_COEFF * x * x);
        return 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * dInner;
    }

    /**
     * The error function. The JDK has none: below 2 a series of positive terms (no
     * cancellation), above it 1 − erfc.
     */
    static double erf(double x) {
        if (x < 0) {
            return -erf(-x);
        }
        if (x >= ERFC_CONTINUED_FRACTION_FROM) {
            return 1 - erfc(x);
        }
        // erf(x) = 2/√π · e^(−x²) · Σ (2x²)^n x / (1·3·…·(2n+1))
        double term = x;
        double sum = x;
        for (int n = 1; n < 200 && term > 1e-17 * sum; n++) {
            term *= 2 * x * x / (2 * n + 1);
            sum += term;
        }
        return TWO_OVER_SQRT_PI * Math.exp(-x * x) * sum;
    }

    /** The complementary error function 1 − erf(x), precise for large x (no cancellation). */
    static double erfc(double x) {
        if (x < ERFC_CONTINUED_FRACTION_FROM) {
            return 1 - erf(x);
        }
        // Continued fraction erfc(x) = e^(−x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …)))),
        // evaluated with the modified Lentz method.
        double tiny = 1e-300;
        double f = x;
        double c = x;
        double d = 0;
        for (int n = 1; n < 5000; n++) {
            double a = n / 2.0;
            d = x + a * d;
            d = d == 0 ? tiny : 1 / d;
            c = x + a / c;
            if (c == 0) {
                c = tiny;
            }
            double delta = c * d;
            f *= delta;
            if (Math.abs(delta - 1) < 1e-16) {
                break;
            }
        }
        return Math.exp(-x * x) / Math.sqrt(Math.PI) / f;
    }
}
