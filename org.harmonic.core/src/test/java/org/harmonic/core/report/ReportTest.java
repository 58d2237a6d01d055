package org.harmonic.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.harmonic.core.TestData;
import org.harmonic.core.metrics.evaluation.Evaluation;
import org.harmonic.core.metrics.EvaluationConfig;
import org.harmonic.core.metrics.evaluation.EvaluationReport;
import org.harmonic.core.metrics.GenericResult;
import org.harmonic.core.metrics.Metric;
import org.harmonic.core.metrics.MetricResult;
import org.harmonic.core.metrics.MetricTables;
import org.harmonic.core.table.CsvTableReader;
import org.harmonic.core.table.Table;
import org.harmonic.core.util.Progress;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The layout of report.json and the self-containedness of report.html. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportTest {
    private EvaluationReport report;

    /** A stand-in for the language-model engine's DLT metric. */
    private static final class FakeDlt implements Metric {
        @Override
        public String id() {
            return "dlt";
        }

        @Override
        public MetricResult compute(MetricTables tables, EvaluationConfig config, Progress progress) {
            return new GenericResult("dlt", -0.25, "harmonic.dlt.exp", Map.of("base", "e"), Map.of("real_ppl", 3.5));
        }
    }

    @BeforeAll
    void evaluate() {
        CsvTableReader reader = new CsvTableReader();
        Table real = reader.read(TestData.resource("data/german_train.csv"));
        Table syn = reader.read(TestData.resource("metrics/german_synthetic.csv"));
        EvaluationConfig config = EvaluationConfig.defaults().withMetrics(List.of("nrs", "dcr", "dlt", "cs", "wd", "dm"))
                .withExtraMetric(new FakeDlt());
        report = Evaluation.evaluate(real, syn, null, "status", config, Progress.none());
    }

    @Test
    void jsonHasOneObjectPerMetricInReportOrder() throws IOException {
        JsonNode root = new ObjectMapper().readTree(ReportJson.toJson(report));
        assertEquals(List.of("format", "inputs", "warnings", "metrics"), names(root));
        assertEquals(ReportJson.FORMAT, root.get("format").asText());
        assertEquals(List.of("dm", "wd", "cs", "dcr", "nrs", "dlt"), names(root.get("metrics")));
        for (JsonNode m : root.get("metrics")) {
            assertEquals(List.of("value", "definition", "parameters", "details"), names(m));
            assertTrue(m.get("value").isNumber(), m.toString());
            assertTrue(m.get("definition").isTextual() && !m.get("definition").asText().isEmpty());
            assertTrue(m.get("parameters").isObject() && m.get("details").isObject());
        }
        JsonNode metrics = root.get("metrics");
        assertEquals(-0.25, metrics.get("dlt").get("value").asDouble());
        assertEquals("harmonic.dcr.mean_syn_to_real.real_standardised", metrics.get("dcr").get("definition").asText());
        assertTrue(metrics.get("dcr").get("details").get("baseline_protection").isNumber());
        assertTrue(metrics.get("cs").get("details").get("column_shapes").get("score").isNumber());
        assertEquals(21, metrics.get("wd").get("details").get("per_column_w1").size());
        assertEquals(700, root.get("inputs").get("synthetic_rows").asInt());
        assertEquals("binary classification", root.get("inputs").get("task").asText());
    }

    @Test
    void htmlIsSelfContained(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("report.html");
        HtmlReport.write(report, file);
        String html = Files.readString(file);
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertTrue(html.contains("<svg") && html.contains("Column distributions") && html.contains("Correlations")
                && html.contains("Distance to closest record") && html.contains("Summary"));
        assertFalse(html.contains("<script") || html.contains("src=") || html.contains("href=")
                || html.contains("@import") || html.contains("url("), "no external resources");
        // 21 column charts, 3 correlation matrices, 2 DCR histograms
        int svgs = html.split("<svg", -1).length - 1;
        assertEquals(21 + 3 + 2, svgs);
    }

    private static List<String> names(JsonNode node) {
        List<String> out = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            out.add(it.next());
        }
        return out;
    }
}
