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
import org.jgrad.nn.Loss;
import org.jgrad.nn.Rng;
import org.jgrad.nn.Sequential;
import org.jgrad.optim.Adam;
import org.jgrad.optim.SGD;
import org.jgrad.data.DataLoader;
import org.jgrad.data.Dataset;
import org.jgrad.data.Datasets;
import org.jgrad.data.Metrics;
import org.jgrad.data.Synthetic;
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
        WORKLOADS.put("W2", Bench::w2);
        WORKLOADS.put("W3", Bench::w3);
        WORKLOADS.put("W4", Bench::w4);
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
        Dataset moons = Synthetic.moons(100, 0.1, 1);
        double[][] x = moons.features().toArray2D();
        double[] y = Arrays.stream(moons.labels()).mapToDouble(l -> 2 * l - 1).toArray();   // labels ±1
        MicrogradDemo.train(x, y, 1, 100);   // warm-up: let the JIT compile the engine
        long start = System.nanoTime();
        MicrogradDemo.Outcome o = MicrogradDemo.train(x, y, 1337, 100);
        double seconds = (System.nanoTime() - start) / 1e9;
        return String.format("W1 seconds=%.3f acc=%.2f loss=%.6f first_loss=%.4f first_acc=%.2f",
                seconds, o.accuracy(), o.loss(), o.firstLoss(), o.firstAccuracy());
    }

    /** The digits MLP 64-128-10, Adam, batch 32, 20 epochs; PyTorch gets the very same split. */
    static String w2() throws Exception {
        Dataset.Split split = Dataset.fromTable(Datasets.digits(), "label").scale(1 / 16.0).split(360, 0);
        Rng.manualSeed(0);
        Sequential net = new Sequential(new Linear(64, 128), Activation.relu(), new Linear(128, 10));
        Adam adam = new Adam(net.parameters()).lr(1e-3);
        double seconds = Mlp.train(net, adam, new DataLoader(split.train(), 32, 0), 20);
        double acc = Metrics.accuracy(net, split.test());
        Path dir = Files.createTempDirectory("jgrad-w2");
        Path train = writeCsv(dir.resolve("train.csv"), split.train());
        Path test = writeCsv(dir.resolve("test.csv"), split.test());
        for (Path p : List.of(dir, train, test)) {
            p.toFile().deleteOnExit();
        }
        return String.format("W2 seconds=%.3f acc=%.4f matmul=%s %s", seconds, acc,
                Tensor.matmulEngine().replace(' ', '_'), torch("W2", train.toString(), test.toString()));
    }

    private static Path writeCsv(Path file, Dataset d) throws Exception {
        StringBuilder sb = new StringBuilder();
        double[][] rows = d.features().toArray2D();
        for (int i = 0; i < rows.length; i++) {
            for (double v : rows[i]) {
                sb.append(v).append(',');
            }
            sb.append(d.labels()[i]).append('\n');
        }
        return Files.writeString(file, sb);
    }

    /** A wide MLP on random data: matrix products dominate. */
    static String w3() throws Exception {
        Random random = new Random(0);
        Tensor x = Tensor.randn(random, 8192, 784);
        int[] y = new int[8192];
        Arrays.setAll(y, i -> random.nextInt(10));
        Dataset data = new Dataset(x, y, 10);
        Rng.manualSeed(0);
        Sequential net = new Sequential(new Linear(784, 512), Activation.relu(), new Linear(512, 256),
                Activation.relu(), new Linear(256, 10));
        SGD sgd = new SGD(net.parameters()).lr(0.01).momentum(0.9);
        double seconds = Mlp.train(net, sgd, new DataLoader(data, 128, 0), 3);
        double acc = Metrics.accuracy(net, data);
        return String.format("W3 seconds=%.3f acc=%.4f gflops=%.1f matmul=%s %s", seconds, acc,
                W3_FLOP / seconds / 1e9, Tensor.matmulEngine().replace(' ', '_'), torch("W3"));
    }

    /** Multiply-adds ×2 of forward (1×) and backward (2×) over 3 epochs of 8192 samples. */
    private static final double W3_FLOP = 3.0 * 2 * 3 * 8192 * (784.0 * 512 + 512 * 256 + 256 * 10);

    /** W4's untimed warm-up steps and timed steps (the PyTorch side runs the same counts). */
    private static final int W4_WARMUP = 1000;
    private static final int W4_STEPS = 2000;

    /**
     * One training step of a small network, the course notebooks' common case: a 64-64-64-10
     * ReLU MLP, Adam 1e-3, batches of 128 taken in turn from 16 fixed batches of random data
     * (random labels: the loss stays near log 10, so no gradient shrinks to denormals).
     * Fixed costs per operation (allocation, graph bookkeeping, calls into BLAS) dominate
     * here, not arithmetic. {@code seconds} is the total over the timed steps, {@code step_ms}
     * one step's mean.
     */
    static String w4() throws Exception {
        Random random = new Random(0);
        Tensor[] x = new Tensor[W4_BATCHES];
        int[][] y = new int[W4_BATCHES][128];
        for (int b = 0; b < W4_BATCHES; b++) {
            x[b] = Tensor.randn(random, 128, 64);
            Arrays.setAll(y[b], i -> random.nextInt(10));
        }
        Rng.manualSeed(0);
        Sequential net = new Sequential(new Linear(64, 64), Activation.relu(), new Linear(64, 64),
                Activation.relu(), new Linear(64, 10));
        Adam adam = new Adam(net.parameters()).lr(1e-3);
        for (int i = 0; i < W4_WARMUP; i++) {
            w4Step(net, adam, x[i % W4_BATCHES], y[i % W4_BATCHES]);
        }
        long start = System.nanoTime();
        double loss = 0;
        for (int i = 0; i < W4_STEPS; i++) {
            loss = w4Step(net, adam, x[i % W4_BATCHES], y[i % W4_BATCHES]);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return String.format("W4 seconds=%.3f step_ms=%.3f steps=%d loss=%.4f matmul=%s %s", seconds,
                seconds / W4_STEPS * 1e3, W4_STEPS, loss, Tensor.matmulEngine().replace(' ', '_'),
                torch("W4", Integer.toString(W4_WARMUP), Integer.toString(W4_STEPS)));
    }

    private static final int W4_BATCHES = 16;

    private static double w4Step(Sequential net, Adam adam, Tensor x, int[] y) {
        adam.zeroGrad();
        Tensor loss = Loss.crossEntropy(net.forward(x), y);
        loss.backward();
        adam.step();
        return loss.item();
    }

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
