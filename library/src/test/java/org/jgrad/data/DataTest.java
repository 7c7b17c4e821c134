package org.jgrad.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jgrad.autodiff.Tensor;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class DataTest {

    @Test
    void digitsAreTheUciTestPart() {
        Table t = Datasets.digits();
        assertEquals(1797, t.rowCount());
        assertEquals(65, t.columnCount());
        int[] counts = new int[10];
        t.intColumn("label").forEach(l -> counts[l]++);
        assertEquals(1797, Arrays.stream(counts).sum());
        for (int c : counts) {
            assertTrue(c > 170 && c < 190, Arrays.toString(counts));
        }
        assertEquals(16, t.intColumn("p10").max());
    }

    @Test
    void irisHasThreeClassesOfFifty() {
        Table t = Datasets.iris();
        assertEquals(150, t.rowCount());
        assertEquals(List.of("sepal_length", "sepal_width", "petal_length", "petal_width", "label", "species"),
                t.columnNames());
        assertEquals(5.1, t.doubleColumn("sepal_length").get(0));
        assertEquals(50, t.stringColumn("species").isEqualTo("virginica").size());
        Dataset d = Dataset.fromTable(t, "label");
        assertEquals(4, d.width());
        assertEquals(3, d.classes());
    }

    @Test
    void splitIsDeterministicBySeedAndDisjoint() {
        Dataset d = Dataset.fromTable(Datasets.digits(), "label");
        Dataset.Split a = d.split(360, 0);
        Dataset.Split b = d.split(360, 0);
        Dataset.Split c = d.split(360, 1);
        assertEquals(1437, a.train().size());
        assertEquals(360, a.test().size());
        assertArrayEquals(a.test().labels(), b.test().labels());
        assertArrayEquals(a.test().features().toArray(), b.test().features().toArray());
        assertFalse(Arrays.equals(a.test().features().toArray(), c.test().features().toArray()));
        assertEquals(360, d.split(0.2, 3).test().size(), 1);
        var e = assertThrows(IllegalArgumentException.class, () -> d.split(1.5, 0));
        assertTrue(e.getMessage().contains("1.5"), e.getMessage());
    }

    @Test
    void standardizeUsesTrainingStatistics() {
        Dataset d = Dataset.fromTable(Datasets.iris(), "label");
        Dataset.Split s = Standardizer.apply(d.split(30, 0));
        Tensor x = s.train().features();
        double[] mean = x.mean(0, false).toArray();
        double[] var = x.sub(x.mean(0, true)).pow(2).mean(0, false).toArray();
        for (int j = 0; j < 4; j++) {
            assertEquals(0, mean[j], 1e-12);
            assertEquals(1, var[j], 1e-12);
        }
        assertFalse(Math.abs(s.test().features().mean(0, false).toArray()[0]) < 1e-12);
    }

    @Test
    void loaderCoversEverySampleOncePerPassAndReshuffles() {
        Dataset d = Synthetic.moons(103, 0.1, 0);
        DataLoader loader = new DataLoader(d, 10, 42);
        assertEquals(11, loader.size());
        List<String> first = pass(loader, 103);
        List<String> second = pass(loader, 103);
        assertFalse(first.equals(second), "a new order each pass");
        assertEquals(first, pass(new DataLoader(d, 10, 42), 103), "same seed, same order");
        List<Integer> sizes = new ArrayList<>();
        new DataLoader(d, 10).forEach(b -> sizes.add(b.size()));
        assertEquals(3, sizes.get(10), "last partial batch kept");
        assertEquals(10, new DataLoader(d, 10).dropLast(true).size());
        assertThrows(IllegalArgumentException.class, () -> new DataLoader(d, 0));
    }

    private static List<String> pass(DataLoader loader, int n) {
        List<String> seen = new ArrayList<>();
        for (DataLoader.Batch b : loader) {
            double[] x = b.x().toArray();
            for (int i = 0; i < b.size(); i++) {
                seen.add(x[2 * i] + "," + x[2 * i + 1]);
            }
        }
        assertEquals(n, seen.size());
        assertEquals(n, seen.stream().distinct().count(), "every sample exactly once");
        return seen;
    }

    @Test
    void syntheticSetsHaveTheirShapesAndBalance() {
        Dataset moons = Synthetic.moons(100, 0.1, 1);
        assertArrayEquals(new int[] {100, 2}, moons.features().shape());
        assertEquals(50, Arrays.stream(moons.labels()).sum());
        Dataset circles = Synthetic.circles(200, 0.0, 0.5, 1);
        double[] x = circles.features().toArray();
        for (int i = 0; i < 200; i++) {
            double r = Math.hypot(x[2 * i], x[2 * i + 1]);
            assertEquals(circles.labels()[i] == 1 ? 0.5 : 1.0, r, 1e-12);
        }
        assertEquals(300, Synthetic.spirals(100, 3, 0.1, 0).size());
        assertArrayEquals(new int[] {0, 1, 1, 0}, Synthetic.xor().labels());
        Synthetic.Regression reg = Synthetic.linearRegression(50, 3, 0.0, 0);
        double[] xs = reg.x().toArray();
        double y0 = reg.bias() + reg.weights()[0] * xs[0] + reg.weights()[1] * xs[1] + reg.weights()[2] * xs[2];
        assertEquals(y0, reg.y().toArray()[0], 1e-12);
    }

    @Test
    void oneHotAndBadLabels() {
        assertArrayEquals(new double[] {0, 1, 0, 1, 0, 0}, Dataset.oneHot(new int[] {1, 0}, 3).toArray());
        var e = assertThrows(IllegalArgumentException.class, () -> Dataset.oneHot(new int[] {1, 3}, 3));
        assertTrue(e.getMessage().contains("label 3") && e.getMessage().contains("0..2"), e.getMessage());
        var m = assertThrows(IllegalArgumentException.class, () -> Dataset.fromTable(Datasets.iris(), "class"));
        assertTrue(m.getMessage().contains("'class'"), m.getMessage());
    }

    @Test
    void accuracyCountsArgmaxHits() {
        Tensor scores = Tensor.of(new double[][] {{0.1, 0.9}, {0.8, 0.2}, {0.3, 0.7}});
        assertEquals(2.0 / 3, Metrics.accuracy(scores, new int[] {1, 0, 0}), 1e-15);
    }
}
