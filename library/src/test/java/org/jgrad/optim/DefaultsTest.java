package org.jgrad.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.jgrad.autodiff.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Defaults equal torch's. The values printed by torch 1.13 ({@code optimizer.defaults}, see
 * torch_reference.out) are in the comments; SGD's lr had no default in 1.13 and is 1e-3 in
 * torch 2.x's documented signature.
 */
class DefaultsTest {

    private final Tensor p = Tensor.of(0.0);

    @Test
    void sgd() {
        // {'momentum': 0, 'dampening': 0, 'weight_decay': 0, 'nesterov': False}
        SGD o = new SGD(p);
        assertEquals(1e-3, o.lr());
        assertEquals(0.0, o.momentum());
        assertEquals(0.0, o.dampening());
        assertEquals(0.0, o.weightDecay());
        assertFalse(o.nesterov());
        assertEquals(0.0, o.noiseSigma());
    }

    @Test
    void adagrad() {
        // {'lr': 0.01, 'lr_decay': 0, 'eps': 1e-10, 'weight_decay': 0, 'initial_accumulator_value': 0}
        Adagrad o = new Adagrad(p);
        assertEquals(0.01, o.lr());
        assertEquals(0.0, o.lrDecay());
        assertEquals(1e-10, o.eps());
        assertEquals(0.0, o.weightDecay());
        assertEquals(0.0, o.initialAccumulatorValue());
    }

    @Test
    void rmsprop() {
        // {'lr': 0.01, 'momentum': 0, 'alpha': 0.99, 'eps': 1e-08, 'centered': False, 'weight_decay': 0}
        RMSprop o = new RMSprop(p);
        assertEquals(0.01, o.lr());
        assertEquals(0.0, o.momentum());
        assertEquals(0.99, o.alpha());
        assertEquals(1e-8, o.eps());
        assertFalse(o.centered());
        assertEquals(0.0, o.weightDecay());
    }

    @Test
    void adam() {
        // {'lr': 0.001, 'betas': (0.9, 0.999), 'eps': 1e-08, 'weight_decay': 0}
        Adam o = new Adam(p);
        assertEquals(0.001, o.lr());
        assertEquals(0.9, o.beta1());
        assertEquals(0.999, o.beta2());
        assertEquals(1e-8, o.eps());
        assertEquals(0.0, o.weightDecay());
    }

    @Test
    void adamW() {
        // {'lr': 0.001, 'betas': (0.9, 0.999), 'eps': 1e-08, 'weight_decay': 0.01}
        AdamW o = new AdamW(p);
        assertEquals(0.001, o.lr());
        assertEquals(0.9, o.beta1());
        assertEquals(0.999, o.beta2());
        assertEquals(1e-8, o.eps());
        assertEquals(0.01, o.weightDecay());
    }

    @Test
    void nadam() {
        // {'lr': 0.002, 'betas': (0.9, 0.999), 'eps': 1e-08, 'weight_decay': 0, 'momentum_decay': 0.004}
        NAdam o = new NAdam(p);
        assertEquals(0.002, o.lr());
        assertEquals(0.9, o.beta1());
        assertEquals(0.999, o.beta2());
        assertEquals(1e-8, o.eps());
        assertEquals(0.0, o.weightDecay());
        assertEquals(0.004, o.momentumDecay());
    }

    @Test
    void toStringShowsTheSettings() {
        assertEquals("AdamW(lr=0.001, betas=(0.9, 0.999), eps=1.0E-8, weightDecay=0.01)", new AdamW(p).toString());
        assertEquals("SGD(lr=0.1, momentum=0.9, dampening=0.0, weightDecay=0.0, nesterov=true)",
                new SGD(p).lr(0.1).momentum(0.9).nesterov(true).toString());
        assertEquals("NAdam(lr=0.002, betas=(0.9, 0.999), eps=1.0E-8, weightDecay=0.0, momentumDecay=0.004)",
                new NAdam(p).toString());
    }
}
