package org.jgrad.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.jgrad.autodiff.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Bad hyper-parameters throw IllegalArgumentException naming the optimizer, the setting and the value. */
class BadInputTest {

    private final Tensor p = Tensor.of(1.0, 2.0);

    private static void refused(String message, Executable call) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, call).getMessage());
    }

    @Test
    void learningRateMustBePositive() {
        refused("Adam: lr must be > 0, got -0.1", () -> new Adam(p).lr(-0.1));
        refused("SGD: lr must be > 0, got 0.0", () -> new SGD(p).lr(0));
        refused("Adagrad: lr must be > 0, got NaN", () -> new Adagrad(p).lr(Double.NaN));
        refused("RMSprop: lr must be > 0, got Infinity", () -> new RMSprop(p).lr(Double.POSITIVE_INFINITY));
        refused("AdamW: lr must be > 0, got -1.0", () -> new AdamW(p).lr(-1));
        refused("NAdam: lr must be > 0, got -0.002", () -> new NAdam(p).lr(-0.002));
    }

    @Test
    void momentumMustNotBeNegative() {
        refused("SGD: momentum must be >= 0, got -0.5", () -> new SGD(p).momentum(-0.5));
        refused("RMSprop: momentum must be >= 0, got -0.9", () -> new RMSprop(p).momentum(-0.9));
        refused("NAdam: momentumDecay must be >= 0, got -0.004", () -> new NAdam(p).momentumDecay(-0.004));
        refused("SGD: dampening must be in [0, 1], got 1.5", () -> new SGD(p).dampening(1.5));
    }

    @Test
    void betasMustBeInZeroOne() {
        refused("Adam: beta1 must be in [0, 1), got 1.0", () -> new Adam(p).betas(1.0, 0.999));
        refused("Adam: beta2 must be in [0, 1), got -0.1", () -> new Adam(p).betas(0.9, -0.1));
        refused("AdamW: beta2 must be in [0, 1), got 1.5", () -> new AdamW(p).betas(0.9, 1.5));
        refused("NAdam: beta1 must be in [0, 1), got -0.5", () -> new NAdam(p).betas(-0.5, 0.9));
        refused("RMSprop: alpha must be in [0, 1), got 1.0", () -> new RMSprop(p).alpha(1));
    }

    @Test
    void epsMustNotBeNegative() {
        refused("Adam: eps must be >= 0, got -1.0E-8", () -> new Adam(p).eps(-1e-8));
        refused("Adagrad: eps must be >= 0, got -1.0", () -> new Adagrad(p).eps(-1));
        refused("RMSprop: eps must be >= 0, got -1.0E-8", () -> new RMSprop(p).eps(-1e-8));
        refused("NAdam: eps must be >= 0, got -1.0E-8", () -> new NAdam(p).eps(-1e-8));
    }

    @Test
    void otherSettings() {
        refused("SGD: weightDecay must be >= 0, got -0.1", () -> new SGD(p).weightDecay(-0.1));
        refused("AdamW: weightDecay must be >= 0, got -0.01", () -> new AdamW(p).weightDecay(-0.01));
        refused("Adagrad: lrDecay must be >= 0, got -0.1", () -> new Adagrad(p).lrDecay(-0.1));
        refused("Adagrad: initialAccumulatorValue must be >= 0, got -1.0",
                () -> new Adagrad(p).initialAccumulatorValue(-1));
        refused("SGD: noise sigma must be >= 0, got -0.5", () -> new SGD(p).noise(-0.5, 1L));
    }

    @Test
    void aRefusedSettingKeepsTheOldValue() {
        Adam adam = new Adam(p).lr(0.1);
        assertThrows(IllegalArgumentException.class, () -> adam.lr(-1));
        assertThrows(IllegalArgumentException.class, () -> adam.betas(0.5, 1.0));
        assertEquals(0.1, adam.lr());
        assertEquals(0.9, adam.beta1(), "betas are checked both before either is set");
    }
}
