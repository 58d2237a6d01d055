package org.harmonic.core.metrics.lm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import ai.djl.Device;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.harmonic.core.TestData;
import org.harmonic.core.generator.Generator;
import org.harmonic.core.generator.GeneratorDirectory;
import org.harmonic.core.generator.GeneratorInfo;
import org.harmonic.core.knn.InstructionConfig;
import org.harmonic.core.lm.Perplexity;
import org.harmonic.core.lm.TensorData;
import org.harmonic.core.lm.checkpoint.ModelConfigJson;
import org.harmonic.core.lm.checkpoint.SafetensorsReader;
import org.harmonic.core.lm.model.CausalLm;
import org.harmonic.core.lm.train.ExampleEncoder;
import org.harmonic.core.lm.train.Trainer;
import org.harmonic.core.lm.train.TrainingConfig;
import org.harmonic.core.lm.train.TrainingExample;
import org.harmonic.core.table.CsvTableReader;
import org.harmonic.core.table.Table;
import org.harmonic.core.table.TableProfile;
import org.harmonic.core.util.Progress;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.harmonic.core.metrics.EvaluationConfig;
import org.harmonic.core.metrics.Metric;
import org.harmonic.core.metrics.evaluation.Evaluation;

/**
 * DLT and LLE equal values computed by an independent PyTorch script
 * ({@code lm-metrics/make_lm_metric_fixtures.py}, float64, from method.md and the reference's golden
 * prompt files) with a committed tiny Llama checkpoint: DLT of a generator around it on the first 32
 * German rows, LLE on the first Diabetes rows. LLE fine-tunes with a learning rate of 1e-30 (an
 * AdamW step far below half an ulp of any float32 weight), so the classifier it scores with is the
 * checkpoint itself and the rest of its pipeline is exact: row text, query, tokenization, the
 * label words' NLLs, both decision rules with their priors, and the scores.
 */
class LanguageModelMetricsFixtureTest {
    private static final CsvTableReader CSV = new CsvTableReader();
    private static final Path FIXTURES = TestData.resource("lm-metrics");
    private static final Table GERMAN_REAL = CSV.read(FIXTURES.resolve("german_real_head.csv"));
    private static final Table GERMAN_SYN = CSV.read(FIXTURES.resolve("german_synthetic_head.csv"));
    private static final Table DIABETES_REAL = CSV.read(FIXTURES.resolve("diabetes_real_head.csv"));
    private static final Table DIABETES_SYN = CSV.read(FIXTURES.resolve("diabetes_synthetic_head.csv"));
    private static final Table DIABETES_TEST = CSV.read(FIXTURES.resolve("diabetes_test_head.csv"));
    private static final Path CHECKPOINT = FIXTURES.resolve("tiny-llama");
    /** Java runs float32 against a float64 expectation; measured agreement is about 1e-7 relative. */
    private static final double RELATIVE = 1e-6;

    @TempDir
    static Path dir;

    private static JsonNode expected;
    private static Generator generator;

    @BeforeAll
    static void open() throws IOException {
        expected = new ObjectMapper().readTree(FIXTURES.resolve("expected_lm_metrics.json").toFile());
        // a generator directory around the checkpoint: the schema of the whole German training split,
        // the default instruction settings with the reference's German description
        Path g = dir.resolve("generator");
        Files.createDirectories(g);
        for (String f : List.of("config.json", "model.safetensors", "tokenizer.json", "tokenizer_config.json")) {
            Files.copy(CHECKPOINT.resolve(f), g.resolve(f));
        }
        Table german = CSV.read(TestData.resource("data/german_train.csv"));
        GeneratorDirectory.writeInfo(g, new GeneratorInfo(GeneratorInfo.FORMAT, TableProfile.of(german, "status"),
                InstructionConfig.of(InstructionConfig.Preset.DEFAULT, "status").withDescription("user credit scores"),
                "default", null, null));
        generator = Generator.open(g, "cpu");
    }

    @AfterAll
    static void close() {
        generator.close();
    }

    private static DataLeakageTest.Result dlt(DataLeakageTest.Settings settings) {
        List<Metric> metrics = LanguageModelMetrics.forGenerator(generator, false,
                new LanguageModelMetrics.Options(settings, LlmEffectiveness.Settings.defaults()));
        assertEquals(List.of("dlt"), LanguageModelMetrics.ids(metrics), "no LLE without a test table");
        EvaluationConfig config = EvaluationConfig.defaults().withMetrics(List.of("dlt")).withExtraMetric(metrics.get(0));
        return Evaluation.evaluate(GERMAN_REAL, GERMAN_SYN, null, "status", config, Progress.none())
                .get("dlt", DataLeakageTest.Result.class).orElseThrow();
    }

    /** Fine-tuning that leaves every float32 weight as it is (see {@link #noOpFineTuningKeepsEveryWeight}). */
    private static final TrainingConfig NO_OP = TrainingConfig.defaults().withEpochs(1).withBatchSize(16)
            .withLearningRate(1e-30);

