package org.harmonic.core.synth;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How many synthetic rows each label class may still take, so a table of {@code rows} rows has
 * the real table's class shares ({@link LabelShares#REAL}). Counts are the largest-remainder
 * rounding of share x rows, so they add up to exactly {@code rows}.
 *
 * <p>A class the generator hardly ever samples must not stall synthesis: once {@link #patience}
 * candidates in a row were turned away, the quota gives up and admits every class, and
 * {@link #shortfall()} says which classes stayed short.
 */
final class LabelQuota {
    private final Map<String, Integer> target;
    private final Map<String, Integer> taken = new TreeMap<>();
    private final int patience;
    private int turnedAwayInARow;
    private boolean relaxed;

    private LabelQuota(Map<String, Integer> target, int patience) {
        this.target = target;
        this.patience = patience;
    }

    /**
     * @param realCounts rows per class in the real table (canonical label texts)
     * @param rows       rows the synthetic table gets
     * @param patience   candidates turned away in a row before the quota gives up
     */
    static LabelQuota of(Map<String, Integer> realCounts, int rows, int patience) {
        long total = realCounts.values().stream().mapToLong(Integer::longValue).sum();
        Map<String, Integer> target = new TreeMap<>();
        Map<String, Double> remainder = new LinkedHashMap<>();
        int assigned = 0;
        for (Map.Entry<String, Integer> e : realCounts.entrySet()) {
            double exact = (double) e.getValue() * rows / total;
            int whole = (int) Math.floor(exact);
            target.put(e.getKey(), whole);
            remainder.put(e.getKey(), exact - whole);
            assigned += whole;
        }
        List<String> byRemainder = new ArrayList<>(remainder.keySet());
        // largest remainder first; ties by label text, so the counts do not depend on map order
        byRemainder.sort(Comparator.comparing((String k) -> -remainder.get(k)).thenComparing(k -> k));
        for (int i = 0; i < rows - assigned; i++) {
            target.merge(byRemainder.get(i), 1, Integer::sum);
        }
        return new LabelQuota(target, patience);
    }

    /** Whether a candidate of class {@code label} may be accepted now. */
    boolean admits(String label) {
        if (relaxed || taken.getOrDefault(label, 0) < target.getOrDefault(label, 0)) {
            return true;
        }
        if (++turnedAwayInARow >= patience) {
            relaxed = true;
            return true;
        }
        return false;
    }

    /** Whether class {@code label} has its share (and the quota still enforces shares); no side effect. */
    boolean isFull(String label) {
        return !relaxed && taken.getOrDefault(label, 0) >= target.getOrDefault(label, 0);
    }

    /** Records an accepted row of class {@code label}. */
    void take(String label) {
        taken.merge(label, 1, Integer::sum);
        turnedAwayInARow = 0;
    }

    /** Rows per class the real shares ask for. */
    Map<String, Integer> target() {
        return Map.copyOf(target);
    }

    /** Classes that got fewer rows than their share because the quota gave up; empty when none. */
    Map<String, Integer> shortfall() {
        Map<String, Integer> out = new TreeMap<>();
        target.forEach((label, want) -> {
            int got = taken.getOrDefault(label, 0);
            if (got < want) {
                out.put(label, want - got);
            }
        });
        return out;
    }
}
