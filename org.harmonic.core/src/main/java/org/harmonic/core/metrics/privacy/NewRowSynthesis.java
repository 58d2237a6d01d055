package org.harmonic.core.metrics.privacy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicIntegerArray;

import org.harmonic.core.util.Progress;
import org.harmonic.core.metrics.ColumnValues;
import org.harmonic.core.metrics.EvaluationConfig;
import org.harmonic.core.metrics.Json;
import org.harmonic.core.metrics.Metric;
import org.harmonic.core.metrics.MetricResult;
import org.harmonic.core.metrics.MetricTables;
import org.harmonic.core.metrics.ParallelRows;

/**
 * NRS, SDMetrics {@code NewRowSynthesis} (method.md B 6.5): the share of synthetic rows that match
 * no real training row, where s matches r when for every column j
 * <ul>
 * <li>s_j missing: r_j is missing;</li>
 * <li>numerical j: |r_j - s_j| <= |tau * s_j| (tolerance relative to the synthetic value, tau = 0.01);</li>
 * <li>categorical j (text, boolean, a classification target): r_j = s_j.</li>
 * </ul>
 * <pre>  NRS = #{ s in S : no r in R matches s } / |S|  </pre>
 * 1 = every synthetic row is new. Exact and indexed ({@link RealRowMatcher}, which the Synthesizer
 * also uses to reject candidates that match).
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
        List<ColumnValues> syn = t.synCols();
        RealRowMatcher index = new RealRowMatcher(t.realCols(), tau);
        int n = syn.get(0).size();
        AtomicIntegerArray matched = new AtomicIntegerArray(n);
        try (ParallelRows rows = new ParallelRows(config.threads())) {
            rows.forEach(n, (from, to) -> {
                for (int s = from; s < to; s++) {
                    if (index.matches(syn, s)) {
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
}