    /** LLE fine-tuning the checkpoint with a no-op step, the label words the fixture chose for {@code rule}. */
    private static LlmEffectiveness.Result lle(String rule, LlmEffectiveness.Decision decision) {
        JsonNode words = expected.at("/lle/" + rule + "/words");
        LlmEffectiveness.Settings settings = LlmEffectiveness.Settings.defaults().withBaseModel(CHECKPOINT)
                .withTraining(NO_OP)
                .withLabelWords(Map.of("0", words.get(0).asText(), "1", words.get(1).asText()))
                .withInstruction(expected.at("/lle/instruction").asText()).withDecision(decision);
        List<Metric> metrics = LanguageModelMetrics.forGenerator(generator, true,
                new LanguageModelMetrics.Options(DataLeakageTest.Settings.defaults(), settings));
        assertEquals(List.of("dlt", "lle"), LanguageModelMetrics.ids(metrics));
        // the generator is German's: only the LLE of the list runs on Diabetes
        EvaluationConfig config = EvaluationConfig.defaults().withMetrics(List.of("lle")).withExtraMetric(metrics.get(1));
        return Evaluation.evaluate(DIABETES_REAL, DIABETES_SYN, DIABETES_TEST, "Outcome", config, Progress.none())
                .get("lle", LlmEffectiveness.Result.class).orElseThrow();
    }

    private static void assertClose(double want, double got, String what) {
        assertEquals(want, got, RELATIVE * Math.abs(want) + 1e-9, what);
    }

