package org.harmonic.core.api;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.harmonic.core.metrics.MetricResult;
import org.harmonic.core.metrics.evaluation.Evaluation;
import org.harmonic.core.metrics.evaluation.EvaluationReport;
import org.harmonic.core.metrics.fidelity.CorrelationSimilarity;
import org.harmonic.core.metrics.fidelity.DataMismatch;
import org.harmonic.core.metrics.fidelity.WassersteinDistance;
import org.harmonic.core.options.EvaluateOptions;
import org.harmonic.core.table.Table;
import org.harmonic.core.util.HarmonicInputException;
import org.harmonic.core.util.JsonText;
import org.harmonic.core.util.Progress;

/** The Fidelity Metrics (method.md A.4): DM, WD, CS, MLE, DCR and NRS of a synthetic table against the real one. */
public final class FidelityMetrics {

    private FidelityMetrics() {
    }

    /**
     * One metric's outcome, as report.json's {@code metrics.<id>}.
     *
     * @param value          the primary value; null where the metric does not apply (the details say why)
     * @param parametersJson its parameters as a JSON object
     * @param detailsJson    its secondary numbers and notes as a JSON object
     */
    public record Metric(String id, Double value, String definition, String parametersJson, String detailsJson) {
    }

    /**
     * What the metrics say about one real column; null where the metric was not run (or, for the synthetic type,
     * where the synthetic table lacks the column).
     *
     * @param type          the real column's type, lower case ({@code numeric}, {@code categorical}, ...)
     * @param syntheticType the synthetic column's type
     * @param mismatched    DM: whether the synthetic column holds values the real one cannot
     * @param w1            WD: the column's Wasserstein-1 distance
     * @param shapeMetric   CS: the column-shape score's metric
     * @param shapeScore    CS: the column-shape score
     */
    public record ColumnScores(String name, String type, String syntheticType, Boolean mismatched, Double w1,
            String shapeMetric, Double shapeScore) {
    }

    /** The metrics in the order asked for, one entry per real column, and the evaluation's warnings. */
    public record Report(List<Metric> metrics, List<ColumnScores> columns, List<String> warnings) {
        public Report {
            metrics = List.copyOf(metrics);
            columns = List.copyOf(columns);
            warnings = List.copyOf(warnings);
        }
    }

    /**
     * Checks the options without tables.
     *
     * @throws HarmonicInputException naming the option and the fix
     */
    public static void check(EvaluateOptions options) {
        options.evaluation();
    }

    /**
     * Scores {@code synthetic} against {@code real}.
     *
     * @param test   the real test table (MLE needs it), or null
     * @param target the label column, or null (MLE and the label-aware scores need it)
     */
    public static Report evaluate(Table real, Table synthetic, Table test, String target, EvaluateOptions options,
            Progress progress) {
        EvaluationReport report = Evaluation.evaluate(real, synthetic, test, target, options.evaluation(), progress);
        List<Metric> metrics = new ArrayList<>();
        for (MetricResult r : report.results()) {
            metrics.add(new Metric(r.id(), r.value(), r.definition(), JsonText.write(r.parameters()),
                    JsonText.write(r.details())));
        }
        return new Report(metrics, columns(report, real, synthetic), report.warnings());
    }

    private static List<ColumnScores> columns(EvaluationReport report, Table real, Table synthetic) {
        Set<String> mismatched = new HashSet<>();
        boolean dm = report.get("dm", DataMismatch.Result.class).map(r -> {
            r.mismatches().forEach(m -> mismatched.add(m.column()));
            return true;
        }).orElse(false);
        Map<String, Double> w1 = report.get("wd", WassersteinDistance.Result.class)
                .map(WassersteinDistance.Result::perColumnW1).orElse(Map.of());
        Map<String, CorrelationSimilarity.PropertyScore> shapes = new HashMap<>();
        report.get("cs", CorrelationSimilarity.Result.class)
                .ifPresent(r -> r.columnShapes().forEach(s -> shapes.put(s.columns(), s)));
        List<ColumnScores> columns = new ArrayList<>();
        for (int c = 0; c < real.columnCount(); c++) {
            String name = real.column(c).name();
            int s = synthetic.schema().indexOf(name);
            CorrelationSimilarity.PropertyScore shape = shapes.get(name);
            columns.add(new ColumnScores(name, typeName(real, c), s < 0 ? null : typeName(synthetic, s),
                    dm ? mismatched.contains(name) : null, w1.get(name), shape == null ? null : shape.metric(),
                    shape == null ? null : shape.score()));
        }
        return columns;
    }

    private static String typeName(Table table, int column) {
        return table.column(column).type().name().toLowerCase(java.util.Locale.ROOT);
    }
}
