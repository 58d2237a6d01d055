package org.harmonic.core.metrics.fidelity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.harmonic.core.util.Progress;
import org.harmonic.core.metrics.ColumnValues;
import org.harmonic.core.metrics.EvaluationConfig;
import org.harmonic.core.metrics.Json;
import org.harmonic.core.metrics.Metric;
import org.harmonic.core.metrics.MetricResult;
import org.harmonic.core.metrics.MetricTables;
import org.harmonic.core.metrics.Statistics;

/**
 * CS (method.md A.5): SDMetrics {@code CorrelationSimilarity}, averaged over all pairs of
 * numerical columns (integer or float columns; a classification target counts as categorical):
 *
 * <pre>
 *   CS = mean over pairs (j, k) of  1 - |rho_real(j, k) - rho_syn(j, k)| / 2
 * </pre>
 *
 * with rho Pearson's correlation after missing values are replaced by 0 (SDMetrics does so; an
 * undefined rho counts as 0). A pair with a constant synthetic column has no correlation: it is
 * left out of the mean and listed in the details. 1 = the same correlations.
 *
 * <p>The details also carry SDMetrics' two quality-report properties:
 * <ul>
 * <li>column shapes: per column KSComplement = 1 - D (two-sample Kolmogorov-Smirnov statistic of
 * the present values rounded to 14 decimals) for numerical columns, TVComplement = 1 - TV for
 * categorical ones; and their mean;</li>
 * <li>column pair trends: per pair of columns CorrelationSimilarity (both numerical) or
 * ContingencySimilarity = 1 - TV of the joint frequencies (otherwise; a numerical column is cut
 * into SDMetrics' 10 equal-width bins fit on each table's own values); and their mean.</li>
 * </ul>
 */
public final class CorrelationSimilarity implements Metric {
    public static final String DEFINITION = "sdmetrics.CorrelationSimilarity.pearson";

    /** Correlations of one pair of numerical columns; score null when the pair was left out. */
    public record PairCorrelation(String column1, String column2, double real, double synthetic, Double score) {
    }

    /** Score of one column or column pair in SDMetrics' quality report. */
    public record PropertyScore(String columns, String metric, Double score) {
    }

    /** Result: CS and the column shapes and pair trends. */
    public record Result(Double value, List<String> numericalColumns, List<PairCorrelation> pairs,
            List<PropertyScore> columnShapes, List<PropertyScore> pairTrends, List<String> notes)
            implements MetricResult {
        @Override
        public String id() {
            return "cs";
        }

        @Override
        public String definition() {
            return DEFINITION;
        }

        @Override
        public Map<String, Object> parameters() {
            return Json.map("coefficient", "Pearson", "columns", "numerical (classification target excluded)",
                    "missing", "replaced by 0", "contingency_bins", 10);
        }

        public double columnShapesScore() {
            return mean(columnShapes);
        }

        public double pairTrendsScore() {
            return mean(pairTrends);
        }

        @Override
        public Map<String, Object> details() {
            List<Object> pairList = new ArrayList<>();
            for (PairCorrelation p : pairs) {
                pairList.add(Json.map("column_1", p.column1(), "column_2", p.column2(), "real", p.real(),
                        "synthetic", p.synthetic(), "score", p.score()));
            }
            return Json.map("pairs", pairList.size(), "correlations", pairList,
                    "column_shapes", Json.map("score", Json.finite(columnShapesScore()), "columns", scores(columnShapes)),
                    "column_pair_trends", Json.map("score", Json.finite(pairTrendsScore()), "pairs",
                            scores(pairTrends)),
                    "notes", notes);
        }

        private static List<Object> scores(List<PropertyScore> list) {
            List<Object> out = new ArrayList<>();
            for (PropertyScore s : list) {
                out.add(Json.map("columns", s.columns(), "metric", s.metric(), "score", s.score()));
            }
            return out;
        }

        private static double mean(List<PropertyScore> list) {
            return list.stream().filter(s -> s.score() != null).mapToDouble(PropertyScore::score).average()
                    .orElse(Double.NaN);
        }
    }

    @Override
    public String id() {
        return "cs";
    }

