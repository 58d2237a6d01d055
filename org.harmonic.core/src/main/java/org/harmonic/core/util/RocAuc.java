package org.harmonic.core.util;

import java.util.Arrays;

/** The area under the ROC curve, from ranks. */
public final class RocAuc {

    private RocAuc() {
    }

    /**
     * The probability that a random positive scores above a random negative, ties counted half (tied scores
     * share their mean rank); 0.5 when either class is absent.
     */
    public static double of(double[] scores, boolean[] positive) {
        int n = scores.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(scores[a], scores[b]));
        double positiveRanks = 0;
        long positives = 0;
        for (int i = 0; i < n;) {
            int end = i;
            while (end + 1 < n && scores[order[end + 1]] == scores[order[i]]) {
                end++;
            }
            double rank = (i + end) / 2.0 + 1; // tied scores share their mean rank
            for (int t = i; t <= end; t++) {
                if (positive[order[t]]) {
                    positiveRanks += rank;
                    positives++;
                }
            }
            i = end + 1;
        }
        long negatives = n - positives;
        if (positives == 0 || negatives == 0) {
            return 0.5;
        }
        return (positiveRanks - positives * (positives + 1) / 2.0) / (positives * (double) negatives);
    }
}
