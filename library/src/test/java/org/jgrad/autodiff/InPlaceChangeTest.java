package org.jgrad.autodiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jgrad.nn.Linear;
import org.jgrad.nn.Loss;
import org.jgrad.optim.SGD;
import org.junit.jupiter.api.Test;

/** A tensor changed in place after a graph used it is refused by backward(), as torch's version counter does. */
class InPlaceChangeTest {

    @Test
    void writingThroughBufferBetweenForwardAndBackwardIsRefusedByName() {
        Tensor w = Tensor.of(1, 2).requiresGrad(true).label("w");
        Tensor y = w.mul(w).sum();
        w.buffer()[0] = 100;
        IllegalStateException e = assertThrows(IllegalStateException.class, y::backward);
        assertTrue(e.getMessage().contains("tensor 'w' of shape [2] (a leaf) was modified in place"), e.getMessage());
        assertTrue(e.getMessage().contains("version 1, the graph saved version 0"), e.getMessage());
        assertTrue(e.getMessage().contains("before optimizer.step()"), e.getMessage());
        assertEquals(null, w.grad(), "nothing was accumulated");
    }

    @Test
    void anOptimizerStepBetweenForwardAndBackwardIsRefused() {
        Linear layer = new Linear(3, 2);
        SGD sgd = new SGD(layer.parameters()).lr(0.1);
        Tensor x = Tensor.ones(4, 3);
        Tensor loss = layer.forward(x).pow(2).mean();
        loss.backward();
        sgd.step();                         // the right order: backward, then step
        Tensor next = layer.forward(x).pow(2).mean();
        sgd.step();                         // the wrong order: step between forward and backward
        IllegalStateException e = assertThrows(IllegalStateException.class, next::backward);
        assertTrue(e.getMessage().contains("(a leaf) was modified in place"), e.getMessage());
    }

    @Test
    void changingAnIntermediateResultIsRefusedToo() {
        Tensor x = Tensor.of(0.5, -1).requiresGrad(true);
        Tensor s = x.sigmoid();             // sigmoid's backward reads its own output
        Tensor loss = s.sum();
        s.buffer()[1] = 0;
        IllegalStateException e = assertThrows(IllegalStateException.class, loss::backward);
        assertTrue(e.getMessage().contains("(the output of sigmoid) was modified in place"), e.getMessage());
    }

    @Test
    void readingDoesNotCountAsAChangeAndAFreshForwardPassWorks() {
        Tensor w = Tensor.of(1, 2).requiresGrad(true);
        Tensor y = w.mul(w).sum();
        assertEquals(2.0, w.get(1));
        assertArrayEquals(new double[] {1, 2}, w.toArray());
        y.backward();
        assertArrayEquals(new double[] {2, 4}, w.grad().toArray());
        w.buffer()[0] = 3;
        w.zeroGrad();
        w.mul(w).sum().backward();          // a new graph saves the new version
        assertArrayEquals(new double[] {6, 4}, w.grad().toArray());
        assertEquals(1, w.version());
    }

    @Test
    void aTrainingLoopInTheRightOrderNeverTrips() {
        Linear layer = new Linear(2, 1);
        SGD sgd = new SGD(layer.parameters()).lr(0.1).momentum(0.9);
        Tensor x = Tensor.of(new double[][] {{0, 1}, {1, 0}});
        Tensor target = Tensor.of(new double[][] {{1}, {0}});
        int initialVersion = layer.parameters().get(0).version();
        double first = Double.NaN;
        double last = Double.NaN;
        for (int step = 0; step < 50; step++) {
            sgd.zeroGrad();
            Tensor loss = Loss.mse(layer.forward(x), target);
            loss.backward();
            sgd.step();
            last = loss.item();
            first = step == 0 ? last : first;
        }
        assertTrue(last < first / 10, first + " → " + last);
        assertEquals(initialVersion + 50, layer.parameters().get(0).version(), "one change per optimizer step");
    }
}
