package org.jgrad.bench;

import org.jgrad.data.DataLoader;
import org.jgrad.nn.Loss;
import org.jgrad.nn.Module;
import org.jgrad.optim.Optimizer;

/** Mini-batch training of a classifier, the loop W2 and W3 share (the same loop as the PyTorch side). */
final class Mlp {

    private Mlp() {
    }

    /** Trains for {@code epochs} over the loader's batches; returns the seconds spent. */
    static double train(Module net, Optimizer optimizer, DataLoader loader, int epochs) {
        long start = System.nanoTime();
        for (int epoch = 0; epoch < epochs; epoch++) {
            for (DataLoader.Batch b : loader) {
                optimizer.zeroGrad();
                Loss.crossEntropy(net.forward(b.x()), b.labels()).backward();
                optimizer.step();
            }
        }
        return (System.nanoTime() - start) / 1e9;
    }
}
