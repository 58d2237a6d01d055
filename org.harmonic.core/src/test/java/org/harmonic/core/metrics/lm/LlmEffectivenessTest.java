package org.harmonic.core.metrics.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import ai.djl.Device;

import org.harmonic.core.TestData;
import org.harmonic.core.generator.DefaultGenerator;
import org.harmonic.core.lm.ModelConfig;
import org.harmonic.core.lm.checkpoint.ModelConfigJson;
import org.harmonic.core.lm.checkpoint.SafetensorsWriter;
import org.harmonic.core.lm.model.CausalLm;
import org.harmonic.core.lm.tokenizer.HfTokenizer;
import org.harmonic.core.lm.tokenizer.TableTokenizerTrainer;
import org.harmonic.core.lm.train.TrainingConfig;
import org.harmonic.core.lm.train.TrainingExample;
import org.harmonic.core.table.CsvTableReader;
import org.harmonic.core.table.Table;
import org.harmonic.core.util.HarmonicInputException;
import org.harmonic.core.util.Progress;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.harmonic.core.metrics.EvaluationConfig;
import org.harmonic.core.metrics.evaluation.Evaluation;
import org.harmonic.core.metrics.evaluation.EvaluationReport;
import org.harmonic.core.metrics.utility.MachineLearningEfficiency;

/** LLE end to end on German credit with tiny models (fast, not a quality check). */
class LlmEffectivenessTest {
    private static final CsvTableReader CSV = new CsvTableReader();
    private static final Table REAL = CSV.read(TestData.resource("data/german_train.csv"));
    private static final Table TEST = CSV.read(TestData.resource("data/german_test.csv"));
    private static final Table SYN = CSV.read(TestData.resource("metrics/german_synthetic.csv"));
    /** UCI meaning: 0 = good credit, 1 = bad (the reference renders them the other way round). */
    private static final Map<String, String> GERMAN_WORDS = Map.of("0", "good", "1", "bad");

    @TempDir
    static Path dir;

    private static LlmEffectiveness.Result result;

    static LlmEffectiveness.Settings tiny() {
        return LlmEffectiveness.Settings.defaults().withSize(DefaultGenerator.Size.tiny())
                .withTraining(TrainingConfig.defaults().withEpochs(1).withBatchSize(16)).withMaxTrainRows(96)
                .withMaxTestRows(100).withLabelWords(GERMAN_WORDS);
    }

    private static EvaluationReport evaluate(Table test, LlmEffectiveness.Settings settings, long seed) {
        EvaluationConfig config = EvaluationConfig.defaults().withSeed(seed).withMetrics(List.of("lle"))
                .withExtraMetric(new LlmEffectiveness(settings));
        return Evaluation.evaluate(REAL, SYN, test, "status", config, Progress.none());
    }

    @BeforeAll
    static void run() {
        result = evaluate(TEST, tiny(), 416).get("lle", LlmEffectiveness.Result.class).orElseThrow();
    }

    @Test
    void theYardstickIsTheMleProtocolsLogisticRegressionOnTheRealRows() {
        MachineLearningEfficiency.Result mle = Evaluation.evaluate(REAL, SYN, TEST, "status",
                EvaluationConfig.defaults().withSeed(416).withMetrics(List.of("mle")), Progress.none())
                .get("mle", MachineLearningEfficiency.Result.class).orElseThrow();
        double lr = mle.original().models().stream().filter(m -> m.model().equals("logistic_regression"))
                .findFirst().orElseThrow().mcc();
        assertEquals(lr, result.logisticRegressionMcc(), 1e-12);
        assertTrue(lr > 0.1, "logistic regression finds German credit's signal: " + lr);
    }

