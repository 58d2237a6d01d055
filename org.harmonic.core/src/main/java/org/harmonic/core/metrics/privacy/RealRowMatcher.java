package org.harmonic.core.metrics.privacy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.harmonic.core.knn.TaskType;
import org.harmonic.core.table.Table;
import org.harmonic.core.metrics.ColumnValues;
import org.harmonic.core.metrics.MetricTables;
import org.harmonic.core.metrics.Statistics;
import org.harmonic.core.util.SortedArrays;

/**
 * Whether a row matches a real row in NRS's sense (SDMetrics NewRowSynthesis, see
 * {@link NewRowSynthesis}): equal categories and missing-value pattern, every number within
 * {@code tau} x its own value. Indexed: real rows are grouped by their categorical values and
 * missing-value pattern, and sorted within a group on one numerical column, so a query checks only
 * the real rows inside its tolerance window on that column. NRS counts the synthetic rows that
 * match; the Synthesizer rejects candidates that match, so the guard and the metric agree.
 */
public final class RealRowMatcher {
    private final List<ColumnValues> real;
    private final Map<List<Object>, Group> groups = new HashMap<>();
    private final double tau;
    private final boolean[] numerical;
    private final boolean[] numbersByValue;

    /** An index of {@code real}'s rows (columns in their metric roles). */
    public RealRowMatcher(List<ColumnValues> real, double tau) {
        this(real, tau, null, null);
    }

    private RealRowMatcher(List<ColumnValues> real, double tau, boolean[] numerical, boolean[] numbersByValue) {
        this.real = real;
        this.tau = tau;
        this.numerical = numerical;
        this.numbersByValue = numbersByValue;
        int[] order = numericalOrder(real);
        int rows = real.get(0).size();
        for (int r = 0; r < rows; r++) {
            groups.computeIfAbsent(exactKey(real, r), k -> new Group()).add(r);
        }
        for (Group g : groups.values()) {
            g.index(real, order);
        }
    }

    /**
     * An index of a real table's rows, its columns read in the metrics' roles ({@code target} is
     * categorical for a classification task).
     */
    public static RealRowMatcher of(Table real, int target, TaskType task, double tau) {
        List<ColumnValues> cols = new ArrayList<>();
        boolean[] numerical = new boolean[real.columnCount()];
        boolean[] byValue = new boolean[real.columnCount()];
        for (int c = 0; c < real.columnCount(); c++) {
            numerical[c] = MetricTables.isNumerical(real.column(c).type(), c == target, task);
            byValue[c] = real.column(c).type().isNumber();
            cols.add(MetricTables.read(real.column(c), numerical[c], byValue[c]));
        }
        return new RealRowMatcher(List.copyOf(cols), tau, numerical, byValue);
    }

    /** Whether row {@code row} of {@code rows} (the real table's columns, in its order) matches a real row. */
    public boolean matches(Table rows, int row) {
        if (numerical == null) {
            throw new IllegalStateException("built from column values: query with matches(List, int)");
        }
        List<ColumnValues> cols = new ArrayList<>(rows.columnCount());
        for (int c = 0; c < rows.columnCount(); c++) {
            cols.add(MetricTables.read(rows.column(c), numerical[c], numbersByValue[c]));
        }
        return matches(cols, row);
    }

    /** Whether row {@code s} of {@code syn} (columns in the real columns' roles and order) matches a real row. */
    public boolean matches(List<ColumnValues> syn, int s) {
        Group g = groups.get(exactKey(syn, s));
        return g != null && g.matches(real, syn, s, tau);
    }

    /** Numerical columns, the one with the most distinct real values first (the best to sort on). */
    private static int[] numericalOrder(List<ColumnValues> real) {
        List<Integer> cols = new ArrayList<>();
        for (int c = 0; c < real.size(); c++) {
            if (real.get(c).numerical()) {
                cols.add(c);
            }
        }
        cols.sort((a, b) -> Integer.compare(Statistics.distinct(real.get(b).numbers()),
                Statistics.distinct(real.get(a).numbers())));
        return cols.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Categorical values and which numerical values are missing: these must be equal for a match. */
    private static List<Object> exactKey(List<ColumnValues> cols, int row) {
        List<Object> key = new ArrayList<>(cols.size());
        for (ColumnValues c : cols) {
            key.add(c.numerical() ? (Object) Boolean.valueOf(Double.isNaN(c.numbers()[row])) : c.categories()[row]);
        }
        return key;
    }

    /** Real rows with the same exact key, sorted on the first numerical column they all have. */
    private static final class Group {
        private final List<Integer> members = new ArrayList<>();
        private int sortColumn = -1;
        private int[] rows;
        private double[] sorted;
        private int[] others;

        void add(int row) {
            members.add(row);
        }

        void index(List<ColumnValues> real, int[] numerical) {
            int first = members.get(0);
            List<Integer> present = new ArrayList<>();
            for (int c : numerical) {
                if (!Double.isNaN(real.get(c).numbers()[first])) {
                    present.add(c);
                }
            }
            rows = members.stream().mapToInt(Integer::intValue).toArray();
            if (present.isEmpty()) {
                return;
            }
            sortColumn = present.get(0);
            others = present.subList(1, present.size()).stream().mapToInt(Integer::intValue).toArray();
            double[] key = real.get(sortColumn).numbers();
            Integer[] boxed = members.toArray(new Integer[0]);
            Arrays.sort(boxed, (a, b) -> Double.compare(key[a], key[b]));
            rows = Arrays.stream(boxed).mapToInt(Integer::intValue).toArray();
            sorted = new double[rows.length];
            for (int i = 0; i < rows.length; i++) {
                sorted[i] = key[rows[i]];
            }
        }

        boolean matches(List<ColumnValues> real, List<ColumnValues> syn, int s, double tau) {
            if (sortColumn < 0) {
                return true; // equal categories and no numbers to compare
            }
            double v = syn.get(sortColumn).numbers()[s];
            double tol = Math.abs(tau * v);
            // a slightly wider window for the search; the exact test below decides
            double slack = tol + Math.ulp(Math.abs(v) + tol) * 4;
            int i = SortedArrays.firstAtLeast(sorted, v - slack);
            for (; i < sorted.length && sorted[i] <= v + slack; i++) {
                if (!(Math.abs(sorted[i] - v) <= tol)) {
                    continue;
                }
                int r = rows[i];
                boolean all = true;
                for (int c : others) {
                    double sv = syn.get(c).numbers()[s];
                    if (!(Math.abs(real.get(c).numbers()[r] - sv) <= Math.abs(tau * sv))) {
                        all = false;
                        break;
                    }
                }
                if (all) {
                    return true;
                }
            }
            return false;
        }
    }
}
