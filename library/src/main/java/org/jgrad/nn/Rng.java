package org.jgrad.nn;

import java.util.Random;

/**
 * The random source layers use when none is given, like {@code torch.manual_seed}: a
 * notebook calls {@code Rng.manualSeed(0)} once at the top and every re-run gives the same
 * numbers. It starts seeded with 0, so even an unseeded run is repeatable.
 */
public final class Rng {

    private static Random random = new Random(0);

    private Rng() {
    }

    /** Reseeds the shared source. */
    public static synchronized void manualSeed(long seed) {
        random = new Random(seed);
    }

    /** The shared source. */
    public static synchronized Random get() {
        return random;
    }
}
