package org.jgrad.bench;

import java.util.Arrays;
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

    static String format(double[] v) {
        return Arrays.toString(v);
    }
}
