package org.jgrad.data;

import java.util.Arrays;
import org.jgrad.autodiff.Tensor;
import org.jgrad.nn.Module;

/** Evaluation measures; none of them builds a graph. */
public final class Metrics {

    private Metrics() {
    }

    /** The fraction of rows whose largest score is at the labelled class. */
    public static double accuracy(Tensor scores, int[] labels) {
        int[] predicted = scores.argmax(1);
        if (predicted.length != labels.length) {
            throw new IllegalArgumentException("accuracy: " + predicted.length + " predictions for " + labels.length
                    + " labels (scores of shape " + Arrays.toString(scores.shape()) + ")");
        }
        int correct = 0;
        for (int i = 0; i < labels.length; i++) {
            correct += predicted[i] == labels[i] ? 1 : 0;
        }
        return labels.length == 0 ? 0 : (double) correct / labels.length;
    }

    /** The accuracy of a classifier on a data set, in evaluation mode, without a graph. */
    public static double accuracy(Module model, Dataset data) {
        boolean wasTraining = model.isTraining();
        model.eval();
        try {
            return accuracy(model.predict(data.features()), data.labels());
        } finally {
            model.train(wasTraining);
        }
    }
}
