package org.harmonic.core.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicIntegerArray;

import org.harmonic.core.util.Progress;

/**
 * NRS, SDMetrics {@code NewRowSynthesis} (method.md B 6.5): the share of synthetic rows that match
 * no real training row, where s matches r when for every column j
 * <ul>
 * <li>s_j missing: r_j is missing;</li>
 * <li>numerical j: |r_j - s_j| <= |tau * s_j| (tolerance relative to the synthetic value, tau = 0.01);</li>
 * <li>categorical j (text, boolean, a classification target): r_j = s_j.</li>
 * </ul>
 * <pre>  NRS = #{ s in S : no r in R matches s } / |S|  </pre>
 * 1 = every synthetic row is new. Exact: real rows are grouped by their categorical values and
 * missing-value pattern, and sorted within a group on one numerical column, so each synthetic row
 * checks only the real rows inside its tolerance window on that column.
 */
public final class NewRowSynthesis implements Metric {
    public static final String DEFINITION = "sdmetrics.NewRowSynthesis";

    /** Result: the share of new rows and the indexes (0-based) of synthetic rows that copy a real row. */
    public record Result(double score, double tolerance, int syntheticRows, int matchedRows, List<Integer> matchedExamples)
            implements MetricResult {
        @Override
        public String id() {
            return "nrs";
        }

        @Override
        public Double value() {
            return score;
        }

        @Override
        public String definition() {
            return DEFINITION;
        }

        @Override
        public Map<String, Object> parameters() {
            return Json.map("numerical_match_tolerance", tolerance, "synthetic_sample_size", "all rows");
        }

        @Override
        public Map<String, Object> details() {
            return Json.map("num_new_rows", syntheticRows - matchedRows, "num_matched_rows", matchedRows,
                    "matched_synthetic_rows_first", matchedExamples);
        }
    }

    @Override
    public String id() {
        return "nrs";
    }

    @Override
    public Result compute(MetricTables t, EvaluationConfig config, Progress progress) {
        double tau = config.nrsTolerance();
        List<ColumnValues> real = t.realCols();
        List<ColumnValues> syn = t.synCols();
        int[] numerical = numericalOrder(real);
        Map<List<Object>, Group> groups = new HashMap<>();
        int realRows = real.get(0).size();
        for (int r = 0; r < realRows; r++) {
            groups.computeIfAbsent(exactKey(real, r), k -> new Group()).add(r);
        }
        for (Group g : groups.values()) {
            g.index(real, numerical);
        }
        int n = syn.get(0).size();
        AtomicIntegerArray matched = new AtomicIntegerArray(n);
        try (ParallelRows rows = new ParallelRows(config.threads())) {
            rows.forEach(n, (from, to) -> {
                for (int s = from; s < to; s++) {
                    Group g = groups.get(exactKey(syn, s));
                    if (g != null && g.matches(real, syn, s, tau)) {
                        matched.set(s, 1);
                    }
                }
                progress.checkCanceled();
            });
        }
        int count = 0;
        List<Integer> examples = new ArrayList<>();
        for (int s = 0; s < n; s++) {
            if (matched.get(s) == 1) {
                count++;
                if (examples.size() < 20) {
                    examples.add(s);
                }
            }
        }
        progress.report(1, "new row synthesis");
        return new Result((double) (n - count) / n, tau, n, count, List.copyOf(examples));
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
            int i = lowerBound(sorted, v - slack);
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

        private static int lowerBound(double[] a, double x) {
            int lo = 0;
            int hi = a.length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (a[mid] < x) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }
    }
}