    @Override
    public Result compute(MetricTables t, EvaluationConfig config, Progress progress) {
        List<String> notes = new ArrayList<>();
        List<String> numerical = new ArrayList<>();
        List<PairCorrelation> pairs = new ArrayList<>();
        int m = t.columnCount();
        for (int c = 0; c < m; c++) {
            if (t.numerical(c)) {
                numerical.add(t.name(c));
            }
        }
        Map<String, PairCorrelation> byPair = new LinkedHashMap<>();
        for (int a = 0; a < m; a++) {
            for (int b = a + 1; b < m; b++) {
                if (t.numerical(a) && t.numerical(b)) {
                    PairCorrelation p = correlation(t, a, b, notes);
                    pairs.add(p);
                    byPair.put(a + ":" + b, p);
                }
            }
        }
        progress.report(0.3, "correlations");
        List<PropertyScore> shapes = new ArrayList<>();
        for (int c = 0; c < m; c++) {
            ColumnValues r = t.realCols().get(c);
            ColumnValues s = t.synCols().get(c);
            if (r.numerical()) {
                double d = Statistics.ksStatistic(Statistics.presentRoundedSorted(r.numbers()),
                        Statistics.presentRoundedSorted(s.numbers()));
                shapes.add(new PropertyScore(r.name(), "KSComplement", 1 - d));
            } else {
                shapes.add(new PropertyScore(r.name(), "TVComplement",
                        Statistics.tvComplement(r.categories(), s.categories())));
            }
        }
        progress.report(0.5, "column shapes");
        List<PropertyScore> trends = new ArrayList<>();
        for (int a = 0; a < m; a++) {
            for (int b = a + 1; b < m; b++) {
                String label = t.name(a) + " | " + t.name(b);
                PairCorrelation p = byPair.get(a + ":" + b);
                if (p != null) {
                    trends.add(new PropertyScore(label, "CorrelationSimilarity", p.score()));
                } else {
                    trends.add(new PropertyScore(label, "ContingencySimilarity", Statistics.contingencySimilarity(
                            discrete(t.realCols().get(a)), discrete(t.realCols().get(b)),
                            discrete(t.synCols().get(a)), discrete(t.synCols().get(b)))));
                }
            }
            progress.checkCanceled();
        }
        progress.report(1, "column pair trends");
        Double value = pairs.stream().anyMatch(p -> p.score() != null)
                ? pairs.stream().filter(p -> p.score() != null).mapToDouble(PairCorrelation::score).average()
                        .getAsDouble()
                : null;
        if (numerical.size() < 2) {
            notes.add("CS needs two numerical columns; the table has " + numerical.size());
        }
        return new Result(value, List.copyOf(numerical), List.copyOf(pairs), List.copyOf(shapes), List.copyOf(trends),
                List.copyOf(notes));
    }

    private static PairCorrelation correlation(MetricTables t, int a, int b, List<String> notes) {
        double[] ra = t.realCols().get(a).numbers();
        double[] rb = t.realCols().get(b).numbers();
        double[] sa = t.synCols().get(a).numbers();
        double[] sb = t.synCols().get(b).numbers();
        double real = orZero(Statistics.pearson(Statistics.missingAsZero(ra), Statistics.missingAsZero(rb)));
        if (Statistics.distinct(sa) < 2 || Statistics.distinct(sb) < 2) {
            String constant = Statistics.distinct(sa) < 2 ? t.name(a) : t.name(b);
            String note = "synthetic column '" + constant + "' is constant: its correlations are undefined "
                    + "and left out of CS";
            if (!notes.contains(note)) {
                notes.add(note);
            }
            return new PairCorrelation(t.name(a), t.name(b), real, 0, null);
        }
        double syn = orZero(Statistics.pearson(Statistics.missingAsZero(sa), Statistics.missingAsZero(sb)));
        return new PairCorrelation(t.name(a), t.name(b), real, syn, 1 - Math.abs(real - syn) / 2);
    }

    /**
     * Pearson correlations between the given numerical columns (missing values as 0, as CS
     * computes them); NaN where a column is constant.
     */
    public static double[][] pearsonMatrix(List<ColumnValues> columns) {
        int k = columns.size();
        double[][] out = new double[k][k];
        for (int a = 0; a < k; a++) {
            for (int b = a; b < k; b++) {
                double[] x = columns.get(a).numbers();
                double[] y = columns.get(b).numbers();
                double r = Statistics.distinct(x) < 2 || Statistics.distinct(y) < 2 ? Double.NaN
                        : a == b ? 1 : Statistics.pearson(Statistics.missingAsZero(x), Statistics.missingAsZero(y));
                out[a][b] = r;
                out[b][a] = r;
            }
        }
        return out;
    }

    private static double orZero(double r) {
        return Double.isNaN(r) ? 0 : r;
    }

    private static String[] discrete(ColumnValues column) {
        return column.numerical() ? Statistics.discretize(column.numbers()) : column.categories();
    }
}
