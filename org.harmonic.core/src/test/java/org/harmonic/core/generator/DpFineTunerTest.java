package org.harmonic.core.generator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import org.harmonic.core.lm.TensorData;
import org.harmonic.core.lm.checkpoint.SafetensorsReader;
import org.harmonic.core.lm.train.DpConfig;
import org.harmonic.core.lm.train.TrainingConfig;
import org.harmonic.core.lm.sampling.SamplingConfig;
import org.harmonic.core.synth.SynthesisConfig;
import org.harmonic.core.synth.Synthesizer;
import org.harmonic.core.table.ColumnProfile;
import org.harmonic.core.table.Table;
import org.harmonic.core.table.TableProfile;
import org.harmonic.core.util.Progress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import smile.math.matrix.Matrix;

/** The two-stage DP recipe (DP-LLMTGen) through the Fine-Tuner, on German credit. */
class DpFineTunerTest {
    @TempDir
    Path dir;

    @Test
    void formatLearningTableFollowsTheSchemaOnly() {
        TableProfile schema = TableProfile.of(GermanFixtures.GERMAN, "status");
        Table random = FormatLearningTable.random(schema, 300, 5);
        assertEquals(300, random.rowCount());
        TableProfile drawn = TableProfile.of(random, "status");
        for (int c = 0; c < schema.columns().size(); c++) {
            ColumnProfile real = schema.columns().get(c);
            ColumnProfile fake = drawn.columns().get(c);
            assertEquals(real.name(), fake.name());
            assertEquals(real.type(), fake.type());
            if (real.isNumber()) {
                assertTrue(fake.min() >= real.min() && fake.max() <= real.max(), real.name());
                assertTrue(fake.decimals() <= real.decimals(), real.name());
            } else {
                assertTrue(real.categories().containsAll(fake.categories()), real.name());
            }
        }
        assertEquals(TableProfile.of(random, "status"),
                TableProfile.of(FormatLearningTable.random(schema, 300, 5), "status"), "seeded");
    }

    @Test
    void formatLearningTableHasNeighbourhoods() {
        // rows drawn around shared prototypes: most rows have a row that agrees with them on most category
        // columns, which independent draws (German's 13 category columns, 2 to 10 values each) almost never do
        TableProfile schema = TableProfile.of(GermanFixtures.GERMAN, "status");
        Table random = FormatLearningTable.random(schema, 400, 5);
        java.util.List<Integer> categorical = new java.util.ArrayList<>();
        for (int c = 0; c < random.columnCount(); c++) {
            if (!schema.columns().get(c).isNumber()) {
                categorical.add(c);
            }
        }
        int withAGroup = 0;
        for (int r = 0; r < random.rowCount(); r++) {
            int best = 0;
            for (int o = 0; o < random.rowCount(); o++) {
                int same = 0;
                for (int c : categorical) {
                    same += o != r && random.format(r, c).equals(random.format(o, c)) ? 1 : 0;
                }
                best = Math.max(best, same);
            }
            withAGroup += best >= 0.7 * categorical.size() ? 1 : 0;
        }
        assertTrue(categorical.size() >= 10, "German has many category columns: " + categorical.size());
        assertTrue(withAGroup >= 0.8 * random.rowCount(), withAGroup + " of " + random.rowCount());
    }

    @Test
    void valueTokensAreTheBytesInsideQuotedValues() {
        byte[] text = "{\"age\": \"23\", \"pur\\\"pose\": \"car (new)\"}".getBytes(StandardCharsets.UTF_8);
        boolean[] value = ValueTokens.valueBytes(text);
        StringBuilder marked = new StringBuilder();
        for (int i = 0; i < text.length; i++) {
            marked.append(value[i] ? (char) text[i] : '.');
        }
        assertEquals(".........23.................car (new)..", marked.toString());
    }

