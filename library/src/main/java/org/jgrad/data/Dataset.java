package org.jgrad.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.jgrad.autodiff.Tensor;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Examples for classification: features [n, d] and a class label per row.
 *
 * <pre>{@code
 * var data = Dataset.fromTable(Datasets.digits(), "label").scale(1 / 16.0);
 * var split = data.split(360, 0);          // 1437 to train, 360 held out
 * }</pre>
 *
 * @param features   one row per example
 * @param labels     the class of each row, 0 … classes − 1
 * @param classes    how many classes there are
 */
public record Dataset(Tensor features, int[] labels, int classes) {

    public Dataset {
        int[] s = features.shape();
        if (s.length != 2) {
            throw new IllegalArgumentException("Dataset: features must be [n, d], got shape " + Arrays.toString(s));
        }
        if (labels.length != s[0]) {
            throw new IllegalArgumentException("Dataset: " + labels.length + " labels for " + s[0] + " rows");
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException("Dataset: label " + labels[i] + " at row " + i + " is outside 0.."
                        + (classes - 1));
            }
        }
    }

    /** Features from every numeric column except {@code labelColumn}; labels from that column. */
    public static Dataset fromTable(Table table, String labelColumn) {
        if (!table.columnNames().contains(labelColumn)) {
            throw new IllegalArgumentException("Dataset.fromTable: no column '" + labelColumn + "' in " + table.name()
                    + " (columns: " + table.columnNames() + ")");
        }
        List<NumericColumn<?>> columns = new ArrayList<>();
        for (Column<?> c : table.columns()) {
            if (!c.name().equals(labelColumn) && c instanceof NumericColumn<?> numeric) {
                columns.add(numeric);
            }
        }
        int n = table.rowCount();
        int d = columns.size();
        double[] x = new double[n * d];
        for (int j = 0; j < d; j++) {
            NumericColumn<?> c = columns.get(j);
            for (int i = 0; i < n; i++) {
                x[i * d + j] = c.getDouble(i);
            }
        }
        Column<?> label = table.column(labelColumn);
        if (!(label instanceof NumericColumn<?> numericLabel)) {
            throw new IllegalArgumentException("Dataset.fromTable: label column '" + labelColumn + "' must hold class numbers");
        }
        int[] y = new int[n];
        int classes = 0;
        for (int i = 0; i < n; i++) {
            y[i] = (int) numericLabel.getDouble(i);
            classes = Math.max(classes, y[i] + 1);
        }
        return new Dataset(Tensor.of(x, n, d), y, classes);
    }

    public int size() {
        return labels.length;
    }

    /** The number of features per example. */
    public int width() {
        return features.shape(1);
    }

    /** The examples at the given rows. */
    public Dataset subset(int[] rows) {
        int[] y = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            y[i] = labels[rows[i]];
        }
        return new Dataset(features.rows(rows).detach(), y, classes);
    }

    /** Every feature multiplied by {@code factor} (digits: 1/16 puts pixels in [0, 1]). */
    public Dataset scale(double factor) {
        return new Dataset(features.mul(factor).detach(), labels.clone(), classes);
    }

    /** Train and test parts. */
    public record Split(Dataset train, Dataset test) {
    }

    /** Shuffles with {@code seed} and holds out {@code testCount} examples. */
    public Split split(int testCount, long seed) {
        if (testCount <= 0 || testCount >= size()) {
            throw new IllegalArgumentException("split: test count must be in 1.." + (size() - 1) + ", got " + testCount);
        }
        int[] order = permutation(size(), new Random(seed));
        return new Split(subset(Arrays.copyOfRange(order, testCount, size())), subset(Arrays.copyOf(order, testCount)));
    }

    /** Shuffles with {@code seed} and holds out a fraction (rounded) of the examples. */
    public Split split(double testFraction, long seed) {
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("split: test fraction must be in (0, 1), got " + testFraction);
        }
        return split((int) Math.max(1, Math.min(size() - 1, Math.round(testFraction * size()))), seed);
    }

    /** Labels as rows of zeros with a one at the class, [n, classes]. */
    public Tensor oneHot() {
        return oneHot(labels, classes);
    }

    public static Tensor oneHot(int[] labels, int classes) {
        double[] v = new double[labels.length * classes];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException("oneHot: label " + labels[i] + " at row " + i + " is outside 0.."
                        + (classes - 1));
            }
            v[i * classes + labels[i]] = 1;
        }
        return Tensor.of(v, labels.length, classes);
    }

    /** A random order of 0 … n − 1 (Fisher–Yates). */
    static int[] permutation(int n, Random random) {
        int[] p = new int[n];
        Arrays.setAll(p, i -> i);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    @Override
    public String toString() {
        return "Dataset(" + size() + " examples, " + width() + " features, " + classes + " classes)";
    }
}
