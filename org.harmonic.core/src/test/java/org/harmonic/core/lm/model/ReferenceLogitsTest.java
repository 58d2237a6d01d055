package org.harmonic.core.lm.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.harmonic.core.lm.DjlRuntime;
import org.harmonic.core.lm.ModelConfig;
import org.harmonic.core.lm.TensorData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The architectures against PyTorch: logits of tiny fixed-weight models computed by
 * {@code src/test/resources/lm/make_reference_logits.py} (Hugging Face's GPT-2, Llama and
 * Qwen2 forward passes restated in torch) must match ours to 1e-4 at every real position, and so
 * must the gradient of a next-token loss with respect to every weight.
 */
class ReferenceLogitsTest {

    private static final double TOLERANCE = 1e-4;

    @ParameterizedTest
    @ValueSource(strings = {"gpt2", "llama-gqa", "qwen2-bias", "llama-attention-bias"})
    void logitsMatchPyTorchReference(String name) throws IOException {
        JsonNode fixture = read("/lm/reference-" + name + ".json");
        ModelConfig config = config(fixture.get("config"));
        int[][] ids = ints(fixture.get("input_ids"));
        int[][] mask = ints(fixture.get("attention_mask"));
        JsonNode expected = fixture.get("logits");

        try (CausalLm model = CausalLm.load(config, new MapWeightSource(weights(fixture.get("tensors"))), Device.cpu())) {
            float[][][] actual = TestModels.logits(model, ids, mask);
            double worst = 0;
            for (int b = 0; b < ids.length; b++) {
                for (int t = 0; t < ids[b].length; t++) {
                    if (mask[b][t] == 1) {
                        for (int v = 0; v < config.vocabSize(); v++) {
                            worst = Math.max(worst, Math.abs(actual[b][t][v] - expected.get(b).get(t).get(v).floatValue()));
                        }
                    }
                }
            }
            System.out.printf("%s: max |logit - PyTorch| = %.2e%n", name, worst);
            assertTrue(worst < TOLERANCE, name + ": max |logit - reference| = " + worst);

            // The decoding path (right-padded prefill) must give the same next-token logits.
            try (KvCache cache = model.newCache(ids.length); NDManager m = model.newManager()) {
                NDArray next = model.prefill(m, cache, ids, mask);
                float[][] rows = TestModels.rows(next);
                double worstNext = 0;
                for (int b = 0; b < ids.length; b++) {
                    int last = lastReal(mask[b]);
                    for (int v = 0; v < config.vocabSize(); v++) {
                        worstNext = Math.max(worstNext, Math.abs(rows[b][v] - expected.get(b).get(last).get(v).floatValue()));
                    }
                }
                assertTrue(worstNext < TOLERANCE, name + ": prefill max |logit - reference| = " + worstNext);
            }
        }
    }

    /**
     * Backward against PyTorch: the gradient norm of every weight for the same next-token loss.
     * A garbage collection between forward and backward would expose a freed scalar (DJL's
     * {@code mul(Number)} trap) as wrong gradients.
     */
    @ParameterizedTest
    @ValueSource(strings = {"gpt2", "llama-gqa", "qwen2-bias", "llama-attention-bias"})
    void gradientsMatchPyTorchReference(String name) throws IOException {
        JsonNode fixture = read("/lm/reference-" + name + ".json");
        ModelConfig config = config(fixture.get("config"));
        int[][] ids = ints(fixture.get("input_ids"));
        int[][] mask = ints(fixture.get("attention_mask"));
        int[][] labels = ints(fixture.get("labels"));
        JsonNode norms = fixture.get("grad_norms");

        try (CausalLm model = CausalLm.load(config, new MapWeightSource(weights(fixture.get("tensors"))), Device.cpu());
                NDManager m = model.newManager()) {
            float loss;
            try (GradientCollector gc = DjlRuntime.engine().newGradientCollector()) {
                NDArray lossArray = TrainingTest.maskedCrossEntropy(m, model.forward(m, ids, mask, true), labels);
                System.gc();
                gc.backward(lossArray);
                loss = lossArray.getFloat();
            }
            assertEquals(fixture.get("loss").floatValue(), loss, 1e-5, name + " loss");
            double worstRelative = 0;
            for (Map.Entry<String, Parameter> e : model.weightParameters().entrySet()) {
                double expected = norms.get(e.getKey()).asDouble();
                double actual;
                try (NDArray g = e.getValue().getArray().getGradient()) {
                    actual = l2(g.toFloatArray());
                    g.subi(g); // leave no gradient behind (PyTorch accumulates)
                }
                double relative = Math.abs(actual - expected) / Math.max(expected, 1e-3);
                worstRelative = Math.max(worstRelative, relative);
                assertTrue(relative < 1e-4, name + ": |grad " + e.getKey() + "| = " + actual + ", PyTorch " + expected);
            }
            assertEquals(norms.size(), model.weightParameters().size());
            System.out.printf("%s: loss %.6f (PyTorch %.6f), worst relative gradient-norm error %.1e%n",
                    name, loss, fixture.get("loss").floatValue(), worstRelative);
        }
    }