    @Test
    void privateFitRecordsTheAccountingInHarmonicJson() {
        TrainingConfig training = TrainingConfig.defaults().withEpochs(1).withBatchSize(4)
                .withPrivacy(DpConfig.epsilon(8).withStage1Epochs(1).withValueWeight(0.65));
        GeneratorInfo info = GermanFixtures.fitTiny(dir.resolve("gen"), 16, training);
        Map<String, Object> privacy = GeneratorDirectory.readInfo(dir.resolve("gen")).privacy();
        assertEquals(info.privacy().keySet(), privacy.keySet());
        double epsilon = ((Number) privacy.get("epsilon")).doubleValue();
        assertTrue(epsilon <= 8 && epsilon >= 0.99 * 8, "epsilon " + epsilon);
        // default delta 1/n with n the private rows the 16 instructions show (targets and neighbours)
        java.util.Set<Integer> rows = new java.util.HashSet<>();
        for (var e : GermanFixtures.INSTRUCTIONS.training().subList(0, 16)) {
            rows.add(e.targetRow());
            for (int r : e.exampleRows()) {
                rows.add(r);
            }
        }
        assertTrue(rows.size() > 16, "neighbours add rows: " + rows.size());
        assertEquals(1.0 / rows.size(), ((Number) privacy.get("delta")).doubleValue(), 1e-12);
        assertEquals(4, ((Number) privacy.get("steps")).intValue());
        assertEquals(0.25, ((Number) privacy.get("sampling_rate")).doubleValue(), 1e-12);
        assertTrue(((Number) privacy.get("noise_multiplier")).doubleValue() > 0);
        assertTrue(((Number) privacy.get("max_instructions_per_row")).intValue() >= 1);
        assertEquals(0.65, ((Number) privacy.get("value_token_weight")).doubleValue());
        // the noise comes from a secure generator, not from the seed stored beside it
        assertEquals("SecureRandom DRBG", privacy.get("noise"));
        assertEquals(416L, info.training().seed());
        assertTrue(Double.isFinite(info.training().finalLoss()));
    }

    @Test
    void thePrivateStageFromScratchTrainsLowRankAdaptersOnly() {
        // without stage 1, the weights before the private stage are the seed's initial ones: a fit whose
        // private stage cannot move (learning rate 1e-12) shows them
        TrainingConfig training = TrainingConfig.defaults().withEpochs(2).withBatchSize(4)
                .withPrivacy(DpConfig.epsilon(8).withStage1Epochs(0));
        GeneratorInfo info = GermanFixtures.fitTiny(dir.resolve("private"), 16, training);
        GermanFixtures.fitTiny(dir.resolve("initial"), 16, training.withLearningRate(1e-12));
        assertEquals(DefaultGenerator.DP_ADAPTER_RANK, info.training().loraRank());
        assertEquals(training.learningRate() * DefaultGenerator.DP_ADAPTER_LR_SCALE, info.training().learningRate(),
                1e-15);
        try (SafetensorsReader trained = SafetensorsReader.open(dir.resolve("private"));
                SafetensorsReader initial = SafetensorsReader.open(dir.resolve("initial"))) {
            assertEquals(initial.names(), trained.names()); // the adapters are merged into the saved weights
            assertEquals(trained.names().stream().mapToLong(n -> trained.get(n).elementCount()).sum(),
                    info.training().parameters(), "harmonic.json counts the saved model's parameters");
            int projections = 0;
            for (String name : trained.names()) {
                float[] before = values(initial.get(name));
                float[] after = values(trained.get(name));
                if (!name.endsWith("_proj.weight")) {
                    // embeddings and norms carry no adapter: frozen
                    assertArrayEquals(before, after, name);
                    continue;
                }
                projections++;
                long[] shape = trained.get(name).shape();
                double[][] change = new double[(int) shape[0]][(int) shape[1]];
                for (int i = 0; i < after.length; i++) {
                    change[i / (int) shape[1]][i % (int) shape[1]] = (double) after[i] - before[i];
                }
                int rank = rank(change);
                assertTrue(rank >= 1 && rank <= DefaultGenerator.DP_ADAPTER_RANK, name + " changed with rank " + rank);
            }
            assertEquals(7 * 2, projections); // every projection of the tiny model's two layers
        }
    }

    private static float[] values(TensorData tensor) {
        float[] out = new float[Math.toIntExact(tensor.elementCount())];
        tensor.data().duplicate().get(out);
        return out;
    }

    /**
     * Numerical rank: singular values above 1e-4 of the largest (the merged weights are float32, so the change
     * carries rounding noise far above SVD's own double-precision tolerance).
     */
    private static int rank(double[][] m) {
        double[] s = Matrix.of(m).svd(false, true).s;
        double largest = Arrays.stream(s).max().orElse(0);
        return (int) Arrays.stream(s).filter(v -> v > 0 && v >= 1e-4 * largest).count();
    }

