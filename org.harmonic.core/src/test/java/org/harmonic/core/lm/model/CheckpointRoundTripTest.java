package org.harmonic.core.lm.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.harmonic.core.lm.ModelConfig;
import org.harmonic.core.lm.TensorData;
import org.harmonic.core.lm.checkpoint.Dtype;
import org.harmonic.core.lm.checkpoint.ModelConfigJson;
import org.harmonic.core.lm.checkpoint.SafetensorsReader;
import org.harmonic.core.lm.checkpoint.SafetensorsWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A model saved as a real Hugging Face checkpoint (config.json + safetensors) comes back unchanged. */
class CheckpointRoundTripTest {

    private static final int[][] IDS = {{1, 7, 22, 49, 3, 3}, {0, 5, 9, 14, 0, 0}};
    private static final int[][] MASK = {{1, 1, 1, 1, 1, 1}, {1, 1, 1, 1, 0, 0}};

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}, {1} shard(s)")
    @CsvSource({"gpt2,1", "llama,1", "qwen2,1", "llama,3"})
    void savedCheckpointReloadsWithIdenticalLogits(String family, int shards) throws IOException {
        ModelConfig c = config(family);
        Path out = Files.createDirectories(dir.resolve(family + shards));
        try (CausalLm model = TestModels.strongModel(c, 5)) {
            ModelConfigJson.write(c, out);
            if (shards == 1) {
                SafetensorsWriter.write(out.resolve(SafetensorsReader.SINGLE_FILE), model.exportWeights().values());
            } else {
                SafetensorsWriter.writeSharded(out, model.exportWeights().values(), shards, Dtype.F32);
            }
            try (SafetensorsReader reader = SafetensorsReader.open(out);
                    CausalLm again = CausalLm.load(ModelConfigJson.read(out), reader, Device.cpu())) {
                assertEquals(0.0, TestModels.maxAbsDiff(TestModels.logits(model, IDS, MASK),
                        TestModels.logits(again, IDS, MASK)));
            }
        }
    }

    @Test
    void bf16CheckpointLoadsAsFp32WithRoundingOnly() throws IOException {
        ModelConfig c = TestModels.llama();
        Path out = Files.createDirectories(dir.resolve("bf16"));
        try (CausalLm model = TestModels.strongModel(c, 5)) {
            ModelConfigJson.write(c, out);
            SafetensorsWriter.write(out.resolve(SafetensorsReader.SINGLE_FILE), model.exportWeights().values(), Dtype.BF16);
            try (SafetensorsReader reader = SafetensorsReader.open(out);
                    CausalLm again = CausalLm.load(ModelConfigJson.read(out), reader, Device.cpu())) {
                double d = TestModels.maxAbsDiff(TestModels.logits(model, IDS, MASK), TestModels.logits(again, IDS, MASK));
                assertTrue(d > 0 && d < 0.5, "bf16 rounding moves logits a little: " + d);
            }
        }
    }

    @Test
    void loraAdapterFileReloadsOntoTheBaseModel() throws IOException {
        ModelConfig c = TestModels.qwen2();
        LoraConfig lora = new LoraConfig(4, 8, 0, Set.of("q_proj", "v_proj", "down_proj"));
        Path adapterFile = dir.resolve("adapter_model.safetensors");
        Map<String, TensorData> base = TestModels.strongWeights(c, 5);
        try (CausalLm trained = CausalLm.load(c, new MapWeightSource(base), Device.cpu());
                CausalLm restored = CausalLm.load(c, new MapWeightSource(base), Device.cpu())) {
            trained.applyLora(lora, 1);
            Map<String, TensorData> shapes = trained.exportLoraWeights();
            trained.mergeLora();
            trained.loadLora(lora, new MapWeightSource(randomised(shapes)));
            SafetensorsWriter.write(adapterFile, trained.exportLoraWeights().values());
            try (SafetensorsReader reader = SafetensorsReader.open(adapterFile)) {
                restored.loadLora(lora, reader);
            }
            assertEquals(0.0, TestModels.maxAbsDiff(TestModels.logits(trained, IDS, MASK),
                    TestModels.logits(restored, IDS, MASK)));
        }
    }

    private static Map<String, TensorData> randomised(Map<String, TensorData> shapes) {
        Random random = new Random(3);
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
