package org.harmonic.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.harmonic.core.report.ReportJson;
import org.harmonic.core.table.CsvTableReader;
import org.harmonic.core.table.Table;
import org.harmonic.core.util.HarmonicInputException;
import org.harmonic.core.util.Progress;
import org.junit.jupiter.api.Test;
import org.harmonic.core.metrics.evaluation.Evaluation;
import org.harmonic.core.metrics.evaluation.EvaluationReport;
import org.harmonic.core.metrics.fidelity.CorrelationSimilarity;

/** Tables the metrics cannot compare are rejected with a message naming the input and the fix. */
class BadInputTest {
    private static final String REAL = "age,city,score,label\n"
            + "31,Bern,0.5,yes\n42,Basel,0.7,no\n25,Bern,0.1,yes\n57,Chur,0.9,no\n38,Basel,0.4,yes\n";

    static Table csv(String text) {
        try {
            return new CsvTableReader().read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "t.csv");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String fail(String real, String synthetic, String target) {
        return assertThrows(HarmonicInputException.class, () -> Evaluation.evaluate(csv(real), csv(synthetic), null,
                target, EvaluationConfig.defaults(), Progress.none())).getMessage();
    }

    @Test
    void columnSetsThatDifferAreNamed() {
        String m = fail(REAL, "age,town,score,label\n30,Bern,0.5,yes\n", "label");
        assertTrue(m.contains("missing 'city'") && m.contains("extra 'town'") && m.contains("same header"), m);
    }

    @Test
    void targetMissingInOneTable() {
        String m = fail(REAL, "age,city,score\n30,Bern,0.5\n", "label");
        assertTrue(m.contains("target column 'label' is not in the synthetic table"), m);
        m = fail(REAL, REAL, "outcome");
        assertTrue(m.contains("target column 'outcome' is not in the real table") && m.contains("--target"), m);
    }

    @Test
    void emptySyntheticTable() {
        Table real = csv(REAL);
        Table empty = new Table(List.of(new org.harmonic.core.table.IntegerColumn("age", new long[0]),
                new org.harmonic.core.table.CategoricalColumn("city", new String[0]),
                new org.harmonic.core.table.NumericColumn("score", new double[0]),
                new org.harmonic.core.table.CategoricalColumn("label", new String[0])));
        String m = assertThrows(HarmonicInputException.class, () -> Evaluation.evaluate(real, empty, null, "label",
                EvaluationConfig.defaults(), Progress.none())).getMessage();
        assertTrue(m.contains("synthetic table has no rows"), m);
        // the CSV reader already rejects a header without rows, naming the file
        m = assertThrows(HarmonicInputException.class, () -> csv("age,city,score,label\n")).getMessage();
        assertTrue(m.contains("t.csv has a header but no data rows"), m);
    }

    @Test
    void constantRealColumn() {
        String m = fail(REAL.replace("Basel", "Bern").replace("Chur", "Bern"), REAL, "label");
        assertTrue(m.contains("column 'city' of the real table has the same value 'Bern' in every row")
                && m.contains("drop it"), m);
    }

    @Test
    void allMissingColumn() {
        String syn = "age,city,score,label\n30,Bern,,yes\n40,Chur,,no\n";
        String m = fail(REAL, syn, "label");
        assertTrue(m.contains("column 'score' of the synthetic table has no values"), m);
    }

    @Test
    void constantSyntheticColumnIsReportedNotNaN() {
        String syn = "age,city,score,label\n30,Bern,0.5,yes\n30,Chur,0.2,no\n30,Bern,0.9,no\n";
        EvaluationReport r = Evaluation.evaluate(csv(REAL), csv(syn), null, "label",
                EvaluationConfig.defaults().withMetrics(List.of("cs", "dcr", "nrs", "wd", "dm")), Progress.none());
        CorrelationSimilarity.Result cs = r.get("cs", CorrelationSimilarity.Result.class).get();
        assertNull(cs.value()); // the only pair has a constant synthetic column
        assertTrue(cs.notes().get(0).contains("synthetic column 'age' is constant"), cs.notes().toString());
        String json = ReportJson.toJson(r);
        assertFalse(json.contains("NaN") || json.contains("Infinity"), json);
        assertTrue(json.contains("\"value\" : null"), json);
    }

    @Test
    void textInANumericalColumnIsCountedAsMissingWithAWarning() {
        String syn = "age,city,score,label\n30,Bern,0.5,yes\nold,Chur,0.2,no\n44,Bern,0.9,no\n";
        EvaluationReport r = Evaluation.evaluate(csv(REAL), csv(syn), null, "label",
                EvaluationConfig.defaults().withMetrics(List.of("dm", "cs", "dcr")), Progress.none());
        assertEquals(1, r.warnings().size());
        assertTrue(r.warnings().get(0).contains("synthetic column 'age' has 1 value(s) that are not numbers"));
        assertEquals(1.0 / 5, r.result("dm").get().value(), 1e-12); // age: int64 -> object
    }

    @Test
    void mleNeedsATestTableAndUnknownMetricsAreNamed() {
        String m = assertThrows(HarmonicInputException.class, () -> Evaluation.evaluate(csv(REAL), csv(REAL), null,
                "label", EvaluationConfig.defaults().withMetrics(List.of("mle")), Progress.none())).getMessage();
        assertTrue(m.contains("--test"), m);
        m = assertThrows(HarmonicInputException.class,
                () -> EvaluationConfig.defaults().withMetrics(List.of("dm", "fid"))).getMessage();
        assertTrue(m.contains("unknown metric 'fid'") && m.contains("dm, wd, cs, mle, dcr, nrs"), m);
        m = assertThrows(HarmonicInputException.class, () -> Evaluation.evaluate(csv(REAL), csv(REAL), null,
                "label", EvaluationConfig.defaults().withMetrics(List.of("dlt")), Progress.none())).getMessage();
        assertTrue(m.contains("'dlt' needs the language-model engine"), m);
    }
}
