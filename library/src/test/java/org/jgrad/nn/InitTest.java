package org.jgrad.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.jgrad.autodiff.Tensor;
import org.junit.jupiter.api.Test;

class InitTest {

    private static double std(Tensor t) {
        double[] d = t.toArray();
        double mean = Arrays.stream(d).average().orElseThrow();
        return Math.sqrt(Arrays.stream(d).map(v -> (v - mean) * (v - mean)).average().orElseThrow());
    }

    @Test
    void gainsAreTorchs() {
        assertEquals(1, Init.gain("sigmoid"));
        assertEquals(5.0 / 3, Init.gain("tanh"));
        assertEquals(Math.sqrt(2), Init.gain("relu"));
        assertEquals(Math.sqrt(2 / (1 + 0.01 * 0.01)), Init.gain("leaky_relu"));
        assertEquals(0.75, Init.gain("selu"));
        var e = assertThrows(IllegalArgumentException.class, () -> Init.gain("swish"));
        assertTrue(e.getMessage().contains("swish"));
    }

    @Test
    void spreadsMatchTheFormulas() {
        Random r = new Random(0);
        Tensor w = Tensor.zeros(400, 600);   // fan_out 400, fan_in 600
        assertEquals(Math.sqrt(2.0 / 1000), std(Init.xavierNormal(w, 1, r)), 0.02 * Math.sqrt(2.0 / 1000));
        assertEquals(Math.sqrt(2) / Math.sqrt(600), std(Init.kaimingNormal(w, Init.gain("relu"), r)),
                0.02 * Math.sqrt(2.0 / 600));
        assertEquals(1 / Math.sqrt(600), std(Init.lecunNormal(w, r)), 0.02 / Math.sqrt(600));
        double bound = Math.sqrt(6.0 / 1000);
        Init.xavierUniform(w, 1, r);
        assertTrue(Arrays.stream(w.toArray()).allMatch(v -> Math.abs(v) <= bound));
        assertEquals(bound / Math.sqrt(3), std(w), 0.02 * bound);
        double he = Math.sqrt(3) * Math.sqrt(2) / Math.sqrt(600);
        Init.kaimingUniform(w, Math.sqrt(2), r);
        assertTrue(Arrays.stream(w.toArray()).allMatch(v -> Math.abs(v) <= he));
        assertEquals(600, Init.fanIn(w));
        assertEquals(400, Init.fanOut(w));
        assertTrue(Arrays.stream(Init.constant(w, 0.5).toArray()).allMatch(v -> v == 0.5));
    }
}
