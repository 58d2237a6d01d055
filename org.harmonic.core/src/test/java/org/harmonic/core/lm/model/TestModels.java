package org.harmonic.core.lm.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.nio.FloatBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.harmonic.core.lm.ModelConfig;
import org.harmonic.core.lm.TensorData;

/** Tiny configurations and helpers shared by the model tests. */
final class TestModels {

    private TestModels() {
    }

    /** GPT-2: hidden 32, 2 layers, 4 heads, vocab 50, tied head. */
    static ModelConfig gpt2() {
        return new ModelConfig("gpt2", 50, 32, 2, 4, 4, 128, 64, 1e-5, 10000, false, true, -1, -1);
    }

    /** Llama with grouped-query attention (4 heads, 2 kv heads), untied head. */
    static ModelConfig llama() {
        return new ModelConfig("llama", 50, 32, 2, 4, 2, 64, 128, 1e-6, 10000, false, false, -1, -1);
    }

    /** Qwen2: q/k/v biases, GQA, tied head, large rope theta. */
    static ModelConfig qwen2() {
        return new ModelConfig("qwen2", 50, 32, 2, 4, 2, 64, 128, 1e-6, 1e6, true, true, -1, -1);
    }

    /** The tiny config of a family by its test name: gpt2, llama or qwen2. */
    static ModelConfig family(String name) {
        return switch (name) {
            case "gpt2" -> gpt2();
            case "llama" -> llama();
            case "qwen2" -> qwen2();
            default -> throw new IllegalArgumentException("no test family " + name);
        };
    }

    static List<ModelConfig> all() {
        return List.of(gpt2(), llama(), qwen2());
    }

    static List<WeightSpec> table(ModelConfig c) {
        return c.isLlamaFamily() ? LlamaModel.weightTable(c) : Gpt2Model.weightTable(c);
    }

    /**
     * Weights with enough spread (N(0, 0.3), gains 1 +- 0.1, non-zero biases) that attention is
     * sharp and any mistake in positions or masks shows in the logits.
     */
    static Map<String, TensorData> strongWeights(ModelConfig c, long seed) {
        Map<String, TensorData> out = new LinkedHashMap<>();
        Random random = new Random(seed);
        for (WeightSpec s : table(c)) {
            float[] v = new float[Math.toIntExact(s.elementCount())];
            boolean gain = s.initValue() == 1f && s.initStd() == 0;
            for (int i = 0; i < v.length; i++) {
                double g = random.nextGaussian();
                v[i] = (float) (gain ? 1 + 0.1 * g : 0.3 * g);
            }
            out.put(s.name(), new TensorData(s.name(), s.shape().clone(), FloatBuffer.wrap(v)));
        }
        return out;
    }

    static CausalLm strongModel(ModelConfig c, long seed) {
        return CausalLm.load(c, new MapWeightSource(strongWeights(c, seed)), Device.cpu());
    }

    /** Logits (B, T, V) as Java arrays. */
    static float[][][] logits(CausalLm model, int[][] ids, int[][] mask) {
        try (NDManager m = model.newManager()) {
            NDArray logits = model.forward(m, ids, mask, false);
            long[] s = logits.getShape().getShape();
            return reshape(logits.toFloatArray(), (int) s[0], (int) s[1], (int) s[2]);
        }
    }

    static float[][][] reshape(float[] flat, int b, int t, int v) {
        float[][][] out = new float[b][t][v];
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < t; j++) {
                System.arraycopy(flat, (i * t + j) * v, out[i][j], 0, v);
            }
        }
        return out;
    }

    static float[][] rows(NDArray logits) {
        long[] s = logits.getShape().getShape();
        float[] flat = logits.toFloatArray();
        float[][] out = new float[(int) s[0]][(int) s[1]];
        for (int i = 0; i < out.length; i++) {
            System.arraycopy(flat, i * out[i].length, out[i], 0, out[i].length);
        }
        return out;
    }

    static double maxAbsDiff(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new AssertionError("lengths differ: " + a.length + " vs " + b.length);
        }
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }

    static double maxAbsDiff(float[][][] a, float[][][] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[i].length; j++) {
                max = Math.max(max, maxAbsDiff(a[i][j], b[i][j]));
            }
        }
        return max;
    }
}