    @Test
    void aClassifierBelowFourFifthsOfLogisticRegressionOnRealRowsGivesNoNumber() {
        LlmEffectiveness.Scores syn = new LlmEffectiveness.Scores(0.05, 0.6, 0.7, new long[][] {{60, 10}, {25, 5}}, 96,
                1, 0.3, 0.6, 1, 1);
        LlmEffectiveness.Scores weak = new LlmEffectiveness.Scores(0.10, 0.6, 0.7, new long[][] {{60, 10}, {22, 8}},
                96, 1, 0.3, 0.6, 1, 1);
        LlmEffectiveness.Scores strong = new LlmEffectiveness.Scores(0.25, 0.7, 0.75, new long[][] {{60, 10}, {15, 15}},
                96, 1, 0.3, 0.6, 1, 1);
        LlmEffectiveness.Result notMeaningful = withOriginal(syn, weak, 0.30);
        assertFalse(notMeaningful.meaningful(), "0.10 < 0.8 x 0.30");
        assertNull(notMeaningful.value());
        assertTrue(notMeaningful.details().get("notes").toString().contains("not meaningful"),
                notMeaningful.details().toString());
        LlmEffectiveness.Result meaningful = withOriginal(syn, strong, 0.30);
        assertTrue(meaningful.meaningful(), "0.25 >= 0.24");
        assertEquals(0.05, meaningful.value());
        assertEquals(0.05, withOriginal(syn, weak, null).value(), "not measured: the number stands");
        // and the real run agrees with its own rule
        assertEquals(result.original().mcc() >= 0.8 * result.logisticRegressionMcc(), result.meaningful());
    }

    private static LlmEffectiveness.Result withOriginal(LlmEffectiveness.Scores syn, LlmEffectiveness.Scores orig,
            Double lr) {
        return new LlmEffectiveness.Result(syn, orig, List.of("0", "1"), List.of("good", "bad"), 100, "i", "m", 1, 1,
                LlmEffectiveness.Decision.PRIOR_CORRECTED, List.of(), lr);
    }

    @Test
    void scoresAreConsistentWithTheirConfusionMatrices() {
        for (LlmEffectiveness.Scores s : List.of(result.synthetic(), result.original())) {
            long[][] c = s.confusion();
            double tn = c[0][0], fp = c[0][1], fn = c[1][0], tp = c[1][1];
            assertEquals(100, tn + fp + fn + tp, "every scored test row is predicted");
            assertEquals((tp + tn) / 100, s.accuracy(), 1e-12);
            assertTrue(s.accuracy() >= 0 && s.accuracy() <= 1);
            double d = Math.sqrt((tp + fp) * (tp + fn) * (tn + fp) * (tn + fn));
            assertEquals(d == 0 ? 0 : (tp * tn - fp * fn) / d, s.mcc(), 1e-12);
            double f1Good = 2 * tn / (2 * tn + fn + fp);
            double f1Bad = 2 * tp / (2 * tp + fp + fn);
            double nGood = tn + fp;
            double expectedF1 = (nGood * (Double.isNaN(f1Good) ? 0 : f1Good)
                    + (100 - nGood) * (Double.isNaN(f1Bad) ? 0 : f1Bad)) / 100;
            assertEquals(expectedF1, s.f1Weighted(), 1e-12);
            assertEquals(96, s.trainingRows());
            assertTrue(Double.isFinite(s.finalLoss()));
        }
        assertEquals(result.meaningful() ? result.synthetic().mcc() : null, result.value());
        assertEquals(List.of("0", "1"), result.classes());
        assertEquals(List.of("good", "bad"), result.words());
        Map<String, Object> details = result.details();
        assertTrue(details.containsKey("synthetic") && details.containsKey("original"), details.toString());
        assertEquals(100, details.get("test_rows"));
    }

    @Test
    void thePriorCorrectedDecisionOnlyShiftsPredictionsTowardsTheRarerClass() {
        // same seed, same classifiers: only the reading of the label-word NLLs differs
        LlmEffectiveness.Result likelihood = evaluate(TEST, tiny().withDecision(LlmEffectiveness.Decision.LIKELIHOOD),
                416).get("lle", LlmEffectiveness.Result.class).orElseThrow();
        assertEquals("prior_corrected", result.parameters().get("decision"));
        assertEquals("likelihood", likelihood.parameters().get("decision"));
        for (boolean synthetic : new boolean[] {true, false}) {
            LlmEffectiveness.Scores corrected = synthetic ? result.synthetic() : result.original();
            LlmEffectiveness.Scores plain = synthetic ? likelihood.synthetic() : likelihood.original();
            assertEquals(plain.finalLoss(), corrected.finalLoss(), 0, "the same fine-tuning");
            // 'bad' (1) is the rarer class in German's training rows: its log prior is lower, so the
            // corrected rule predicts it at least as often, and a row predicted 'bad' stays 'bad'
            long plainBad = plain.confusion()[0][1] + plain.confusion()[1][1];
            long correctedBad = corrected.confusion()[0][1] + corrected.confusion()[1][1];
            assertTrue(correctedBad >= plainBad, correctedBad + " < " + plainBad);
        }
        assertEquals(LlmEffectiveness.Decision.PRIOR_CORRECTED, LlmEffectiveness.Decision.parse(" Prior_Corrected"));
        assertThrows(HarmonicInputException.class, () -> LlmEffectiveness.Decision.parse("vote"));
    }

