package org.harmonic.core.util;

import java.util.random.RandomGenerator;

/** Seeded random orders, one algorithm for every caller so a seed means the same order everywhere. */
public final class Permutation {

    private Permutation() {
    }

    /**
     * 0 .. n-1 in a random order: Fisher-Yates from the end, swapping i with a uniform j in [0, i]
     * (the order of draws is part of the instruction builder's reproducible output; do not change it).
     */
    public static int[] shuffled(int n, RandomGenerator random) {
        int[] values = new int[n];
        for (int i = 0; i < n; i++) {
            values[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = values[i];
            values[i] = values[j];
            values[j] = t;
        }
        return values;
    }
}
