package org.harmonic.core.metrics.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.harmonic.core.knn.TaskType;
import org.harmonic.core.table.Table;
import org.harmonic.core.util.HarmonicInputException;
import org.harmonic.core.util.Progress;
import org.harmonic.core.metrics.ColumnValues;
import org.harmonic.core.metrics.EvaluationConfig;
import org.harmonic.core.metrics.Json;
import org.harmonic.core.metrics.Metric;
import org.harmonic.core.metrics.MetricResult;
import org.harmonic.core.metrics.MetricTables;
import org.harmonic.core.metrics.fidelity.CorrelationSimilarity;
import org.harmonic.core.metrics.fidelity.DataMismatch;
import org.harmonic.core.metrics.fidelity.WassersteinDistance;
import org.harmonic.core.metrics.privacy.DistanceToClosestRecord;
import org.harmonic.core.metrics.privacy.NewRowSynthesis;
import org.harmonic.core.metrics.utility.MachineLearningEfficiency;

/**
 * Entry point of the evaluation suite (the CLI's {@code harmonic evaluate}, the KNIME metric
 * nodes, {@code harmonic run}): checks the tables, runs the selected metrics in report order and
 * collects their results.
 */
public final class Evaluation {

    private Evaluation() {
    }

    /** The built-in metrics a run computes by default: all of them, MLE only with a test table. */
    public static List<String> builtInIds(boolean haveTest) {
        List<String> ids = new ArrayList<>(EvaluationConfig.BUILT_IN);
        if (!haveTest) {
            ids.remove("mle");
        }
        return ids;
    }

    /** The summed {@link Metric#cost} of the built-in metrics among {@code ids} (others count nothing). */
    public static double builtInCost(List<String> ids, Metric.Size size, EvaluationConfig config) {
        double total = 0;
        for (String id : ids) {
            Metric m = builtIn(id);
            total += m == null ? 0 : m.cost(size, config);
        }
        return total;
    }

    /** The built-in metrics by id. */
    static Metric builtIn(String id) {
        switch (id) {
            case "dm": return new DataMismatch();
            case "wd": return new WassersteinDistance();
            case "cs": return new CorrelationSimilarity();
            case "mle": return new MachineLearningEfficiency();
            case "dcr": return new DistanceToClosestRecord();
            case "nrs": return new NewRowSynthesis();
            default: return null;
        }
    }

    /**
     * Checks the real tables as {@link #evaluate} will, before any synthetic table exists: a job
     * that trains a generator first calls it so a constant column or a test table with another
     * header fails at once, not after the training.
     */
    public static void checkInputs(Table real, Table test, String target) {
        InputCheck.checkReal(real, test, target);
    }

    /**
     * Evaluates a synthetic table against the real training table (and the real test table for
     * MLE).
     *
     * @param real      real training table (the generator's training data)
     * @param synthetic synthetic table with the same columns
     * @param test      real test table with the same columns, or null (then MLE is not run by default)
     * @param target    name of the label column
     */
    public static EvaluationReport evaluate(Table real, Table synthetic, Table test, String target,
            EvaluationConfig config, Progress progress) {
        InputCheck.check(real, synthetic, test, target);
        int targetIndex = real.schema().indexOf(target);
        TaskType task = config.task() != null ? config.task() : TaskType.infer(real.column(targetIndex));
        MetricTables tables = MetricTables.of(real, synthetic, test, targetIndex, task);
        List<String> warnings = new ArrayList<>();
        for (ColumnValues c : tables.synCols()) {
            if (c.unparsable() > 0) {
                warnings.add("synthetic column '" + c.name() + "' has " + c.unparsable() + " value(s) that are not "
                        + "numbers although the real column is numerical; they count as missing");
            }
        }
        List<String> ids = selected(config, test != null);
        List<Metric> metrics = new ArrayList<>();
        for (String id : ids) {
            Metric m = config.extraMetrics().stream().filter(x -> x.id().equals(id)).findFirst()
                    .orElse(builtIn(id));
            if (m == null) {
                throw new HarmonicInputException("metric '" + id + "' needs the language-model engine, which this "
                        + "run does not have; leave it out of --metrics");
            }
            metrics.add(m);
        }
        List<MetricResult> results = new ArrayList<>();
        double[] until = new double[metrics.size()]; // each metric's share of the bar follows its cost
        double total = 0;
        Metric.Size size = Metric.Size.of(tables);
        for (int i = 0; i < metrics.size(); i++) {
            total += Math.max(1e-9, metrics.get(i).cost(size, config));
            until[i] = total;
        }
        for (int i = 0; i < metrics.size(); i++) {
            progress.checkCanceled();
            Progress sub = progress.sub(i == 0 ? 0 : until[i - 1] / total, until[i] / total);
            sub.report(0, metrics.get(i).id().toUpperCase(java.util.Locale.ROOT));
            results.add(metrics.get(i).compute(tables, config, sub));
        }
        progress.report(1, "evaluation done");
        Map<String, Object> inputs = Json.map("real_rows", real.rowCount(), "synthetic_rows", synthetic.rowCount(),
                "test_rows", test == null ? null : test.rowCount(), "columns", real.columnCount(),
                "target", target, "task", task.promptText(), "seed", config.seed(), "metrics", ids);
        return new EvaluationReport(results, inputs, warnings, tables);
    }

    /** The ids to run: the configured ones, or every built-in one (MLE only with a test table). */
    static List<String> selected(EvaluationConfig config, boolean haveTest) {
        List<String> ids = new ArrayList<>();
        if (config.metrics().isEmpty()) {
            ids.addAll(builtInIds(haveTest));
            for (Metric m : config.extraMetrics()) {
                ids.add(m.id());
            }
        } else {
            ids.addAll(config.metrics());
        }
        // report order: built-in ones first, then the language-model ones
        List<String> order = new ArrayList<>(EvaluationConfig.BUILT_IN);
        order.addAll(EvaluationConfig.LANGUAGE_MODEL);
        ids.sort((a, b) -> Integer.compare(rank(order, a), rank(order, b)));
        return ids;
    }

    private static int rank(List<String> order, String id) {
        int i = order.indexOf(id);
        return i < 0 ? order.size() : i;
    }
}
