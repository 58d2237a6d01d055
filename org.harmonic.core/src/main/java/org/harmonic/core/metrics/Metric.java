package org.harmonic.core.metrics;

import org.harmonic.core.util.Progress;

/**
 * One evaluation metric, selectable by its {@link #id()}. The built-in ones are DM, WD, CS, MLE,
 * DCR and NRS; DLT and LLE come from the language-model engine and are plugged in through
 * {@link EvaluationConfig#withExtraMetric(Metric)} under the ids {@code dlt} and {@code lle}.
 */
public interface Metric {

    /** The metric's name ({@code dm}, {@code wd}, ...). */
    String id();

    /** Computes the metric; long computations report to and poll {@code progress}. */
    MetricResult compute(MetricTables tables, EvaluationConfig config, Progress progress);
}
