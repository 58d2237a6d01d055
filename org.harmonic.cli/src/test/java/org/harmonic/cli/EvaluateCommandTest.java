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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluateCommandTest {

    @TempDir
    Path dir;

    record Result(int code, String out, String err) {
    }

    private Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Harmonic.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void writesJsonAndHtmlWithEveryMetric() throws IOException {
        Path json = dir.resolve("report.json");
        Path html = dir.resolve("report.html");
        Result r = run("evaluate", "--real", TestData.resource("data/diabetes_train.csv").toString(),
                "--synthetic", TestData.resource("metrics/diabetes_synthetic.csv").toString(), "--target", "Outcome",
                "--test", TestData.resource("data/diabetes_test.csv").toString(), "--out", json.toString(),
                "--html", html.toString(), "--seed", "7");
        assertEquals(0, r.code(), r.err());
        JsonNode metrics = new ObjectMapper().readTree(json.toFile()).get("metrics");
        for (String id : new String[] {"dm", "wd", "cs", "mle", "dcr", "nrs"}) {
            assertTrue(metrics.has(id), id);
        }
        assertEquals(7, metrics.get("mle").get("parameters").get("seed").asInt());
        assertTrue(metrics.get("mle").get("details").get("original").get("mcc").isNumber());
        assertTrue(Files.readString(html).contains("Machine-learning efficiency"));
        assertTrue(r.out().contains("nrs  0.98"), r.out());
    }

    @Test
    void badInputExitsWithCode2AndLeavesNoOutput() {
        Path json = dir.resolve("report.json");
        Result r = run("evaluate", "--real", TestData.resource("data/diabetes_train.csv").toString(),
                "--synthetic", TestData.resource("data/german_train.csv").toString(), "--target", "Outcome",
                "--out", json.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("target column 'Outcome' is not in the synthetic table"), r.err());
        assertFalse(Files.exists(json));
        r = run("evaluate", "--real", TestData.resource("data/diabetes_train.csv").toString(),
                "--synthetic", TestData.resource("metrics/diabetes_synthetic.csv").toString(), "--target", "Outcome",
                "--metrics", "dm,mle", "--out", json.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("needs the real test table: add --test"), r.err());
        assertFalse(Files.exists(json));
    }
}
