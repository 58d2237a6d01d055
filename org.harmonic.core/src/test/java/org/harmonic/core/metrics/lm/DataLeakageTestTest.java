package org.harmonic.core.metrics.lm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.harmonic.core.TestData;
import org.harmonic.core.generator.Generator;
import org.harmonic.core.generator.GermanFixtures;
import org.harmonic.core.lm.DirectNll;
import org.harmonic.core.lm.Perplexity;
import org.harmonic.core.lm.train.TrainingConfig;
import org.harmonic.core.table.CsvTableReader;
import org.harmonic.core.table.Table;
import org.harmonic.core.table.TableProfile;
import org.harmonic.core.util.HarmonicInputException;
import org.harmonic.core.util.Progress;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.harmonic.core.metrics.EvaluationConfig;
import org.harmonic.core.metrics.evaluation.Evaluation;

/** DLT with a tiny generator fitted on German credit instructions. */
class DataLeakageTestTest {
    private static final Table REAL = GermanFixtures.GERMAN;
    private static final Table SYN = new CsvTableReader().read(TestData.resource("metrics/german_synthetic.csv"));

    @TempDir
    static Path dir;

    private static Generator generator;

    @BeforeAll
    static void fit() {
        GermanFixtures.fitTiny(dir.resolve("g"), 48, TrainingConfig.defaults().withEpochs(1).withBatchSize(8));
        generator = Generator.open(dir.resolve("g"), "cpu");
    }

    @AfterAll
    static void close() {
        generator.close();
    }

    private static DataLeakageTest.Result dlt(DataLeakageTest.Settings settings) {
        EvaluationConfig config = EvaluationConfig.defaults().withMetrics(List.of("dlt"))
                .withExtraMetric(new DataLeakageTest(generator, settings));
        return Evaluation.evaluate(REAL, SYN, null, "status", config, Progress.none())
                .get("dlt", DataLeakageTest.Result.class).orElseThrow();
    }

    @Test
    void dltIsRealMeanMinusSyntheticMeanOfPerplexitiesComputedFromLogits() {
        DataLeakageTest.Result r = dlt(DataLeakageTest.Settings.defaults().withMaxRows(12));
        assertTrue(Double.isFinite(r.value()));
        assertEquals(12, r.real().perplexities().length);
        assertEquals(12, r.synthetic().perplexities().length);
        assertEquals(700, r.real().rows());

        TableProfile schema = generator.info().schema();
        int[] order = DataLeakageTest.trainedOrder(schema);
        int[] prefix = generator.tokenizer().encode(r.prefix());
        double realMean = directMean(REAL, schema, order, prefix, r.real().rowIndexes());
        double synMean = directMean(DataLeakageTest.align(SYN, schema, "synthetic"), schema, order, prefix,
                r.synthetic().rowIndexes());
        assertEquals(realMean, r.realMean(), 1e-5 * realMean);
        assertEquals(synMean, r.syntheticMean(), 1e-5 * synMean);
        assertEquals(realMean - synMean, r.value(), 1e-5 * (realMean + synMean), "sign: real minus synthetic");
        assertEquals(DataLeakageTest.SIGN, r.parameters().get("sign"));
        assertTrue(r.prefix().startsWith("Human: \nHere are 5 tabular data about user credit scores")
                && r.prefix().endsWith("Generate one sample: \n\nAssistant: \n"), r.prefix());
        Map<String, Object> real = (Map<String, Object>) r.details().get("real");
        assertEquals(12, real.get("rows_scored"));
        assertTrue((double) real.get("min") <= (double) real.get("median"));
    }

    @Test
    void answerTextIsTheTrainingAnswerFormat() {
        TableProfile schema = generator.info().schema();
        // the generator learned exactly these answers for its training rows
        var example = GermanFixtures.INSTRUCTIONS.training().get(0);
        assertEquals(example.answer(), DataLeakageTest.answerText(REAL, schema, example.targetRow(),
                DataLeakageTest.trainedOrder(schema)));
    }

    @Test
    void referenceVariantIsBaseTwoOfTheSameMeanNats() {
        DataLeakageTest.Result exp = dlt(DataLeakageTest.Settings.defaults().withMaxRows(8));
        DataLeakageTest.Result ref = dlt(DataLeakageTest.Settings.defaults().withMaxRows(8)
                .withBase(Perplexity.Base.REFERENCE_BASE2));
        assertArrayEquals(exp.real().rowIndexes(), ref.real().rowIndexes(), "same seeded rows");
        for (int i = 0; i < 8; i++) {
            double lnExp = Math.log(exp.real().perplexities()[i]);
            double log2Ref = Math.log(ref.real().perplexities()[i]) / Math.log(2);
            assertEquals(lnExp, log2Ref, 1e-9);
        }
        assertTrue(ref.definition().endsWith("reference_base2"), ref.definition());
        assertTrue(Double.isFinite(ref.value()));
    }

    @Test
    void aGeneratorForAnotherTargetIsRejected() {
        EvaluationConfig config = EvaluationConfig.defaults().withMetrics(List.of("dlt"))
                .withExtraMetric(new DataLeakageTest(generator));
        String m = assertThrows(HarmonicInputException.class, () -> Evaluation.evaluate(REAL, SYN, null,
                "Job", config, Progress.none())).getMessage();
        assertTrue(m.contains("target 'status'") && m.contains("'Job'"), m);
    }

    private static double directMean(Table table, TableProfile schema, int[] order, int[] prefix, int[] rows) {
        double sum = 0;
        for (int row : rows) {
            int[] answer = generator.tokenizer().encode(DataLeakageTest.answerText(table, schema, row, order));
            int[] span = java.util.Arrays.copyOf(answer, answer.length + 1);
            span[answer.length] = generator.endToken();
            sum += DirectNll.perplexity(generator.model(), prefix, span);
        }
        return sum / rows.length;
    }
}