    @Test
    void formatLearningKeepsASmallBatchWhenTheDpBatchIsLarge() {
        TrainingConfig training = TrainingConfig.defaults().withEpochs(1).withBatchSize(16)
                .withPrivacy(DpConfig.epsilon(8).withStage1Epochs(2));
        GermanFixtures.fitTiny(dir.resolve("large"), 16, training);
        Map<?, ?> stage1 = (Map<?, ?>) GeneratorDirectory.readInfo(dir.resolve("large")).privacy().get("stage1");
        int examples = ((Number) stage1.get("examples")).intValue();
        assertTrue(examples > 0);
        // batches of 4 (DefaultGenerator.DP_STAGE1_BATCH_SIZE), not of 16: twice ceil(examples / 4) steps
        assertEquals(4, DefaultGenerator.DP_STAGE1_BATCH_SIZE);
        assertEquals(2 * ((examples + 3) / 4), ((Number) stage1.get("steps")).intValue());
    }

    @Test
    void anExplicitDeltaIsKept() {
        TrainingConfig training = TrainingConfig.defaults().withEpochs(1).withBatchSize(4)
                .withPrivacy(DpConfig.epsilon(8).withStage1Epochs(0).withDelta(1e-5));
        GermanFixtures.fitTiny(dir.resolve("gen"), 16, training);
        assertEquals(1e-5, ((Number) GeneratorDirectory.readInfo(dir.resolve("gen")).privacy().get("delta"))
                .doubleValue(), 1e-18);
    }

    @Test
    void plainFitHasNoPrivacyEntry() {
        assertArrayEquals(new Object[] {null}, new Object[] {GermanFixtures.fitTiny(dir.resolve("plain"), 8,
                TrainingConfig.defaults().withEpochs(1).withBatchSize(4)).privacy()});
    }

    @Test
    void aPrivateGeneratorSamplesAtThePrivateTemperaturesAndGuidance() throws Exception {
        // one public epoch makes the label depend on the prompt: the private adapters alone leave the initial
        // model's label logits nearly equal, where every temperature draws the same labels (1 run in 8 did)
        TrainingConfig training = TrainingConfig.defaults().withEpochs(1).withBatchSize(4)
                .withPrivacy(DpConfig.epsilon(8).withStage1Epochs(1));
        GermanFixtures.fitTiny(dir.resolve("private"), 16, training);
        try (Generator generator = Generator.open(dir.resolve("private"), "cpu")) {
            SynthesisConfig automatic = SynthesisConfig.of(24, 5);
            String table = table(generator, automatic);
            assertEquals(table(generator, automatic.withLabelTemperature(SynthesisConfig.PRIVATE_LABEL_TEMPERATURE)),
                    table);
            // the untrained generator is unsure of the label, so the plain default draws other labels
            assertNotEquals(table(generator, automatic.withLabelTemperature(SynthesisConfig.DEFAULT_LABEL_TEMPERATURE)),
                    table);
            // and its numbers at the private sampling temperature, not at a plain generator's 1.0
            SamplingConfig sampling = automatic.sampling();
            assertEquals(table(generator, automatic.withSampling(new SamplingConfig(SynthesisConfig.PRIVATE_TEMPERATURE,
                    sampling.topK(), sampling.topP(), sampling.maxNewTokens()))), table);
            assertNotEquals(table(generator, automatic.withSampling(new SamplingConfig(
                    SamplingConfig.DEFAULT_TEMPERATURE, sampling.topK(), sampling.topP(), sampling.maxNewTokens()))),
                    table);
            // and guided towards each row's own prompt, where a plain generator is not
            assertEquals(table(generator, automatic.withGuidance(SynthesisConfig.PRIVATE_GUIDANCE)), table);
            assertNotEquals(table(generator, automatic.withGuidance(SynthesisConfig.DEFAULT_GUIDANCE)), table);
        }
    }

    private static String table(Generator generator, SynthesisConfig config) throws Exception {
        return SynthesizerTest.csv(new Synthesizer().synthesize(generator, GermanFixtures.GERMAN, config,
                Progress.none()).table());
    }
}
