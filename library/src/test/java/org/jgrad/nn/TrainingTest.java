package org.jgrad.nn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jgrad.data.DataLoader;
import org.jgrad.data.Dataset;
import org.jgrad.data.Datasets;
import org.jgrad.data.Metrics;
import org.jgrad.optim.Adam;
import org.junit.jupiter.api.Test;

/** A real network on real data, end to end: the W2 workload as a correctness test. */
class TrainingTest {

    @Test
    void digitsMlpReachesNinetyFivePercentHeldOut() {
        Rng.manualSeed(0);
        Dataset.Split split = Dataset.fromTable(Datasets.digits(), "label").scale(1 / 16.0).split(360, 0);
        Sequential net = new Sequential(new Linear(64, 128), Activation.relu(), new Linear(128, 10));
        Adam adam = new Adam(net.parameters()).lr(1e-3);
        DataLoader loader = new DataLoader(split.train(), 32, 0);
        for (int epoch = 0; epoch < 20; epoch++) {
            for (DataLoader.Batch b : loader) {
                adam.zeroGrad();
                Loss.crossEntropy(net.forward(b.x()), b.labels()).backward();
                adam.step();
            }
        }
        double accuracy = Metrics.accuracy(net, split.test());
        assertTrue(accuracy >= 0.95, "held-out accuracy " + accuracy);
    }
}
