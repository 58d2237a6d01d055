package org.harmonic.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.harmonic.core.TestData;
import org.harmonic.core.table.CsvTableReader;
import org.harmonic.core.table.Table;
import org.harmonic.core.util.Progress;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.harmonic.core.metrics.evaluation.Evaluation;
import org.harmonic.core.metrics.evaluation.EvaluationReport;
import org.harmonic.core.metrics.fidelity.CorrelationSimilarity;
import org.harmonic.core.metrics.fidelity.WassersteinDistance;
import org.harmonic.core.metrics.privacy.DistanceToClosestRecord;
import org.harmonic.core.metrics.privacy.NewRowSynthesis;
import org.harmonic.core.metrics.privacy.ReferenceDcr;

/**
 * Every metric on the bundled German and Diabetes splits equals the value an independent
 * numpy / scipy / pandas implementation computed (src/test/resources/metrics/make_fixtures.py),
 * to 1e-6.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReferenceValuesTest {
    private static final double TOL = 1e-6;
    private final Map<String, EvaluationReport> reports = new java.util.HashMap<>();
    private final Map<String, JsonNode> expected = new java.util.HashMap<>();

    @BeforeAll
    void evaluateBoth() throws IOException {
        for (String name : List.of("german", "diabetes")) {
            JsonNode exp = new ObjectMapper().readTree(Files.readString(
                    TestData.resource("metrics/expected_" + name + ".json")));
            expected.put(name, exp);
            CsvTableReader reader = new CsvTableReader();
            Table real = reader.read(TestData.resource("data/" + name + "_train.csv"));
            Table syn = reader.read(TestData.resource("metrics/" + name + "_synthetic.csv"));
            EvaluationConfig config = EvaluationConfig.defaults().withMetrics(List.of("dm", "wd", "cs", "dcr", "nrs"))
                    .withDcrVariant(DcrVariant.REFERENCE);
            reports.put(name, Evaluation.evaluate(real, syn, null, exp.get("target").asText(), config, Progress.none()));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"german", "diabetes"})
    void dataMismatch(String name) {
        assertEquals(expected.get(name).get("dm").asDouble(), reports.get(name).result("dm").get().value(), TOL);
    }

    @ParameterizedTest
    @ValueSource(strings = {"german", "diabetes"})
    void sinkhornDivergenceAndColumnW1(String name) {
        WassersteinDistance.Result wd = reports.get(name).get("wd", WassersteinDistance.Result.class).get();
        assertEquals(expected.get(name).get("wd").asDouble(), wd.value(), TOL);
        JsonNode w1 = expected.get(name).get("per_column_w1");
        for (Iterator<String> it = w1.fieldNames(); it.hasNext();) {
            String column = it.next();
            assertEquals(w1.get(column).asDouble(), wd.perColumnW1().get(column), TOL, column);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"german", "diabetes"})
    void correlationSimilarityShapesAndTrends(String name) {
        CorrelationSimilarity.Result cs = reports.get(name).get("cs", CorrelationSimilarity.Result.class).get();
        JsonNode exp = expected.get(name);
        assertEquals(exp.get("cs").asDouble(), cs.value(), TOL);
        assertEquals(exp.get("cs_pairs").size(), cs.pairs().size());
        for (int i = 0; i < cs.pairs().size(); i++) {
            assertEquals(exp.get("cs_pairs").get(i).get("real").asDouble(), cs.pairs().get(i).real(), TOL);
            assertEquals(exp.get("cs_pairs").get(i).get("synthetic").asDouble(), cs.pairs().get(i).synthetic(), TOL);
        }
        for (CorrelationSimilarity.PropertyScore s : cs.columnShapes()) {
            assertEquals(exp.get("column_shapes").get(s.columns()).asDouble(), s.score(), TOL, s.columns());
        }
        assertEquals(exp.get("column_shapes_score").asDouble(), cs.columnShapesScore(), TOL);
        assertEquals(exp.get("column_pair_trends_score").asDouble(), cs.pairTrendsScore(), TOL);
    }

    @ParameterizedTest
    @ValueSource(strings = {"german", "diabetes"})
    void distanceToClosestRecord(String name) {
        DistanceToClosestRecord.Result dcr = reports.get(name).get("dcr", DistanceToClosestRecord.Result.class).get();
        JsonNode exp = expected.get(name);
        assertEquals(exp.get("dcr_mean").asDouble(), dcr.mean(), TOL);
        assertEquals(exp.get("dcr_median").asDouble(), dcr.median(), TOL);
        assertEquals(exp.get("dcr_exact_copies").asDouble(), dcr.exactCopies(), TOL);
        ReferenceDcr.Result ref = dcr.reference();
        assertNotNull(ref);
        JsonNode r = exp.get("dcr_reference");
        assertEquals(r.get("rf").asDouble(), ref.rf(), TOL);
        assertEquals(r.get("rr").asDouble(), ref.rr(), TOL);
        assertEquals(r.get("ff").asDouble(), ref.ff(), TOL);
        assertEquals(r.get("nndr_rf").asDouble(), ref.nndrRf(), TOL);
        assertEquals(r.get("nndr_rr").asDouble(), ref.nndrRr(), TOL);
        assertEquals(r.get("nndr_ff").asDouble(), ref.nndrFf(), TOL);
        assertEquals(r.get("real_rows").asInt(), ref.realRows());
        assertEquals(r.get("synthetic_rows").asInt(), ref.syntheticRows());
        assertEquals(r.get("value").asDouble(), dcr.value(), TOL); // the reference variant is primary here
    }

    @ParameterizedTest
    @ValueSource(strings = {"german", "diabetes"})
    void newRowSynthesis(String name) {
        NewRowSynthesis.Result nrs = reports.get(name).get("nrs", NewRowSynthesis.Result.class).get();
        assertEquals(expected.get(name).get("nrs").asDouble(), nrs.value(), TOL);
        assertEquals(expected.get(name).get("nrs_matched").asInt(), nrs.matchedRows());
    }
}
