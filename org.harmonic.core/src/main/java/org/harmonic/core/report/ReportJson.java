package org.harmonic.core.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import org.harmonic.core.metrics.evaluation.EvaluationReport;
import org.harmonic.core.metrics.MetricResult;
import org.harmonic.core.util.AtomicFiles;

/**
 * report.json: {@code {"format": ..., "inputs": {...}, "warnings": [...], "metrics": {"dm": {...},
 * ...}}}, where every metric is {@code {"value", "definition", "parameters", "details"}} and the
 * metrics appear in report order (dm, wd, cs, mle, dcr, nrs, then dlt and lle when they were run).
 * A metric that does not apply has {@code "value": null} and says why in its details.
 */
public final class ReportJson {
    /** Identifies this layout; bump it when keys change meaning. */
    public static final String FORMAT = "harmonic-evaluation-report/1";

    private ReportJson() {
    }

    /** The report as a JSON tree of maps and lists. */
    public static Map<String, Object> tree(EvaluationReport report) {
        Map<String, Object> metrics = new LinkedHashMap<>();
        for (MetricResult r : report.results()) {
            Map<String, Object> m = new LinkedHashMap<>();
            if (r.value() != null && !Double.isFinite(r.value())) {
                throw new IllegalStateException("metric " + r.id() + " has value " + r.value());
            }
            m.put("value", r.value());
            m.put("definition", r.definition());
            m.put("parameters", r.parameters());
            m.put("details", r.details());
            metrics.put(r.id(), m);
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format", FORMAT);
        root.put("inputs", report.inputs());
        root.put("warnings", report.warnings());
        root.put("metrics", metrics);
        return root;
    }

    public static String toJson(EvaluationReport report) {
        try {
            return mapper().writeValueAsString(tree(report)) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise the report", e);
        }
    }

    /** Writes report.json all-or-nothing. */
    public static void write(EvaluationReport report, Path file) throws IOException {
        byte[] bytes = toJson(report).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        AtomicFiles.write(file, out -> out.write(bytes));
    }

    private static ObjectMapper mapper() {
        ObjectMapper mapper = new ObjectMapper();
        mapper.enable(SerializationFeature.INDENT_OUTPUT);
        return mapper;
    }
}
