package org.jgrad.autodiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.jgrad.nn.Loss;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every operation at the edges a student meets — probabilities of exactly 0 and 1, a logit of
 * 0, ±∞, NaN, ties — against PyTorch: the values and gradients in {@code torch_edges.json}
 * were made by {@code torch_edges.py} (kept beside it) with torch 1.13 in float64.
 */
class TorchEdgeCasesTest {

    /** The jgrad call for each op name the script uses. */
    private static final Map<String, Function<Tensor[], Tensor>> OPS = Map.ofEntries(
            Map.entry("neg", t -> t[0].neg()),
            Map.entry("exp", t -> t[0].exp()),
            Map.entry("tanh", t -> t[0].tanh()),
            Map.entry("sigmoid", t -> t[0].sigmoid()),
            Map.entry("relu", t -> t[0].relu()),
            Map.entry("abs", t -> t[0].abs()),
            Map.entry("leaky_relu", t -> t[0].leakyRelu()),
            Map.entry("leaky_relu_0.1", t -> t[0].leakyRelu(0.1)),
            Map.entry("elu", t -> t[0].elu()),
            Map.entry("selu", t -> t[0].selu()),
            Map.entry("gelu", t -> t[0].gelu()),
            Map.entry("gelu_tanh", t -> t[0].geluTanh()),
            Map.entry("softplus", t -> t[0].softplus()),
            Map.entry("softplus_2_5", t -> t[0].softplus(2, 5)),
            Map.entry("square", t -> t[0].pow(2)),
            Map.entry("cube", t -> t[0].pow(3)),
            Map.entry("clamp", t -> t[0].clamp(-1, 1)),
            Map.entry("log", t -> t[0].log()),
            Map.entry("sqrt", t -> t[0].sqrt()),
            Map.entry("step", t -> t[0].step()),
            Map.entry("max", t -> t[0].max()),
            Map.entry("sum", t -> t[0].sum()),
            Map.entry("softmax", t -> t[0].softmax(0)),
            Map.entry("log_softmax", t -> t[0].logSoftmax(0)),
            Map.entry("max_axis1", t -> t[0].max(1, false)),
            Map.entry("argmax_axis1", t -> Tensor.of(Arrays.stream(t[0].argmax(1)).asDoubleStream().toArray())),
            Map.entry("add", t -> t[0].add(t[1])),
            Map.entry("mul", t -> t[0].mul(t[1])),
            Map.entry("div", t -> t[0].div(t[1])),
            Map.entry("maximum", t -> t[0].maximum(t[1])),
            Map.entry("bce_of_sigmoid", t -> Loss.binaryCrossEntropy(t[0].sigmoid(), t[1])),
            Map.entry("bce", t -> Loss.binaryCrossEntropy(t[0], t[1])),
            Map.entry("bce_with_logits", t -> Loss.binaryCrossEntropyWithLogits(t[0], t[1])),
            Map.entry("mse", t -> Loss.mse(t[0], t[1])),
            Map.entry("cross_entropy", t -> Loss.crossEntropy(t[0], new int[] {0, 2})));

    @TestFactory
    Stream<DynamicTest> everyCaseMatchesTorch() throws Exception {
        JsonNode cases;
        try (InputStream in = getClass().getResourceAsStream("torch_edges.json")) {
            cases = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build().readTree(in).get("cases");
        }
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : cases) {
            String name = c.get("op").asText();
            String op = name;   // "max_axis1_nan_late" is the op max_axis1 on the case nan_late
            while (!OPS.containsKey(op) && op.contains("_")) {
                op = op.substring(0, op.lastIndexOf('_'));
            }
            String title = name + " " + c.get("inputs");
            Function<Tensor[], Tensor> call = OPS.get(op);
            tests.add(DynamicTest.dynamicTest(title, () -> check(title, call, c)));
        }
        assertEquals(67, tests.size(), "cases in torch_edges.json");
        return tests.stream();
    }

    private static void check(String title, Function<Tensor[], Tensor> op, JsonNode c) {
        if (op == null) {
            fail("no jgrad operation mapped for " + title);
        }
        JsonNode inputs = c.get("inputs");
        Tensor[] x = new Tensor[inputs.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = tensor(inputs.get(i)).requiresGrad(!c.get("grads").get(i).isNull());
        }
        Tensor out = op.apply(x);
        assertAllClose(title + ": output", flat(c.get("output")), out.toArray());
        if (!out.requiresGrad()) {
            return;
        }
        double[] upstream = out.size() == 1 ? new double[] {1} : Tensor.linspace(0.5, 1.5, out.size()).toArray();
        out.backward(Tensor.of(upstream, out.shape()));
        for (int i = 0; i < x.length; i++) {
            JsonNode expected = c.get("grads").get(i);
            if (!expected.isNull()) {
                assertAllClose(title + ": gradient of input " + i, flat(expected), x[i].grad().toArray());
            }
        }
    }

    private static Tensor tensor(JsonNode n) {
        if (n.isArray() && n.size() > 0 && n.get(0).isArray()) {
            double[][] rows = new double[n.size()][];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = flat(n.get(i));
            }
            return Tensor.of(rows);
        }
        return Tensor.of(flat(n));
    }

    private static double[] flat(JsonNode n) {
        List<Double> values = new ArrayList<>();
        collect(n, values);
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static void collect(JsonNode n, List<Double> values) {
        if (n.isArray()) {
            n.forEach(e -> collect(e, values));
        } else {
            values.add(n.asDouble());
        }
    }

    /** Equal to 1e-12 relative (1e-300 absolute), NaN where torch has NaN, the same infinity. */
    private static void assertAllClose(String what, double[] expected, double[] actual) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            double e = expected[i];
            double a = actual[i];
            boolean same = Double.isNaN(e) ? Double.isNaN(a)
                    : Double.isInfinite(e) ? e == a
                    : Math.abs(a - e) <= 1e-12 * Math.max(1, Math.abs(e)) + 1e-300;
            if (!same) {
                fail(what + " at [" + i + "]: torch " + e + ", jgrad " + a + "\n  torch " + Arrays.toString(expected)
                        + "\n  jgrad " + Arrays.toString(actual));
            }
        }
    }
}
