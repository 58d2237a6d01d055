package org.harmonic.core.lm.checkpoint;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/** Suggestions for a mistyped or mismatched name, for error messages. */
final class SimilarNames {

    private SimilarNames() {
    }

    /** Up to {@code limit} candidates closest to {@code wanted} by edit distance, closest first. */
    static List<String> closest(String wanted, Collection<String> candidates, int limit) {
        return candidates.stream()
                .sorted(Comparator.comparingInt((String c) -> editDistance(wanted, c))
                        .thenComparing(Comparator.naturalOrder()))
                .limit(limit)
                .toList();
    }

    static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(substitute, Math.min(prev[j], cur[j - 1]) + 1);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
