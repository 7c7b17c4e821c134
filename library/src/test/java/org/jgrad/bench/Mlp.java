package org.jgrad.bench;

import java.util.Random;
import org.jgrad.autodiff.Tensor;
import org.jgrad.nn.Loss;
import org.jgrad.nn.Module;
import org.jgrad.optim.Optimizer;

/** Mini-batch training of a classifier, the loop W2 and W3 share (the same loop as the PyTorch side). */
final class Mlp {

    private Mlp() {
    }

    /** Trains for {@code epochs}, reshuffling with {@code random} each epoch; returns seconds spent. */
    static double train(Module net, Optimizer optimizer, Tensor x, int[] labels, int batch, int epochs, Random random) {
        int n = labels.length;
        long start = System.nanoTime();
        for (int epoch = 0; epoch < epochs; epoch++) {
            int[] order = permutation(n, random);
            for (int from = 0; from < n; from += batch) {
                int[] idx = java.util.Arrays.copyOfRange(order, from, Math.min(n, from + batch));
                int[] y = new int[idx.length];
                for (int i = 0; i < idx.length; i++) {
                    y[i] = labels[idx[i]];
                }
                optimizer.zeroGrad();
                Loss.crossEntropy(net.forward(x.rows(idx)), y).backward();
                optimizer.step();
            }
        }
        return (System.nanoTime() - start) / 1e9;
    }

    static double accuracy(Module net, Tensor x, int[] labels) {
        int[] predicted = net.predict(x).argmax(1);
        int correct = 0;
        for (int i = 0; i < labels.length; i++) {
            correct += predicted[i] == labels[i] ? 1 : 0;
        }
        return (double) correct / labels.length;
    }

    static int[] permutation(int n, Random random) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
