package org.jgrad.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.jgrad.autodiff.Tensor;
import org.jgrad.nn.Activation;
import org.jgrad.nn.Linear;
import org.jgrad.nn.Rng;
import org.jgrad.nn.Sequential;
import org.jgrad.optim.SGD;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Runs the project's benchmark workloads and prints one line each,
 * {@code NAME seconds=… key=value…}. Run with {@code ./course bench [NAME…]}.
 */
public final class Bench {

    private static final Map<String, Callable<String>> WORKLOADS = new LinkedHashMap<>();

    static {
        WORKLOADS.put("W1", Bench::w1);
        WORKLOADS.put("W3", Bench::w3);
    }

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        var names = args.length == 0 ? WORKLOADS.keySet().toArray(String[]::new) : args;
        for (String name : names) {
            Callable<String> workload = WORKLOADS.get(name);
            if (workload == null) {
                System.err.println("unknown benchmark " + name + "; known: " + WORKLOADS.keySet());
                System.exit(2);
            }
            System.out.println(workload.call());
        }
    }

    /** micrograd's demo on the scalar engine; micrograd itself takes 186 s here. */
    static String w1() {
        double[][] x = new double[100][];
        double[] y = new double[100];
        Moons.make(100, 0.1, 1, x, y);
        MicrogradDemo.train(x, y, 1, 100);   // warm-up: let the JIT compile the engine
        long start = System.nanoTime();
        MicrogradDemo.Outcome o = MicrogradDemo.train(x, y, 1337, 100);
        double seconds = (System.nanoTime() - start) / 1e9;
        return String.format("W1 seconds=%.3f acc=%.2f loss=%.6f first_loss=%.4f first_acc=%.2f",
                seconds, o.accuracy(), o.loss(), o.firstLoss(), o.firstAccuracy());
    }

    /** A wide MLP on random data: matrix products dominate. */
    static String w3() throws Exception {
        Random random = new Random(0);
        Tensor x = Tensor.randn(random, 8192, 784);
        int[] y = new int[8192];
        Arrays.setAll(y, i -> random.nextInt(10));
        Rng.manualSeed(0);
        Sequential net = new Sequential(new Linear(784, 512), Activation.relu(), new Linear(512, 256),
                Activation.relu(), new Linear(256, 10));
        SGD sgd = new SGD(net.parameters()).lr(0.01).momentum(0.9);
        double seconds = Mlp.train(net, sgd, x, y, 128, 3, random);
        double acc = Mlp.accuracy(net, x, y);
        return String.format("W3 seconds=%.3f acc=%.4f gflops=%.1f %s", seconds, acc,
                W3_FLOP / seconds / 1e9, torch("W3"));
    }

    /** Multiply-adds ×2 of forward (1×) and backward (2×) over 3 epochs of 8192 samples. */
    private static final double W3_FLOP = 3.0 * 2 * 3 * 8192 * (784.0 * 512 + 512 * 256 + 256 * 10);

    /** Runs the PyTorch side in this same invocation; its line, or why there is none. */
    static String torch(String... args) throws Exception {
        Path script = Path.of(System.getProperty("jgrad.root", "."), "library/src/test/python/torch_bench.py");
        String python = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
        List<String> command = new ArrayList<>(List.of(python, script.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (p.waitFor() != 0 || !out.contains("torch_seconds=")) {
            return "torch_seconds=NA (" + (out.contains("No module named 'torch'")
                    ? "PyTorch not installed: apt-get install python3-torch" : "torch run failed") + ")";
        }
        return out.lines().filter(l -> l.startsWith("torch_seconds=")).findFirst().orElse(out);
    }
}
