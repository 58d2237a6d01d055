package org.harmonic.core.metrics;

import java.util.Map;

/**
 * A metric result given as plain values, for metrics plugged in from outside this package
 * (DLT and LLE from the language-model engine).
 */
public record GenericResult(String id, Double value, String definition, Map<String, Object> parameters,
        Map<String, Object> details) implements MetricResult {

    public GenericResult {
        parameters = Map.copyOf(parameters);
        details = Map.copyOf(details);
    }
}
