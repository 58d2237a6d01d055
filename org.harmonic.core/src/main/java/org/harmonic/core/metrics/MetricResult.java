package org.harmonic.core.metrics;

import java.util.Map;

/**
 * The outcome of one metric, as it appears under {@code metrics.<id>} in report.json.
 * Implementations are records with typed fields for programmatic use (KNIME nodes, tests);
 * {@link #parameters()} and {@link #details()} are their JSON views (values: numbers, strings,
 * booleans, lists and maps of those; never NaN).
 */
public interface MetricResult {

    /** The metric's name in the report and on the command line ({@code dm}, {@code wd}, ...). */
    String id();

    /** The primary value; null only when the metric does not apply (details say why). */
    Double value();

    /** Identifier of the exact definition computed, e.g. {@code synthcity.sinkhorn.v1}. */
    String definition();

    /** The settings the value was computed with. */
    Map<String, Object> parameters();

    /** Secondary numbers (per column, per model, ...) and notes. */
    Map<String, Object> details();
}
