package org.harmonic.core.metrics.privacy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;

import org.harmonic.core.util.Seeds;
import org.harmonic.core.neighbours.FeatureMatrix;
import org.harmonic.core.neighbours.NearestNeighbours;
import org.harmonic.core.table.ColumnType;
import org.harmonic.core.util.Progress;
import org.harmonic.core.metrics.ColumnValues;
import org.harmonic.core.metrics.DcrVariant;
import org.harmonic.core.metrics.EvaluationConfig;
import org.harmonic.core.metrics.Json;
import org.harmonic.core.metrics.Metric;
import org.harmonic.core.metrics.MetricResult;
import org.harmonic.core.metrics.MetricTables;
import org.harmonic.core.metrics.Percentiles;
import org.harmonic.core.metrics.RowEncoder;
import org.harmonic.core.metrics.Statistics;

/**
 * DCR, distance to closest record (method.md A.5). Primary definition ({@link DcrVariant#MEAN}):
 *
 * <pre>
 *   DCR = (1/|S|) sum_{s in S} min_{r in R} || enc(s) - enc(r) ||_2
 * </pre>
 *
 * over all columns (target included), with one {@link RowEncoder} fit on the real training table
 * R: label codes in sorted order of the real categories (anything else gets the next code), then
 * every column standardised with the real mean and population standard deviation (a constant
 * column only centred). 0 = the synthetic rows are copies of real ones; larger = farther away.
 *
 * <p>Baseline protection (after SDMetrics' DCRBaselineProtection): a random table of |S| rows,
 * each numerical column uniform in the real [min, max] (whole numbers for integer columns), each
 * categorical column uniform over the real categories, is measured the same way;
 * {@code protection = min(1, median DCR(S) / median DCR(random))}: 1 = the synthetic rows are as
 * far from the real ones as random rows are.
 *
 * <p>The reference variant ({@link DcrVariant#REFERENCE}) is in {@link ReferenceDcr}.
 * The search is exact, blocked and multi-threaded ({@link NearestNeighbours}).
 */
public final class DistanceToClosestRecord implements Metric {
    public static final String DEFINITION_MEAN = "harmonic.dcr.mean_syn_to_real.real_standardised";
    private static final int HISTOGRAM_BINS = 30;

    /**
     * Result of the primary definition.
     *
     * @param distances        per synthetic row, the distance to its closest real row
     * @param randomDistances  the same for the random baseline table
     */
    public record Result(double mean, double[] distances, double[] randomDistances, long seed,
            ReferenceDcr.Result reference, DcrVariant variant) implements MetricResult {
        @Override
        public String id() {
            return "dcr";
        }

        @Override
        public Double value() {
            return variant == DcrVariant.REFERENCE ? reference.value() : mean;
        }

        @Override
        public String definition() {
            return variant == DcrVariant.REFERENCE ? ReferenceDcr.DEFINITION : DEFINITION_MEAN;
        }

        @Override
        public Map<String, Object> parameters() {
            return Json.map("variant", variant.name().toLowerCase(java.util.Locale.ROOT), "distance", "euclidean",
                    "encoding", "label codes (sorted real categories, unseen = next code), standardised with the "
                            + "real mean and population std",
                    "direction", "synthetic to real", "baseline", "uniform random table, seed " + seed);
        }

        public double median() {
            return Percentiles.percentile(distances, 50);
        }

        public double baselineProtection() {
            double random = Percentiles.percentile(randomDistances, 50);
            return random > 0 ? Math.min(1, median() / random) : 1;
        }

        /** Share of synthetic rows at distance 0 (copies of a real row in every column). */
        public double exactCopies() {
            return Arrays.stream(distances).filter(d -> d == 0).count() / (double) distances.length;
        }

        @Override
        public Map<String, Object> details() {
            Map<String, Object> base = Json.map(
                    "mean", mean,
                    "median", median(),
                    "p5", Percentiles.percentile(distances, 5),
                    "p95", Percentiles.percentile(distances, 95),
                    "min", Arrays.stream(distances).min().orElse(0),
                    "exact_copies", exactCopies(),
                    "baseline_protection", baselineProtection(),
                    "median_random_baseline", Percentiles.percentile(randomDistances, 50),
                    "mean_random_baseline", Percentiles.mean(randomDistances),
                    "histogram", histogram(distances, HISTOGRAM_BINS));
            if (reference == null) {
                return base;
            }
            Map<String, Object> out = new java.util.LinkedHashMap<>(base);
            out.put("reference", reference.details());
            return java.util.Collections.unmodifiableMap(out);
        }
    }

