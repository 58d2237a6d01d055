package org.harmonic.core.metrics;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** The column and column-pair statistics of SDMetrics, written from their definitions. */
public final class Statistics {

    private Statistics() {
    }

    /** Pearson's r = sum (x - mx)(y - my) / sqrt(sum (x - mx)^2 * sum (y - my)^2); NaN if undefined. */
    public static double pearson(double[] x, double[] y) {
        int n = x.length;
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            mx += x[i];
            my += y[i];
        }
        mx /= n;
        my /= n;
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < n; i++) {
            double dx = x[i] - mx;
            double dy = y[i] - my;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }
        double r = sxy / (Math.sqrt(sxx) * Math.sqrt(syy));
        return Math.max(-1, Math.min(1, r));
    }

    /** Number of distinct non-missing values. */
    public static int distinct(double[] values) {
        Set<Double> seen = new HashSet<>();
        for (double v : values) {
            if (!Double.isNaN(v)) {
                seen.add(v == 0 ? 0.0 : v);
            }
        }
        return seen.size();
    }

    public static int distinct(String[] values) {
        Set<String> seen = new HashSet<>();
        for (String v : values) {
            if (v != null) {
                seen.add(v);
            }
        }
        return seen.size();
    }

    /** Copy with missing values replaced by 0, as SDMetrics' CorrelationSimilarity does. */
    public static double[] missingAsZero(double[] values) {
        double[] out = values.clone();
        for (int i = 0; i < out.length; i++) {
            if (Double.isNaN(out[i])) {
                out[i] = 0;
            }
        }
        return out;
    }

    /** Present values rounded to 14 decimals (numpy's round: rint(x * 1e14) / 1e14), sorted. */
    public static double[] presentRoundedSorted(double[] values) {
        return Arrays.stream(values).filter(v -> !Double.isNaN(v)).map(v -> Math.rint(v * 1e14) / 1e14).sorted()
                .toArray();
    }

    /**
     * Two-sample Kolmogorov-Smirnov statistic D = max_t |F_1(t) - F_2(t)| over the pooled sample
     * (empirical CDFs counting values <= t), as scipy's ks_2samp.
     */
    public static double ksStatistic(double[] sorted1, double[] sorted2) {
        int n1 = sorted1.length;
        int n2 = sorted2.length;
        int i = 0;
        int j = 0;
        double d = 0;
        while (i < n1 || j < n2) {
            double t;
            if (j >= n2 || (i < n1 && sorted1[i] <= sorted2[j])) {
                t = sorted1[i];
            } else {
                t = sorted2[j];
            }
            while (i < n1 && sorted1[i] <= t) {
                i++;
            }
            while (j < n2 && sorted2[j] <= t) {
                j++;
            }
            d = Math.max(d, Math.abs((double) i / n1 - (double) j / n2));
        }
        return d;
    }

    /** Frequencies of the non-missing categories. */
    public static Map<String, Double> frequencies(String[] values) {
        Map<String, Double> counts = new HashMap<>();
        int n = 0;
        for (String v : values) {
            if (v != null) {
                counts.merge(v, 1.0, Double::sum);
                n++;
            }
        }
        for (Map.Entry<String, Double> e : counts.entrySet()) {
            e.setValue(e.getValue() / n);
        }
        return counts;
    }

    /** Total variation complement 1 - (1/2) sum_c |f_real(c) - f_syn(c)| over non-missing values. */
    public static double tvComplement(String[] real, String[] synthetic) {
        Map<String, Double> fr = frequencies(real);
        Map<String, Double> fs = frequencies(synthetic);
        Set<String> all = new HashSet<>(fr.keySet());
        all.addAll(fs.keySet());
        double tv = 0;
        for (String c : all) {
            tv += Math.abs(fr.getOrDefault(c, 0.0) - fs.getOrDefault(c, 0.0));
        }
        return 1 - 0.5 * tv;
    }

    /**
     * Contingency similarity 1 - (1/2) sum_(a,b) |p_real(a, b) - p_syn(a, b)| over the joint
     * frequencies of two discrete columns (missing is a value of its own).
     */
    public static double contingencySimilarity(String[] real1, String[] real2, String[] syn1, String[] syn2) {
        Map<Pair, Double> pr = joint(real1, real2);
        Map<Pair, Double> ps = joint(syn1, syn2);
        Set<Pair> all = new HashSet<>(pr.keySet());
        all.addAll(ps.keySet());
        double tv = 0;
        for (Pair p : all) {
            tv += Math.abs(pr.getOrDefault(p, 0.0) - ps.getOrDefault(p, 0.0));
        }
        return 1 - tv / 2;
    }

    /** One cell of a contingency table; null components are missing values. */
    private record Pair(String a, String b) {
    }

    private static Map<Pair, Double> joint(String[] x, String[] y) {
        Map<Pair, Double> counts = new HashMap<>();
        for (int i = 0; i < x.length; i++) {
            counts.merge(new Pair(x[i], y[i]), 1.0, Double::sum);
        }
        for (Map.Entry<Pair, Double> e : counts.entrySet()) {
            e.setValue(e.getValue() / x.length);
        }
        return counts;
    }

    /**
     * SDMetrics' discretisation of a numerical column for contingency tables, fit on that same
     * column: numpy's 10 equal-width bin edges between its min and max (min - 0.5 and max + 0.5 for
     * a constant column), then {@code np.digitize}: the number of edges <= x (1..11; the maximum
     * falls in bin 11, a missing value too).
     */
    public static String[] discretize(double[] values) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        if (min == max) {
            min -= 0.5;
            max += 0.5;
        }
        double[] edges = new double[11];
        double step = (max - min) / 10;
        for (int i = 0; i < 11; i++) {
            edges[i] = i * step + min;
        }
        edges[10] = max;
        String[] out = new String[values.length];
        for (int r = 0; r < values.length; r++) {
            double v = values[r];
            int bin = 0;
            if (Double.isNaN(v)) {
                bin = edges.length;
            } else {
                while (bin < edges.length && edges[bin] <= v) {
                    bin++;
                }
            }
            out[r] = Integer.toString(bin);
        }
        return out;
    }
}
