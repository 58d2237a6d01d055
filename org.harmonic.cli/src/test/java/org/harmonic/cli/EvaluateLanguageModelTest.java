package org.harmonic.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.harmonic.core.TestData;
import org.harmonic.core.generator.GermanFixtures;
import org.harmonic.core.lm.train.TrainingConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code harmonic evaluate} with DLT and LLE. */
class EvaluateLanguageModelTest {

    @TempDir
    Path dir;

    private static String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Harmonic.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new String[] {Integer.toString(code), out.toString(), err.toString()};
    }

    @Test
    void generatorEnablesDltAndLle() throws IOException {
        Path generator = dir.resolve("generator");
        GermanFixtures.fitTiny(generator, 16, TrainingConfig.defaults().withEpochs(1).withBatchSize(8));
        Path json = dir.resolve("report.json");
        String[] r = run("evaluate", "--real", TestData.resource("data/german_train.csv").toString(),
                "--synthetic", TestData.resource("metrics/german_synthetic.csv").toString(), "--target", "status",
                "--test", TestData.resource("data/german_test.csv").toString(), "--generator", generator.toString(),
                "--metrics", "nrs,dlt,lle", "--dlt", "reference", "--dlt-max-rows", "10", "--lle-size", "tiny",
                "--lle-epochs", "1", "--lle-max-train-rows", "32", "--lle-labels", "0=good,1=bad",
                "--out", json.toString());
        assertEquals("0", r[0], r[2]);
        JsonNode metrics = new ObjectMapper().readTree(json.toFile()).get("metrics");
        assertTrue(metrics.get("dlt").get("value").isNumber());
        assertTrue(metrics.get("dlt").get("definition").asText().endsWith("reference_base2"));
        assertEquals(10, metrics.get("dlt").get("details").get("real").get("rows_scored").asInt());
        // a one-epoch tiny classifier stays far below logistic regression on the real rows: no number
        JsonNode lle = metrics.get("lle");
        assertTrue(lle.get("details").get("meaningful").asBoolean() ? lle.get("value").isNumber()
                : lle.get("value").isNull() && lle.get("details").get("notes").toString().contains("not meaningful"),
                lle.toString());
        assertTrue(lle.get("details").get("logistic_regression_original_mcc").isNumber());
        assertEquals("bad", metrics.get("lle").get("parameters").get("label_words").get("1").asText());
        assertTrue(metrics.get("lle").get("details").get("original").get("mcc").isNumber());
        assertTrue(r[1].contains("dlt ") && r[1].contains("lle "), r[1]);
    }

    @Test
    void dltWithoutAGeneratorAndLleWithoutATestTableAreRejected() {
        Path json = dir.resolve("report.json");
        String[] r = run("evaluate", "--real", TestData.resource("data/german_train.csv").toString(),
                "--synthetic", TestData.resource("metrics/german_synthetic.csv").toString(), "--target", "status",
                "--metrics", "dm,dlt", "--out", json.toString());
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("add --generator DIR"), r[2]);
        r = run("evaluate", "--real", TestData.resource("data/german_train.csv").toString(),
                "--synthetic", TestData.resource("metrics/german_synthetic.csv").toString(), "--target", "status",
                "--metrics", "lle", "--out", json.toString());
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("lle, which needs the real test table"), r[2]);
        r = run("evaluate", "--real", TestData.resource("data/german_train.csv").toString(),
                "--synthetic", TestData.resource("metrics/german_synthetic.csv").toString(), "--target", "status",
                "--generator", dir.resolve("nothing").toString(), "--out", json.toString());
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("does not exist"), r[2]);
        assertFalse(Files.exists(json));
    }
}
