package org.jgrad.nn;

import java.util.Arrays;
import java.util.List;
import org.jgrad.autodiff.Tensor;

/** Loss functions with PyTorch's formulas and mean reduction, and weight penalties. */
public final class Loss {

    private Loss() {
    }

    /** Mean squared error (L2): mean((prediction − target)²). */
    public static Tensor mse(Tensor prediction, Tensor target) {
        sameShape("mse", prediction, target);
        return prediction.sub(target).pow(2).mean();
    }

    /** Mean absolute error (L1): mean(|prediction − target|). */
    public static Tensor l1(Tensor prediction, Tensor target) {
        sameShape("l1", prediction, target);
        return prediction.sub(target).abs().mean();
    }

    /**
     * Binary cross-entropy of probabilities p against targets y in [0, 1]:
     * −mean(y·log p + (1 − y)·log(1 − p)), each log clamped at −100 as PyTorch does, with
     * PyTorch's gradient (finite where p is exactly 0 or 1: see {@link Tensor#binaryCrossEntropy}).
     */
    public static Tensor binaryCrossEntropy(Tensor probability, Tensor target) {
        sameShape("binaryCrossEntropy", probability, target);
        return probability.binaryCrossEntropy(target).mean();
    }

    /**
     * Binary cross-entropy of raw scores x (logits), computed stably as
     * mean(max(x, 0) − x·y + log(1 + e^(−|x|))); its gradient is (σ(x) − y)/n.
     */
    public static Tensor binaryCrossEntropyWithLogits(Tensor logits, Tensor target) {
        sameShape("binaryCrossEntropyWithLogits", logits, target);
        return logits.binaryCrossEntropyWithLogits(target).mean();
    }

    /**
     * Cross-entropy of scores [n, classes] against class indices, −mean(log softmax(x)[y]),
     * through log-sum-exp with max-subtraction: finite for any finite scores. Its gradient with
     * respect to the scores is (softmax − one-hot)/n.
     */
    public static Tensor crossEntropy(Tensor logits, int[] classes) {
        int[] s = logits.shape();
        if (s.length != 2) {
            throw new IllegalArgumentException("crossEntropy: expected scores [batch, classes], got shape "
                    + Arrays.toString(s));
        }
        if (s[0] == 0) {
            throw new IllegalArgumentException("crossEntropy: empty batch (shape " + Arrays.toString(s) + ")");
        }
        if (classes.length != s[0]) {
            throw new IllegalArgumentException("crossEntropy: " + classes.length + " labels for a batch of " + s[0]);
        }
        for (int i = 0; i < classes.length; i++) {
            if (classes[i] < 0 || classes[i] >= s[1]) {
                throw new IllegalArgumentException("crossEntropy: label " + classes[i] + " at row " + i
                        + " is outside the classes 0.." + (s[1] - 1));
            }
        }
        return logits.logSoftmax(1).gather(classes).mean().neg();
    }

    /** The SVM hinge (max-margin) loss for labels ±1: mean(relu(1 − y·score)). */
    public static Tensor hinge(Tensor score, Tensor labels) {
        sameShape("hinge", score, labels);
        return score.mul(labels).neg().add(1).relu().mean();
    }

    /** Σ|θ| over all parameters: the L1 penalty R(W) (multiply by λ). */
    public static Tensor l1Penalty(List<Tensor> parameters) {
        return penalty(parameters, 1);
    }

    /** Σθ² over all parameters: the L2 penalty R(W) (multiply by λ). */
    public static Tensor l2Penalty(List<Tensor> parameters) {
        return penalty(parameters, 2);
    }

    private static Tensor penalty(List<Tensor> parameters, int power) {
        Tensor total = Tensor.scalar(0);
        for (Tensor p : parameters) {
            total = total.add(power == 1 ? p.abs().sum() : p.pow(2).sum());
        }
        return total;
    }

    private static void sameShape(String loss, Tensor a, Tensor b) {
        if (!Arrays.equals(a.shape(), b.shape())) {
            throw new IllegalArgumentException(loss + ": prediction has shape " + Arrays.toString(a.shape())
                    + " but target has shape " + Arrays.toString(b.shape()));
        }
        if (a.size() == 0) {
            throw new IllegalArgumentException(loss + ": empty batch (shape " + Arrays.toString(a.shape()) + ")");
        }
    }
}