    private static double[] doubles(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asDouble();
        }
        return out;
    }

    @Test
    void dltEqualsTheIndependentComputation() {
        DataLeakageTest.Result r = dlt(DataLeakageTest.Settings.defaults().withMaxRows(0));
        JsonNode want = expected.get("dlt");
        assertEquals(want.get("prefix").asText(), r.prefix(), "zero-example prompt, chat-wrapped");
        TableProfile schema = generator.info().schema();
        for (String role : List.of("real", "synthetic")) {
            DataLeakageTest.Scored s = role.equals("real") ? r.real() : r.synthetic();
            Table aligned = DataLeakageTest.align(role.equals("real") ? GERMAN_REAL : GERMAN_SYN, schema, role);
            double[] ppl = doubles(want.at("/" + role + "/perplexity"));
            assertEquals(ppl.length, s.perplexities().length, role + " rows scored");
            double tokens = 0;
            for (int i = 0; i < ppl.length; i++) {
                assertEquals(i, s.rowIndexes()[i]);
                assertEquals(want.at("/" + role + "/answers").get(i).asText(), DataLeakageTest.answerText(aligned,
                        schema, i, DataLeakageTest.trainedOrder(schema)), role + " row " + i + " answer JSON");
                assertClose(ppl[i], s.perplexities()[i], role + " row " + i + " perplexity");
                tokens += want.at("/" + role + "/tokens").get(i).asInt();
            }
            assertEquals(tokens / ppl.length, s.meanTokens(), 1e-12, role + " tokens per row (answer + EOS)");
            assertClose(want.at("/" + role + "/mean").asDouble(), s.mean(), role + " mean perplexity");
        }
        double dlt = want.get("dlt").asDouble();
        // the difference of two close means: its tolerance is that of the means, not of itself
        double tolerance = RELATIVE * (r.realMean() + r.syntheticMean());
        assertEquals(dlt, r.value(), tolerance, "DLT = real - synthetic");
        assertTrue(Math.abs(dlt) > 10 * tolerance, "the fixture's DLT is far from 0, so a sign error fails: " + dlt);
    }

    @Test
    void dltReferenceVariantScoresRowsAsTheIndependentComputation() {
        // the reference's 2^(mean nats), on the first 8 rows of each table (a whole run is covered above)
        DataLeakageTest test = new DataLeakageTest(generator, DataLeakageTest.Settings.defaults()
                .withBase(Perplexity.Base.REFERENCE_BASE2));
        TableProfile schema = generator.info().schema();
        int[] prefix = generator.tokenizer().encode(test.prefix());
        int[] rows = {0, 1, 2, 3, 4, 5, 6, 7};
        for (String role : List.of("real", "synthetic")) {
            Table aligned = DataLeakageTest.align(role.equals("real") ? GERMAN_REAL : GERMAN_SYN, schema, role);
            DataLeakageTest.Scored s = test.score(aligned, DataLeakageTest.trainedOrder(schema), prefix, rows,
                    Progress.none());
            double[] want = doubles(expected.at("/dlt/" + role + "/perplexity_base2"));
            for (int i : rows) {
                assertClose(want[i], s.perplexities()[i], role + " row " + i + " 2^mean nats");
            }
        }
    }

    @Test
    void labelWordLikelihoodsEqualTheIndependentComputation() {
        JsonNode want = expected.get("lle");
        String instruction = want.get("instruction").asText();
        ExampleEncoder encoder = new ExampleEncoder(generator.tokenizer()::encode, generator.endToken(),
                TrainingConfig.defaults().maxLength());
        int target = DIABETES_TEST.schema().indexOf("Outcome");
        List<String> words = new ArrayList<>();
        want.get("total_nats").fieldNames().forEachRemaining(words::add);
        List<Perplexity.Span> spans = new ArrayList<>();
        for (int row = 0; row < DIABETES_TEST.rowCount(); row++) {
            String query = LlmEffectiveness.query(instruction, LlmEffectiveness.text(DIABETES_TEST, row, target));
            assertEquals(want.get("queries").get(row).asText(), query, "test row " + row + " query");
            for (String w : words) {
                int[] ids = generator.tokenizer().encode(w);
                int[] span = java.util.Arrays.copyOf(ids, ids.length + 1);
                span[ids.length] = generator.endToken();
                spans.add(new Perplexity.Span(encoder.promptIds(query), span));
            }
        }
        List<Perplexity.Score> scores = new Perplexity(generator.model(), 8).score(spans, Progress.none());
        for (int row = 0; row < DIABETES_TEST.rowCount(); row++) {
            for (int w = 0; w < words.size(); w++) {
                Perplexity.Score s = scores.get(row * words.size() + w);
                assertEquals(want.at("/tokens/" + words.get(w)).asInt(), s.tokens(), "'" + words.get(w) + "' + EOS");
                assertClose(want.at("/total_nats/" + words.get(w)).get(row).asDouble(), s.totalNats(),
                        "test row " + row + " NLL of '" + words.get(w) + "'");
            }
        }
    }

    @Test
    void priorCorrectedLleEqualsTheIndependentComputation() {
        LlmEffectiveness.Result r = lle("prior_corrected", LlmEffectiveness.Decision.PRIOR_CORRECTED);
        assertScores(expected.at("/lle/prior_corrected/synthetic"), r.synthetic(), "synthetic rows' prior");
        assertScores(expected.at("/lle/prior_corrected/original"), r.original(), "real rows' prior");
        assertEquals(expected.at("/lle/truth").size(), r.testRows());
        assertEquals(sum(expected.at("/lle/class_counts/synthetic")), r.synthetic().trainingRows());
    }

    @Test
    void likelihoodLleEqualsTheIndependentComputation() {
        LlmEffectiveness.Result r = lle("likelihood", LlmEffectiveness.Decision.LIKELIHOOD);
        // without a prior both classifiers (the same weights) decide alike
        assertScores(expected.at("/lle/likelihood/any"), r.synthetic(), "synthetic");
        assertScores(expected.at("/lle/likelihood/any"), r.original(), "original");
    }

    @Test
    void noOpFineTuningKeepsEveryWeight() {
        // the premise of the LLE comparisons: the classifier LLE scores with is the checkpoint itself
        ExampleEncoder encoder = new ExampleEncoder(generator.tokenizer()::encode, generator.endToken(),
                NO_OP.maxLength());
        List<TrainingExample> examples = new ArrayList<>();
        int target = DIABETES_REAL.schema().indexOf("Outcome");
        for (int row = 0; row < DIABETES_REAL.rowCount(); row++) {
            examples.add(encoder.encode(LlmEffectiveness.query(expected.at("/lle/instruction").asText(),
                    LlmEffectiveness.text(DIABETES_REAL, row, target)), row % 2 == 0 ? "H" : "E"));
        }
        try (SafetensorsReader weights = SafetensorsReader.open(CHECKPOINT);
                CausalLm model = CausalLm.load(ModelConfigJson.read(CHECKPOINT), weights, Device.cpu())) {
            Map<String, TensorData> before = model.exportWeights();
            Trainer.Result result = new Trainer(NO_OP, generator.endToken()).train(model, examples, null,
                    Progress.none());
            assertTrue(result.steps() >= 2 && Double.isFinite(result.finalLoss()), "it did train");
            Map<String, TensorData> after = model.exportWeights();
            assertEquals(before.keySet(), after.keySet());
            for (String name : before.keySet()) {
                FloatBuffer a = before.get(name).data();
                FloatBuffer b = after.get(name).data();
                assertEquals(a.remaining(), b.remaining(), name);
                for (int i = 0; i < a.remaining(); i++) {
                    assertEquals(Float.floatToRawIntBits(a.get(a.position() + i)),
                            Float.floatToRawIntBits(b.get(b.position() + i)), name + "[" + i + "]");
                }
            }
        }
    }

    private static int sum(JsonNode counts) {
        int n = 0;
        for (JsonNode c : counts) {
            n += c.asInt();
        }
        return n;
    }

    private static void assertScores(JsonNode want, LlmEffectiveness.Scores got, String what) {
        JsonNode confusion = want.get("confusion_true_by_predicted");
        for (int t = 0; t < confusion.size(); t++) {
            long[] row = new long[confusion.get(t).size()];
            for (int p = 0; p < row.length; p++) {
                row[p] = confusion.get(t).get(p).asLong();
            }
            assertArrayEquals(row, got.confusion()[t], what + ": confusion row of true class " + t);
        }
        assertEquals(want.get("mcc").asDouble(), got.mcc(), 1e-12, what + ": MCC");
        assertEquals(want.get("f1_weighted").asDouble(), got.f1Weighted(), 1e-12, what + ": weighted F1");
        assertEquals(want.get("accuracy").asDouble(), got.accuracy(), 1e-12, what + ": accuracy");
    }
}