    @Override
    public String id() {
        return "dcr";
    }

    @Override
    public double cost(Metric.Size size) {
        // an exact k-d tree search per synthetic row: about n log n, not every pair (bank-full's
        // 45k x 45k rows took seconds; the pairwise estimate said 56 minutes and froze the ETA)
        return size.germanCredits() * Math.max(1, Math.log(Math.max(2, size.realRows())) / Math.log(700));
    }

    @Override
    public Result compute(MetricTables t, EvaluationConfig config, Progress progress) {
        NearestNeighbours search = new NearestNeighbours(config.threads());
        RowEncoder encoder = RowEncoder.fit(t.realCols(), RowEncoder.Scaling.STANDARD);
        FeatureMatrix real = matrix(encoder.encode(t.realCols()));
        FeatureMatrix syn = matrix(encoder.encode(t.synCols()));
        double[] distances = closest(search, real, syn, progress.sub(0, 0.45));
        List<ColumnValues> random = randomTable(t, t.synthetic().rowCount(), config.seed());
        double[] randomDistances = closest(search, real, matrix(encoder.encode(random)), progress.sub(0.45, 0.9));
        ReferenceDcr.Result reference = config.dcrVariant() == DcrVariant.REFERENCE
                ? new ReferenceDcr().compute(t, search, progress.sub(0.9, 1)) : null;
        progress.report(1, "distance to closest record");
        return new Result(Percentiles.mean(distances), distances, randomDistances, config.seed(), reference,
                config.dcrVariant());
    }

    static FeatureMatrix matrix(double[][] dims) {
        return FeatureMatrix.ofDimensions(dims, dims[0].length);
    }

    private static double[] closest(NearestNeighbours search, FeatureMatrix points, FeatureMatrix queries,
            Progress progress) {
        double[][] d = search.nearest(points, queries, 1, false, progress).distances();
        double[] out = new double[d.length];
        for (int i = 0; i < d.length; i++) {
            out[i] = d[i][0];
        }
        return out;
    }

    /** The uniform random baseline table, in the roles of the real table's columns. */
    static List<ColumnValues> randomTable(MetricTables t, int rows, long seed) {
        SplittableRandom random = new SplittableRandom(Seeds.randomBaselineTable(seed));
        List<ColumnValues> out = new ArrayList<>();
        for (int c = 0; c < t.columnCount(); c++) {
            ColumnValues real = t.realCols().get(c);
            if (real.numerical()) {
                double min = Double.POSITIVE_INFINITY;
                double max = Double.NEGATIVE_INFINITY;
                for (double v : real.numbers()) {
                    if (!Double.isNaN(v)) {
                        min = Math.min(min, v);
                        max = Math.max(max, v);
                    }
                }
                boolean whole = t.real().column(c).type() == ColumnType.INTEGER;
                double[] values = new double[rows];
                for (int r = 0; r < rows; r++) {
                    values[r] = whole ? Math.floor(min + random.nextDouble() * (max - min + 1))
                            : min + random.nextDouble() * (max - min);
                    values[r] = Math.min(values[r], max);
                }
                out.add(new ColumnValues(real.name(), true, values, null, 0));
            } else {
                List<String> categories = new ArrayList<>(new TreeSet<>(Statistics.frequencies(real.categories())
                        .keySet()));
                String[] values = new String[rows];
                for (int r = 0; r < rows; r++) {
                    values[r] = categories.get(random.nextInt(categories.size()));
                }
                out.add(new ColumnValues(real.name(), false, null, values, 0));
            }
        }
        return out;
    }

    /** Equal-width histogram of the values between 0 and their maximum. */
    static Map<String, Object> histogram(double[] values, int bins) {
        double max = Arrays.stream(values).max().orElse(0);
        double width = max > 0 ? max / bins : 1;
        List<Integer> counts = new ArrayList<>();
        int[] c = new int[bins];
        for (double v : values) {
            c[Math.min(bins - 1, (int) (v / width))]++;
        }
        for (int x : c) {
            counts.add(x);
        }
        return Json.map("bin_width", width, "counts", counts);
    }
}
