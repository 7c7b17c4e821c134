package org.jgrad.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.jgrad.autodiff.Value;
import org.jgrad.nn.scalar.MLP;
import org.jgrad.nn.scalar.Neuron;

/**
 * W1: micrograd's own demo on the scalar engine. An MLP 2-16-16-1 (ReLU hidden, linear
 * output) built from Values, 100 two-moons points (noise 0.1), SVM max-margin loss
 * mean(relu(1 − y·score)) + 1e-4·Σp², 100 full-batch SGD steps with lr = 1 − 0.9·k/100.
 */
public final class MicrogradDemo {

    /** What one run ends with. */
    public record Outcome(double loss, double accuracy, double firstLoss, double firstAccuracy) {
    }

    private MicrogradDemo() {
    }

    public static Outcome train(double[][] x, double[] y, long seed, int steps) {
        MLP net = new MLP(2, List.of(16, 16, 1), Neuron.Activation.RELU, new Random(seed));
        List<Value> params = net.parameters();
        double firstLoss = Double.NaN;
        double firstAccuracy = Double.NaN;
        double[] last = null;
        for (int k = 0; k < steps; k++) {
            Value dataLoss = new Value(0);
            int correct = 0;
            for (int i = 0; i < x.length; i++) {
                Value score = net.apply(x[i]).get(0);
                dataLoss = dataLoss.add(score.mul(-y[i]).add(1).relu());
                if ((score.data() > 0) == (y[i] > 0)) {
                    correct++;
                }
            }
            Value reg = new Value(0);
            for (Value p : params) {
                reg = reg.add(p.mul(p));
            }
            Value loss = dataLoss.div(x.length).add(reg.mul(1e-4));
            double accuracy = (double) correct / x.length;
            if (k == 0) {
                firstLoss = loss.data();
                firstAccuracy = accuracy;
            }
            last = new double[] {loss.data(), accuracy};
            net.zeroGrad();
            loss.backward();
            double lr = 1.0 - 0.9 * k / steps;
            for (Value p : params) {
                p.setData(p.data() - lr * p.grad());
            }
        }
        return new Outcome(last[0], last[1], firstLoss, firstAccuracy);
    }
}