    @Test
    void rowsAreRenderedAsTheReferenceEvaluationFilesDo() {
        String text = LlmEffectiveness.text(REAL, 0, REAL.schema().indexOf("status"));
        assertTrue(text.startsWith("The state of Status of existing checking account is A11, The state of Duration "
                + "in month is 48, "), text);
        assertTrue(text.endsWith("The state of foreign worker is A201."), text);
        assertTrue(result.instruction().contains("'good' or 'bad'"), result.instruction());
        String q = LlmEffectiveness.query(result.instruction(), text);
        assertTrue(q.endsWith("'" + text + "'\nAnswer: "), q);
    }

    @Test
    void sameSeedSameScores() {
        LlmEffectiveness.Settings small = tiny().withMaxTrainRows(32).withMaxTestRows(40);
        LlmEffectiveness.Result a = evaluate(TEST, small, 7).get("lle", LlmEffectiveness.Result.class).orElseThrow();
        LlmEffectiveness.Result b = evaluate(TEST, small, 7).get("lle", LlmEffectiveness.Result.class).orElseThrow();
        assertEquals(40, a.testRows());
        assertEquals(a.synthetic().mcc(), b.synthetic().mcc());
        assertEquals(a.synthetic().finalLoss(), b.synthetic().finalLoss(), 1e-6);
        assertEquals(a.original().accuracy(), b.original().accuracy());
    }

