package org.jgrad.data;

import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Random;
import org.jgrad.autodiff.Tensor;

/**
 * Mini-batches over a {@link Dataset}, as PyTorch's DataLoader: in order, or reshuffled at the
 * start of every pass with a seeded random source (the same seed gives the same batches);
 * the last, smaller batch is kept unless {@link #dropLast(boolean)} says otherwise.
 */
public final class DataLoader implements Iterable<DataLoader.Batch> {

    /** One mini-batch: features [b, d] and their labels. */
    public record Batch(Tensor x, int[] labels) {
        public int size() {
            return labels.length;
        }
    }

    private final Dataset data;
    private final int batchSize;
    private final Random shuffle;
    private boolean dropLast;

    /** Batches in the data set's order. */
    public DataLoader(Dataset data, int batchSize) {
        this(data, batchSize, null);
    }

    /** Batches in a new random order every pass, from {@code seed}. */
    public DataLoader(Dataset data, int batchSize, long seed) {
        this(data, batchSize, new Random(seed));
    }

    private DataLoader(Dataset data, int batchSize, Random shuffle) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("DataLoader: batch size must be > 0, got " + batchSize);
        }
        if (data.size() == 0) {
            throw new IllegalArgumentException("DataLoader: the data set is empty");
        }
        this.data = data;
        this.batchSize = batchSize;
        this.shuffle = shuffle;
    }

    /** Drops the last batch when it is smaller than the batch size; returns this. */
    public DataLoader dropLast(boolean drop) {
        this.dropLast = drop;
        return this;
    }

    /** Batches per pass. */
    public int size() {
        int n = data.size();
        return dropLast ? n / batchSize : (n + batchSize - 1) / batchSize;
    }

    /** One pass over the data (a new order each time when shuffling). */
    @Override
    public Iterator<Batch> iterator() {
        int n = data.size();
        int[] order = shuffle == null ? null : Dataset.permutation(n, shuffle);
        int batches = size();
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < batches;
            }

            @Override
            public Batch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int from = next++ * batchSize;
                int to = Math.min(n, from + batchSize);
                int[] rows = new int[to - from];
                for (int i = 0; i < rows.length; i++) {
                    rows[i] = order == null ? from + i : order[from + i];
                }
                int[] y = new int[rows.length];
                Arrays.setAll(y, i -> data.labels()[rows[i]]);
                return new Batch(data.features().rows(rows), y);
            }
        };
    }
}
