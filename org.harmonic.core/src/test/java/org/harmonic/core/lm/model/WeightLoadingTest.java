package org.harmonic.core.lm.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.nio.FloatBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.harmonic.core.lm.ModelConfig;
import org.harmonic.core.lm.TensorData;
import org.harmonic.core.util.HarmonicInputException;
import org.junit.jupiter.api.Test;

/** Weights travel under their Hugging Face names, and bad checkpoints fail with a clear message. */
class WeightLoadingTest {

    private static final int[][] IDS = {{1, 7, 22, 49, 3, 3}, {0, 5, 9, 14, 0, 0}};
    private static final int[][] MASK = {{1, 1, 1, 1, 1, 1}, {1, 1, 1, 1, 0, 0}};

    @Test
    void exportedWeightsLoadIntoAFreshModelWithIdenticalLogits() {
        for (ModelConfig c : TestModels.all()) {
            try (CausalLm original = CausalLm.random(c, 42, Device.cpu())) {
                Map<String, TensorData> exported = original.exportWeights();
                assertEquals(TestModels.table(c).size(), exported.size(), c.modelType());
                try (CausalLm copy = CausalLm.load(c, new MapWeightSource(exported), Device.cpu())) {
                    assertEquals(0.0, TestModels.maxAbsDiff(TestModels.logits(original, IDS, MASK),
                            TestModels.logits(copy, IDS, MASK)), c.modelType());
                }
            }
        }
    }

    @Test
    void gpt2ExportKeepsConv1dLayoutAndTiedHead() {
        try (CausalLm model = CausalLm.random(TestModels.gpt2(), 1, Device.cpu())) {
            Map<String, TensorData> w = model.exportWeights();
            assertArrayEquals(new long[] {32, 128}, w.get("transformer.h.0.mlp.c_fc.weight").shape());
            assertArrayEquals(new long[] {32, 96}, w.get("transformer.h.1.attn.c_attn.weight").shape());
            assertArrayEquals(new long[] {128, 32}, w.get("transformer.h.1.mlp.c_proj.weight").shape());
            assertTrue(!w.containsKey("lm_head.weight"), "a tied head is not written twice");
        }
    }

    @Test
    void gpt2LoadsTheOriginalRepositoryNamingAndIgnoresMaskBuffers() {
        ModelConfig c = TestModels.gpt2();
        Map<String, TensorData> prefixed = TestModels.strongWeights(c, 3);
        Map<String, TensorData> bare = new LinkedHashMap<>();
        prefixed.forEach((name, t) -> bare.put(name.substring("transformer.".length()), t));
        for (int i = 0; i < c.numLayers(); i++) {
            bare.put("h." + i + ".attn.bias", tensor("h." + i + ".attn.bias", 1, 1, 64, 64));
            bare.put("h." + i + ".attn.masked_bias", tensor("h." + i + ".attn.masked_bias"));
        }
        try (CausalLm a = CausalLm.load(c, new MapWeightSource(prefixed), Device.cpu());
                CausalLm b = CausalLm.load(c, new MapWeightSource(bare), Device.cpu())) {
            assertEquals(0.0, TestModels.maxAbsDiff(TestModels.logits(a, IDS, MASK), TestModels.logits(b, IDS, MASK)));
        }
    }

    @Test
    void missingTensorIsNamedWithItsShape() {
        ModelConfig c = TestModels.llama();
        Map<String, TensorData> w = TestModels.strongWeights(c, 1);
        w.remove("model.layers.1.mlp.up_proj.weight");
        HarmonicInputException e = assertThrows(HarmonicInputException.class,
                () -> CausalLm.load(c, new MapWeightSource(w), Device.cpu()));
        assertTrue(e.getMessage().contains("'model.layers.1.mlp.up_proj.weight' [64, 32]"), e.getMessage());
        assertTrue(e.getMessage().contains("config.json"), e.getMessage());
    }

    @Test
    void misShapedTensorIsNamedWithBothShapes() {
        ModelConfig c = TestModels.llama();
        Map<String, TensorData> w = TestModels.strongWeights(c, 1);
        String name = "model.layers.0.self_attn.k_proj.weight"; // GQA: 2 kv heads x 8 = 16 rows
        w.put(name, tensor(name, 32, 32));
        HarmonicInputException e = assertThrows(HarmonicInputException.class,
                () -> CausalLm.load(c, new MapWeightSource(w), Device.cpu()));
        assertTrue(e.getMessage().contains(name), e.getMessage());
        assertTrue(e.getMessage().contains("[32, 32]") && e.getMessage().contains("[16, 32]"), e.getMessage());
        assertTrue(e.getMessage().contains("num_key_value_heads=2"), e.getMessage());
    }

