package org.jgrad.autodiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.jgrad.nn.Activation;
import org.jgrad.nn.Init;
import org.jgrad.nn.Loss;
import org.junit.jupiter.api.Test;

/** The issue's cases of unclear errors and missing functions, each as a student meets it. */
class ClearErrorsTest {

    private static void assertMessage(Class<? extends Throwable> type, Runnable call, String... parts) {
        Throwable e = assertThrows(type, call::run);
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "message '" + e.getMessage() + "' lacks '" + part + "'");
        }
    }

    @Test
    void impossibleShapesAndCountsAreNamed() {
        assertMessage(IllegalArgumentException.class, () -> Tensor.zeros(100000, 100000),
                "shape [100000, 100000]", "more than 2147483647 elements");
        assertMessage(IllegalArgumentException.class, () -> Tensor.arange(-1), "arange", "got -1");
        assertMessage(IllegalArgumentException.class, () -> Tensor.linspace(0, 1, -2), "linspace", "got -2");
        assertMessage(IllegalArgumentException.class, () -> Tensor.uniform(new Random(0), 1, 0, 3),
                "uniform: need low <= high", "low 1.0 and high 0.0");
        assertEquals(0, Tensor.arange(0).size());
        assertEquals(0, Tensor.linspace(0, 1, 0).size());
    }

    @Test
    void initializingAZeroSizeWeightIsANoOpAsInTorch() {
        Tensor empty = Tensor.zeros(0, 3);
        assertSame(empty, Init.kaimingUniform(empty, Init.gain("relu"), new Random(0)));
        Tensor noInputs = Tensor.zeros(3, 0);
        assertSame(noInputs, Init.kaimingNormal(noInputs, 1, new Random(0)));
        assertEquals(3, Init.fanIn(empty));
        assertEquals(0, Init.fanOut(empty));
        assertEquals(12, Init.fanIn(Tensor.zeros(2, 3, 4)), "fan_in of a 3-d weight: 3 · 4");
        assertEquals(8, Init.fanOut(Tensor.zeros(2, 3, 4)), "fan_out: 2 · 4");
    }

    @Test
    void theIssuesBinaryCrossEntropyCasesGiveTorchsGradients() {
        Tensor x = Tensor.of(40.0, -2.0).requiresGrad(true);
        Loss.binaryCrossEntropy(x.sigmoid(), Tensor.of(1, 0)).backward();
        assertEquals(0.0, x.grad().get(0), "a perfect prediction has no gradient, not NaN");
        assertEquals(0.0596, x.grad().get(1), 5e-5);

        Tensor z = Tensor.zeros(4).requiresGrad(true);
        Loss.binaryCrossEntropyWithLogits(z, Tensor.of(1, 0, 1, 0)).backward();
        assertArrayEquals(new double[] {-0.125, 0.125, -0.125, 0.125}, z.grad().toArray(), 1e-15);
    }

    @Test
    void nanIsNeverHidden() {
        assertTrue(Double.isNaN(Tensor.of(1, Double.NaN).max().item()));
        assertTrue(Double.isNaN(Tensor.of(-1, Double.NaN).relu().get(1)));
        assertArrayEquals(new int[] {1, 0}, Tensor.of(new double[][] {{1, Double.NaN, 5}, {2, 0, 1}}).argmax(1));
    }

    @Test
    void softplusSeluAndGeluTanhExistOnBothEnginesAndAgree() {
        double[] xs = {-30, -2, -0.5, 0, 0.5, 2, 25};
        Tensor t = Tensor.of(xs);
        for (int i = 0; i < xs.length; i++) {
            assertEquals(t.softplus().get(i), new Value(xs[i]).softplus().data(), 0.0);
            assertEquals(t.selu().get(i), new Value(xs[i]).selu().data(), 0.0);
            assertEquals(t.geluTanh().get(i), new Value(xs[i]).geluTanh().data(), 0.0);
        }
        assertEquals(Math.log(2), new Value(0).softplus().data(), 1e-15);
        Value v = new Value(0.3);
        v.softplus().backward();
        assertEquals(1 / (1 + Math.exp(-0.3)), v.grad(), 1e-15);
        for (double at : new double[] {-1.3, 0.2, 1.7}) {
            GradCheck.Result r = GradCheck.check(a -> a[0].softplus().mul(a[0].selu()).add(a[0].geluTanh()), at);
            assertTrue(r.passed(1e-6), r::toString);
        }
        assertEquals("Softplus()", Activation.softplus().toString());
        assertArrayEquals(t.softplus(2, 5).toArray(), Activation.softplus(2, 5).forward(t).toArray(), 0.0);
    }

    @Test
    void aMissingNativeBlasIsSaidOnceOnStderrWithTheFix() throws Exception {
        // os.arch names no shipped JNI library, so netlib cannot load the native BLAS
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(java, "-Dos.arch=none", "-cp", System.getProperty("java.class.path"),
                BlasFallbackMain.class.getName()).start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), err);
        assertEquals("Java", out.strip());
        List<String> lines = err.lines().filter(l -> l.contains("no native BLAS")).toList();
        assertEquals(1, lines.size(), err);
        assertTrue(lines.get(0).contains("apt-get install libopenblas0-pthread"), err);
    }

    /** Two matrix products in a JVM without the native BLAS. */
    public static final class BlasFallbackMain {
        public static void main(String[] args) {
            Tensor a = Tensor.ones(80, 80);
            a.matmul(a);
            a.matmul(a);
            System.out.println(Tensor.matmulEngine());
        }
    }
}