    private static double l2(float[] v) {
        double sum = 0;
        for (float x : v) {
            sum += (double) x * x;
        }
        return Math.sqrt(sum);
    }

    private static int lastReal(int[] mask) {
        int last = -1;
        for (int j = 0; j < mask.length; j++) {
            if (mask[j] == 1) {
                last = j;
            }
        }
        return last;
    }

    private static JsonNode read(String resource) throws IOException {
        try (InputStream in = ReferenceLogitsTest.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("missing test resource " + resource);
            }
            return new ObjectMapper().readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private static ModelConfig config(JsonNode c) {
        return new ModelConfig(c.get("model_type").asText(), c.get("vocab_size").asInt(), c.get("hidden_size").asInt(),
                c.get("num_layers").asInt(), c.get("num_heads").asInt(), c.get("num_kv_heads").asInt(),
                c.get("intermediate_size").asInt(), c.get("max_positions").asInt(), c.get("norm_eps").asDouble(),
                c.get("rope_theta").asDouble(), c.get("attention_bias").asBoolean(),
                c.get("tie_word_embeddings").asBoolean(), -1, -1);
    }

    private static int[][] ints(JsonNode rows) {
        // labels may hold -100; asInt keeps it

        int[][] out = new int[rows.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = new int[rows.get(i).size()];
            for (int j = 0; j < out[i].length; j++) {
                out[i][j] = rows.get(i).get(j).asInt();
            }
        }
        return out;
    }

    /** The script's weight rule, bit for bit (see make_reference_logits.py). */
    static Map<String, TensorData> weights(JsonNode tensors) {
        Map<String, TensorData> out = new LinkedHashMap<>();
        for (JsonNode t : tensors) {
            String name = t.get("name").asText();
            long[] shape = new long[t.get("shape").size()];
            long n = 1;
            for (int i = 0; i < shape.length; i++) {
                shape[i] = t.get("shape").get(i).asLong();
                n *= shape[i];
            }
            boolean gain = t.get("gain").asBoolean();
            int h = fnv1a32(name);
            float[] v = new float[Math.toIntExact(n)];
            for (int i = 0; i < v.length; i++) {
                float u = (fmix32(h ^ (i * 0x9E3779B1)) >>> 16) / 65536f;
                v[i] = gain ? 1f + (u - 0.5f) * 0.25f : (u - 0.5f) * 0.5f;
            }
            out.put(name, new TensorData(name, shape, FloatBuffer.wrap(v)));
        }
        return out;
    }

    private static int fnv1a32(String s) {
        int h = 0x811C9DC5;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xFF;
            h *= 0x01000193;
        }
        return h;
    }

    private static int fmix32(int x) {
        x ^= x >>> 16;
        x *= 0x85EBCA6B;
        x ^= x >>> 13;
        x *= 0xC2B2AE35;
        x ^= x >>> 16;
        return x;
    }
}
