package org.harmonic.core.metrics;

import java.util.Arrays;

/** Order statistics with numpy's default ("linear") interpolation. */
public final class Percentiles {

    private Percentiles() {
    }

    /** The q-th percentile (0..100): sorted[pos] interpolated linearly at pos = q/100 * (n - 1). */
    public static double percentile(double[] values, double q) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return percentileOfSorted(sorted, q);
    }

    public static double percentileOfSorted(double[] sorted, double q) {
        int n = sorted.length;
        if (n == 0) {
            return Double.NaN;
        }
        double pos = q / 100 * (n - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(n - 1, lo + 1);
        double t = pos - lo;
        double a = sorted[lo];
        double b = sorted[hi];
        // numpy's _lerp: a + (b - a) t, computed from the upper end when t >= 0.5
        return t >= 0.5 ? b - (b - a) * (1 - t) : a + (b - a) * t;
    }

    public static double mean(double[] values) {
        double s = 0;
        for (double v : values) {
            s += v;
        }
        return s / values.length;
    }
}
