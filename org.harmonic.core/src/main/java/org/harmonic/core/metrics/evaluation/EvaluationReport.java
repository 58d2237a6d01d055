package org.harmonic.core.metrics.evaluation;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.harmonic.core.metrics.MetricResult;
import org.harmonic.core.metrics.MetricTables;
import org.harmonic.core.metrics.privacy.DistanceToClosestRecord;

/**
 * Everything an evaluation produced: the metric results in report order and a description of the
 * inputs. {@code report/ReportJson} writes it as report.json, {@code report/HtmlReport} as HTML.
 *
 * @param results  one result per selected metric, in report order
 * @param inputs   table sizes, target, task and seed (JSON view)
 * @param warnings notes about the input (values that were not numbers, subsampling, ...)
 * @param tables   the aligned tables, for plots
 */
public record EvaluationReport(List<MetricResult> results, Map<String, Object> inputs, List<String> warnings,
        MetricTables tables) {

    public EvaluationReport {
        results = List.copyOf(results);
        warnings = List.copyOf(warnings);
    }

    public Optional<MetricResult> result(String id) {
        return results.stream().filter(r -> r.id().equals(id)).findFirst();
    }

    /** The typed result of a metric, e.g. {@code get("dcr", DistanceToClosestRecord.Result.class)}. */
    public <T extends MetricResult> Optional<T> get(String id, Class<T> type) {
        return result(id).filter(type::isInstance).map(type::cast);
    }
}