    @Test
    void configThatContradictsTheWeightsIsReported() {
        ModelConfig c = TestModels.gpt2();
        Map<String, TensorData> w = TestModels.strongWeights(c, 1);
        ModelConfig biggerVocab = new ModelConfig("gpt2", 60, 32, 2, 4, 4, 128, 64, 1e-5, 10000, false, true, -1, -1);
        HarmonicInputException vocab = assertThrows(HarmonicInputException.class,
                () -> CausalLm.load(biggerVocab, new MapWeightSource(w), Device.cpu()));
        assertTrue(vocab.getMessage().contains("'transformer.wte.weight' has shape [50, 32]"), vocab.getMessage());
        assertTrue(vocab.getMessage().contains("implies [60, 32]"), vocab.getMessage());

        ModelConfig oneLayer = new ModelConfig("gpt2", 50, 32, 1, 4, 4, 128, 64, 1e-5, 10000, false, true, -1, -1);
        HarmonicInputException layers = assertThrows(HarmonicInputException.class,
                () -> CausalLm.load(oneLayer, new MapWeightSource(w), Device.cpu()));
        assertTrue(layers.getMessage().contains("transformer.h.1."), layers.getMessage());
        assertTrue(layers.getMessage().contains("n_layer=1"), layers.getMessage());

        ModelConfig widerHidden = new ModelConfig("gpt2", 50, 64, 2, 4, 4, 128, 64, 1e-5, 10000, false, true, -1, -1);
        HarmonicInputException hidden = assertThrows(HarmonicInputException.class,
                () -> CausalLm.load(widerHidden, new MapWeightSource(w), Device.cpu()));
        assertTrue(hidden.getMessage().contains("[50, 32]") && hidden.getMessage().contains("[50, 64]"),
                hidden.getMessage());
    }

    @Test
    void qwen2ConfigWithoutBiasRejectsCheckpointWithBias() {
        ModelConfig withBias = TestModels.qwen2();
        Map<String, TensorData> w = TestModels.strongWeights(withBias, 1);
        ModelConfig noBias = new ModelConfig("llama", 50, 32, 2, 4, 2, 64, 128, 1e-6, 1e6, false, true, -1, -1);
        HarmonicInputException e = assertThrows(HarmonicInputException.class,
                () -> CausalLm.load(noBias, new MapWeightSource(w), Device.cpu()));
        assertTrue(e.getMessage().contains("q_proj.bias"), e.getMessage());
    }

    @Test
    void inconsistentConfigIsRejectedBeforeLoading() {
        ModelConfig badHeads = new ModelConfig("llama", 50, 32, 2, 4, 3, 64, 128, 1e-6, 1e4, false, false, -1, -1);
        HarmonicInputException e = assertThrows(HarmonicInputException.class,
                () -> CausalLm.random(badHeads, 1, Device.cpu()));
        assertTrue(e.getMessage().contains("num_key_value_heads 3"), e.getMessage());
        ModelConfig unknown = new ModelConfig("falcon", 50, 32, 2, 4, 4, 64, 128, 1e-6, 1e4, false, false, -1, -1);
        assertThrows(HarmonicInputException.class, () -> CausalLm.random(unknown, 1, Device.cpu()));
    }

    @Test
    void randomInitialisationIsDeterministicPerSeed() {
        try (CausalLm a = CausalLm.random(TestModels.llama(), 9, Device.cpu());
                CausalLm b = CausalLm.random(TestModels.llama(), 9, Device.cpu());
                CausalLm c = CausalLm.random(TestModels.llama(), 10, Device.cpu())) {
            float[][][] la = TestModels.logits(a, IDS, MASK);
            assertEquals(0.0, TestModels.maxAbsDiff(la, TestModels.logits(b, IDS, MASK)));
            assertTrue(TestModels.maxAbsDiff(la, TestModels.logits(c, IDS, MASK)) > 0);
            // input projections start at 1/sqrt(hidden), embeddings and output projections at 0.02
            double fanIn = 1 / Math.sqrt(TestModels.llama().hiddenSize());
            assertEquals(fanIn, std(a.exportWeights().get("model.layers.0.mlp.up_proj.weight")), 0.1 * fanIn);
            assertEquals(fanIn, std(a.exportWeights().get("model.layers.0.self_attn.q_proj.weight")), 0.1 * fanIn);
            assertEquals(0.02, std(a.exportWeights().get("model.layers.0.self_attn.o_proj.weight")), 0.002);
            assertEquals(0.02, std(a.exportWeights().get("model.embed_tokens.weight")), 0.002);
        }
    }

    private static double std(TensorData t) {
        FloatBuffer d = t.data().duplicate();
        double sum = 0;
        double sq = 0;
        int n = d.remaining();
        for (int i = 0; i < n; i++) {
            float v = d.get();
            sum += v;
            sq += v * v;
        }
        return Math.sqrt(sq / n - (sum / n) * (sum / n));
    }

    private static TensorData tensor(String name, long... shape) {
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        return new TensorData(name, shape, FloatBuffer.wrap(new float[Math.toIntExact(n)]));
    }
}
