package org.harmonic.core.metrics;

import java.util.Arrays;
import java.util.SplittableRandom;

/** A seeded subsample of a table's rows, for the metrics whose cost grows faster than the rows. */
public final class RowSample {

    private RowSample() {
    }

    /** All {@code n} rows when {@code max <= 0} or {@code n <= max}, else {@code max} of them drawn without replacement (in increasing order). */
    public static int[] of(int n, int max, long seed) {
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        if (max <= 0 || n <= max) {
            return all;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < max; i++) {
            int j = i + random.nextInt(n - i);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        int[] out = Arrays.copyOf(all, max);
        Arrays.sort(out);
        return out;
    }
}