    @Test
    void aClassifierThatLearnsOnlyTheLabelsSharesIsTrainedAgainAndSaysSo() throws Exception {
        // German credit with its labels shuffled: nothing in a row tells its label, so a classifier that has
        // learned the answers' form ends at the loss of the labels' shares (10 epochs at this rate: 40 steps)
        List<String> lines = Files.readAllLines(TestData.resource("data/german_train.csv"));
        List<String> labels = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            labels.add(line.substring(line.lastIndexOf(',') + 1));
        }
        Collections.shuffle(labels, new Random(3));
        List<String> shuffled = new ArrayList<>(List.of(lines.get(0)));
        for (int i = 1; i < lines.size(); i++) {
            shuffled.add(lines.get(i).substring(0, lines.get(i).lastIndexOf(',') + 1) + labels.get(i - 1));
        }
        Path csv = Files.write(dir.resolve("shuffled_labels.csv"), shuffled);
        Table noSignal = CSV.read(csv);
        LlmEffectiveness.Settings settings = tiny().withTraining(TrainingConfig.defaults().withEpochs(10)
                .withBatchSize(16).withLearningRate(3e-2)).withMaxTrainRows(64).withMaxTestRows(20);
        LlmEffectiveness.Result r = Evaluation.evaluate(noSignal, noSignal, TEST, "status", EvaluationConfig.defaults()
                .withSeed(5).withMetrics(List.of("lle")).withExtraMetric(new LlmEffectiveness(settings)),
                Progress.none()).get("lle", LlmEffectiveness.Result.class).orElseThrow();
        for (LlmEffectiveness.Scores side : List.of(r.synthetic(), r.original())) {
            assertEquals(LlmEffectiveness.TRAININGS_AT_MOST, side.trainings(), "every training collapsed: retried");
            assertTrue(LlmEffectiveness.learnedOnlyTheShares(side.finalLoss(), side.labelShareLoss()),
                    side.finalLoss() + " against the shares' " + side.labelShareLoss());
        }
        String notes = r.details().get("notes").toString();
        assertTrue(notes.contains("the classifier on the real rows learned only the labels' shares in 3 trainings "
                + "(final loss"), notes);
        assertEquals(3, ((Map<?, ?>) r.details().get("original")).get("trainings"));
        // a classifier still learning the answers' form (loss far above the shares') is not trained again
        assertEquals(1, result.original().trainings());
        assertTrue(result.original().finalLoss() > 2 * result.original().labelShareLoss(), result.original().toString());
    }

    @Test
    void theLabelsSharesLossIsTheirEntropyPerAnswerToken() {
        TrainingExample twoTokens = new TrainingExample(new int[] {5, 6, 7, 1}, 2);
        List<TrainingExample> examples = List.of(twoTokens, twoTokens, twoTokens, twoTokens);
        double expected = (3 * Math.log(4.0 / 3) + Math.log(4)) / 8;
        assertEquals(expected, LlmEffectiveness.labelShareLoss(List.of(0, 0, 0, 1), examples, 2), 1e-12);
        assertEquals(0, LlmEffectiveness.labelShareLoss(List.of(1, 1), List.of(twoTokens, twoTokens), 2), 1e-12);
        assertTrue(LlmEffectiveness.learnedOnlyTheShares(0.3048, 0.3027), "German in Weka's format, seed 416");
        assertFalse(LlmEffectiveness.learnedOnlyTheShares(0.274, 0.3027), "the same table, seed 418: learned");
        assertFalse(LlmEffectiveness.learnedOnlyTheShares(0.35, 0.3027), "still learning the answers' form");
    }

    @Test
    void aHuggingFaceCheckpointDirectoryCanBeTheBaseModel() {
        Path base = dir.resolve("hf");
        List<String> texts = new ArrayList<>();
        for (int r = 0; r < 50; r++) {
            texts.add(LlmEffectiveness.text(REAL, r, 20));
        }
        new TableTokenizerTrainer().vocabSize(400).train(texts, Progress.none()).writeTo(base);
        int vocab;
        int eos;
        try (HfTokenizer t = HfTokenizer.load(base)) {
            vocab = t.vocabSize();
            eos = t.eosId();
        }
        ModelConfig config = new ModelConfig("llama", vocab, 32, 1, 4, 2, 64, 2048, 1e-5, 10000, false, true, -1, eos);
        try (CausalLm m = CausalLm.random(config, 1, Device.cpu())) {
            SafetensorsWriter.write(base.resolve("model.safetensors"), m.exportWeights().values());
        }
        ModelConfigJson.write(config, base);
        LlmEffectiveness.Result r = evaluate(TEST, tiny().withBaseModel(base).withMaxTrainRows(24).withMaxTestRows(40), 416)
                .get("lle", LlmEffectiveness.Result.class).orElseThrow();
        assertEquals(base.toString(), r.model());
        assertTrue(r.synthetic().accuracy() >= 0 && r.synthetic().accuracy() <= 1);
        assertEquals(24, r.original().trainingRows());
    }

    @Test
    void badInputIsNamed() {
        String m = assertThrows(HarmonicInputException.class, () -> evaluate(null, tiny(), 1)).getMessage();
        assertTrue(m.contains("LLE needs the real test table") && m.contains("--test"), m);
        m = assertThrows(HarmonicInputException.class, () -> Evaluation.evaluate(REAL, SYN, TEST, "credit",
                EvaluationConfig.defaults().withMetrics(List.of("lle")).withExtraMetric(new LlmEffectiveness(tiny())),
                Progress.none())).getMessage();
        assertTrue(m.contains("target column 'credit' is not in the real table"), m);
        m = assertThrows(HarmonicInputException.class, () -> evaluate(TEST,
                tiny().withLabelWords(Map.of("2", "maybe")), 1)).getMessage();
        assertTrue(m.contains("'2'") && m.contains("not a class of 'status'"), m);
        m = assertThrows(HarmonicInputException.class, () -> evaluate(TEST,
                tiny().withLabelWords(Map.of("0", "ok", "1", "ok")), 1)).getMessage();
        assertTrue(m.contains("distinct"), m);
        assertEquals(Map.of("0", "good", "1", "bad"), LlmEffectiveness.parseLabelWords("0=good, 1=bad"));
        assertThrows(HarmonicInputException.class, () -> LlmEffectiveness.parseLabelWords("0:good"));
    }
}
