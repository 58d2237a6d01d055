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

    /**
     * About how long {@link #compute} takes, in seconds on one core, so the progress bar gives each
     * metric its share of an evaluation (LLE's two trainings took 175 of German credit's 190 s while
     * equal shares gave it the last 1 % of the bar). Measured on German credit (700 x 21): DM, WD,
     * CS and NRS well under a second, DCR 1 s, MLE 6 s, DLT 8 s, LLE 175 s; each scales with the
     * cells it reads. The default is the cheap metrics' cost.
     */
    default double cost(Size size) {
        return 0.3 * size.germanCredits();
    }

    /** The cost under {@code config}'s settings (MLE's repeats multiply its cost); by default {@link #cost(Size)}. */
    default double cost(Size size, EvaluationConfig config) {
        return cost(size);
    }

    /** What a metric's cost depends on; known before the synthetic table exists. */
    record Size(int realRows, int syntheticRows, int columns) {

        public static Size of(MetricTables tables) {
            return new Size(tables.real().rowCount(), tables.synthetic().rowCount(), tables.columnCount());
        }

        /** Real and synthetic cells over German credit's 2 x 700 x 21. */
        public double germanCredits() {
            return (realRows + (double) syntheticRows) * columns / 29_400.0;
        }
    }
}
