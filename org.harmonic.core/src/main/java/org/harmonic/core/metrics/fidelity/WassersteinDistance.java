package org.harmonic.core.metrics.fidelity;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.harmonic.core.util.Seeds;
import org.harmonic.core.util.Progress;
import org.harmonic.core.metrics.EvaluationConfig;
import org.harmonic.core.metrics.Json;
import org.harmonic.core.metrics.Metric;
import org.harmonic.core.metrics.MetricResult;
import org.harmonic.core.metrics.MetricTables;
import org.harmonic.core.metrics.ParallelRows;
import org.harmonic.core.metrics.RowEncoder;
import org.harmonic.core.metrics.RowSample;

/**
 * WD (method.md A.5; synthcity {@code WassersteinDistance}): the debiased Sinkhorn divergence
 * ({@link Sinkhorn}, squared Euclidean cost |x - y|^2 / 2, blur 0.05, scaling 0.5) between the
 * real and the synthetic rows, all columns (target included) label-encoded and min-max scaled
 * with the real table's statistics ({@link RowEncoder}). 0 = same distribution.
 *
 * <p>Also, per column, the 1-D Wasserstein-1 distance of the same scaled values (scipy's
 * {@code wasserstein_distance}: the integral of |F_real - F_syn|), for the report.
 *
 * <p>Tables larger than {@link EvaluationConfig#sinkhornMaxRows()} are subsampled without
 * replacement (seeded) for the Sinkhorn part; the details say so.
 */
public final class WassersteinDistance implements Metric {
    public static final String DEFINITION = "synthcity.wasserstein_dist.sinkhorn";

    /** Result: the divergence, per-column W1 distances and the solver's schedule. */
    public record Result(double divergence, double blur, double scaling, int realRows, int syntheticRows,
            boolean subsampled, double diameter, int epsilonSteps, Map<String, Double> perColumnW1)
            implements MetricResult {
        @Override
        public String id() {
            return "wd";
        }

        @Override
        public Double value() {
            return divergence;
        }

        @Override
        public String definition() {
            return DEFINITION;
        }

        @Override
        public Map<String, Object> parameters() {
            return Json.map("cost", "squared_euclidean_half", "p", 2, "blur", blur, "scaling", scaling,
                    "debias", true, "encoding", "label codes + min-max scaling fit on the real table");
        }

        @Override
        public Map<String, Object> details() {
            double mean = perColumnW1.values().stream().mapToDouble(Double::doubleValue).average().orElse(0);
            return Json.map("real_rows_used", realRows, "synthetic_rows_used", syntheticRows, "subsampled", subsampled,
                    "diameter", diameter, "epsilon_steps", epsilonSteps, "per_column_w1", perColumnW1,
                    "mean_column_w1", mean);
        }
    }

    @Override
    public String id() {
        return "wd";
    }

    @Override
    public Result compute(MetricTables tables, EvaluationConfig config, Progress progress) {
        RowEncoder encoder = RowEncoder.fit(tables.realCols(), RowEncoder.Scaling.MIN_MAX);
        double[][] real = encoder.encode(tables.realCols());
        double[][] syn = encoder.encode(tables.synCols());
        Map<String, Double> perColumn = new LinkedHashMap<>();
        for (int c = 0; c < real.length; c++) {
            perColumn.put(tables.name(c), wasserstein1(real[c], syn[c]));
        }
        int dims = real.length;
        int[] realRows = RowSample.of(real[0].length, config.sinkhornMaxRows(), config.seed());
        int[] synRows = RowSample.of(syn[0].length, config.sinkhornMaxRows(), Seeds.syntheticSample(config.seed()));
        Sinkhorn.Outcome outcome;
        try (ParallelRows rows = new ParallelRows(config.threads())) {
            outcome = new Sinkhorn(config.sinkhornBlur(), config.sinkhornScaling())
                    .divergence(rowMajor(real, realRows), rowMajor(syn, synRows), dims, rows, progress);
        }
        boolean subsampled = realRows.length < real[0].length || synRows.length < syn[0].length;
        return new Result(outcome.divergence(), config.sinkhornBlur(), config.sinkhornScaling(), realRows.length,
                synRows.length, subsampled, outcome.diameter(), outcome.epsilons().size(), perColumn);
    }


    static double[] rowMajor(double[][] dimensionMajor, int[] rows) {
        int dims = dimensionMajor.length;
        double[] out = new double[rows.length * dims];
        for (int i = 0; i < rows.length; i++) {
            for (int d = 0; d < dims; d++) {
                out[i * dims + d] = dimensionMajor[d][rows[i]];
            }
        }
        return out;
    }

    /**
     * 1-D Wasserstein-1 distance between two samples with equal weights, as scipy computes it:
     * sum over consecutive points t_k of the pooled sorted sample of |F_u(t_k) - F_v(t_k)| (t_k+1 - t_k).
     */
    static double wasserstein1(double[] u, double[] v) {
        double[] su = u.clone();
        double[] sv = v.clone();
        Arrays.sort(su);
        Arrays.sort(sv);
        double[] all = new double[su.length + sv.length];
        System.arraycopy(su, 0, all, 0, su.length);
        System.arraycopy(sv, 0, all, su.length, sv.length);
        Arrays.sort(all);
        int iu = 0;
        int iv = 0;
        double sum = 0;
        for (int k = 0; k + 1 < all.length; k++) {
            double t = all[k];
            while (iu < su.length && su[iu] <= t) {
                iu++;
            }
            while (iv < sv.length && sv[iv] <= t) {
                iv++;
            }
            sum += Math.abs((double) iu / su.length - (double) iv / sv.length) * (all[k + 1] - t);
        }
        return sum;
    }
}
