package org.harmonic.core.lm.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.nn.Parameter;
import java.nio.FloatBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.harmonic.core.lm.ModelConfig;
import org.harmonic.core.lm.TensorData;
import org.harmonic.core.util.HarmonicInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** LoRA adapters: frozen base, PEFT names, and merging that changes nothing but the layout. */
class LoraTest {

    private static final int[][] IDS = {{1, 7, 22, 49, 3, 3}, {0, 5, 9, 14, 0, 0}};
    private static final int[][] MASK = {{1, 1, 1, 1, 1, 1}, {1, 1, 1, 1, 0, 0}};

    @ParameterizedTest(name = "{0}")
    @CsvSource({"gpt2", "llama", "qwen2"})
    void mergedModelGivesTheSameLogitsAsTheUnmergedOne(String family) {
        ModelConfig c = config(family);
        Set<String> targets = Set.copyOf(c.isLlamaFamily() ? LoraConfig.LLAMA_MODULES : LoraConfig.GPT2_MODULES);
        LoraConfig lora = new LoraConfig(4, 8, 0.1, targets);
        Map<String, TensorData> base = TestModels.strongWeights(c, 5);
        try (CausalLm plain = CausalLm.load(c, new MapWeightSource(base), Device.cpu());
                CausalLm adapted = CausalLm.load(c, new MapWeightSource(base), Device.cpu())) {
            float[][][] before = TestModels.logits(plain, IDS, MASK);

            // A fresh adapter (B = 0) changes nothing.
            adapted.applyLora(lora, 1);
            assertEquals(0.0, TestModels.maxAbsDiff(before, TestModels.logits(adapted, IDS, MASK)));
            Map<String, TensorData> fresh = adapted.exportLoraWeights();
            adapted.mergeLora();

            // Now with non-zero B.
            adapted.loadLora(lora, new MapWeightSource(randomised(fresh, 11)));
            float[][][] unmerged = TestModels.logits(adapted, IDS, MASK);
            assertTrue(TestModels.maxAbsDiff(before, unmerged) > 1e-2, "the adapters must matter");

            // Exported weights fold the adapters in: a plain model loaded from them agrees.
            try (CausalLm reloaded = CausalLm.load(c, new MapWeightSource(adapted.exportWeights()), Device.cpu())) {
                double d = TestModels.maxAbsDiff(unmerged, TestModels.logits(reloaded, IDS, MASK));
                assertTrue(d < 1e-5, "export with folded adapters: " + d);
            }
            // Merging in place agrees too and leaves no adapter.
            adapted.mergeLora();
            assertNull(adapted.lora());
            double d = TestModels.maxAbsDiff(unmerged, TestModels.logits(adapted, IDS, MASK));
            System.out.printf("%s: max |merged - unmerged| = %.2e%n", family, d);
            assertTrue(d < 1e-5, "merged in place: " + d);
            assertEquals(adapted.weightParameters().size(), adapted.trainableParameters().size());
        }
    }

    @Test
    void onlyAdaptersAreTrainableAndNamedAsPeftDoes() {
        ModelConfig c = TestModels.llama();
        try (CausalLm model = CausalLm.random(c, 1, Device.cpu())) {
            long base = model.parameterCount();
            model.applyLora(new LoraConfig(4, 16, 0, Set.of("q_proj", "v_proj")), 3);
            List<Parameter> trainable = model.trainableParameters();
            assertEquals(2 * 2 * c.numLayers(), trainable.size());
            assertTrue(trainable.stream().allMatch(p -> p.getName().contains(".lora_") && p.requiresGradient()));
            assertTrue(model.weightParameters().values().stream().noneMatch(Parameter::requiresGradient));
            Map<String, TensorData> adapters = model.exportLoraWeights();
            assertArrayEquals(new long[] {4, 32},
                    adapters.get("base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight").shape());
            assertArrayEquals(new long[] {16, 4}, // v_proj: 2 kv heads x 8
                    adapters.get("base_model.model.model.layers.1.self_attn.v_proj.lora_B.weight").shape());
            assertEquals(base + (long) c.numLayers() * (4 * 32 + 32 * 4 + 4 * 32 + 16 * 4), model.parameterCount());
        }
    }

    @Test
    void gpt2AdapterOnConv1dUsesTheLinearLayout() {
        try (CausalLm model = CausalLm.random(TestModels.gpt2(), 1, Device.cpu())) {
            model.applyLora(new LoraConfig(2, 4, 0, Set.of("c_attn", "c_fc")), 3);
            Map<String, TensorData> adapters = model.exportLoraWeights();
            // PEFT stores Conv1D adapters like nn.Linear ones: A [r, in], B [out, r].
            assertArrayEquals(new long[] {2, 32},
                    adapters.get("base_model.model.transformer.h.0.attn.c_attn.lora_A.weight").shape());
            assertArrayEquals(new long[] {96, 2},
                    adapters.get("base_model.model.transformer.h.0.attn.c_attn.lora_B.weight").shape());
            assertArrayEquals(new long[] {128, 2},
                    adapters.get("base_model.model.transformer.h.1.mlp.c_fc.lora_B.weight").shape());
        }
    }

    @Test
    void wrongTargetsAndAdapterFilesAreReported() {
        try (CausalLm model = CausalLm.random(TestModels.gpt2(), 1, Device.cpu())) {
            HarmonicInputException e = assertThrows(HarmonicInputException.class,
                    () -> model.applyLora(new LoraConfig(2, 4, 0, Set.of("q_proj")), 1));
            assertTrue(e.getMessage().contains("'q_proj'") && e.getMessage().contains("c_attn"), e.getMessage());
        }
        try (CausalLm model = CausalLm.random(TestModels.llama(), 1, Device.cpu())) {
            LoraConfig rank4 = new LoraConfig(4, 8, 0, Set.of("q_proj"));
            model.applyLora(rank4, 1);
            Map<String, TensorData> adapters = model.exportLoraWeights();
            model.mergeLora();
            LoraConfig rank8 = new LoraConfig(8, 8, 0, Set.of("q_proj"));
            HarmonicInputException e = assertThrows(HarmonicInputException.class,
                    () -> model.loadLora(rank8, new MapWeightSource(adapters)));
            assertTrue(e.getMessage().contains("lora_A.weight' has shape [4, 32]"), e.getMessage());
            assertNull(model.lora(), "a failed load leaves no adapter behind");
            assertEquals(model.weightParameters().size(), model.trainableParameters().size());
        }
        assertThrows(HarmonicInputException.class, () -> new LoraConfig(0, 8, 0, Set.of("q_proj")));
        assertThrows(HarmonicInputException.class, () -> new LoraConfig(4, 8, 1.0, Set.of("q_proj")));
    }

    private static Map<String, TensorData> randomised(Map<String, TensorData> shapes, long seed) {
        Random random = new Random(seed);
        Map<String, TensorData> out = new LinkedHashMap<>();
        shapes.forEach((name, t) -> {
            float[] v = new float[Math.toIntExact(t.elementCount())];
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) (0.2 * random.nextGaussian());
            }
            out.put(name, new TensorData(name, t.shape(), FloatBuffer.wrap(v)));
        });
        return out;
    }

    private static ModelConfig config(String family) {
        return switch (family) {
            case "gpt2" -> TestModels.gpt2();
            case "llama" -> TestModels.llama();
            default -> TestModels.qwen2();
        };
    }
}
