package org.harmonic.core.lm.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.harmonic.core.lm.DjlRuntime;
import org.harmonic.core.lm.ModelConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Autograd flows through both families: a few AdamW steps on a fixed batch lower a loss taken on
 * answer tokens only, and a training step leaves nothing behind in the model's manager.
 */
class TrainingTest {

    /** Prompt tokens then answer tokens; only the answers are learned (labels -100 elsewhere). */
    private static final int[][] SEQUENCES = {{1, 2, 3, 10, 11, 12}, {4, 5, 20, 21, 22}, {6, 7, 8, 9, 30, 31}, {2, 4, 40, 41}};
    private static final int[] PROMPT_LENGTHS = {3, 2, 4, 2};
    private static final int T = 6;

    @ParameterizedTest(name = "{0}")
    @CsvSource({"gpt2", "llama", "qwen2"})
    void adamWLowersTheAnswerLossAndLeaksNothing(String family) {
        ModelConfig c = TestModels.family(family);
        try (CausalLm model = CausalLm.random(c, 3, Device.cpu())) {
            List<Double> losses = new ArrayList<>();
            int[] arrays = train(model, 40, 1e-2f, losses);
            System.out.printf("%s: loss %.3f -> %.3f; model arrays after step 2: %d, after step 40: %d%n",
                    family, losses.get(0), losses.get(losses.size() - 1), arrays[1], arrays[arrays.length - 1]);
            assertTrue(losses.get(0) > 3.0, "starts near ln(50): " + losses.get(0));
            assertTrue(losses.get(losses.size() - 1) < 0.5 * losses.get(0), "loss fell: " + losses);
            assertEquals(arrays[1], arrays[arrays.length - 1], "NDArrays in the model manager per step");
        }
    }

    @Test
    void loraTrainingMovesOnlyTheAdapters() {
        // A base with pronounced weights, like a pretrained one (a fresh N(0, 0.02) head leaves
        // the adapters little to steer).
        try (CausalLm model = TestModels.strongModel(TestModels.llama(), 3)) {
            model.applyLora(new LoraConfig(4, 8, 0.05, Set.copyOf(LoraConfig.LLAMA_MODULES)), 5);
            DjlRuntime.seed(17); // LoRA dropout
            float[] before = model.weightParameters().get("model.layers.1.self_attn.q_proj.weight").getArray().toFloatArray();
            List<Double> losses = new ArrayList<>();
            train(model, 30, 1e-2f, losses);
            float[] after = model.weightParameters().get("model.layers.1.self_attn.q_proj.weight").getArray().toFloatArray();
            assertArrayEquals(before, after, "frozen base weight");
            System.out.printf("llama LoRA: loss %.3f -> %.3f%n", losses.get(0), losses.get(losses.size() - 1));
            assertTrue(losses.get(losses.size() - 1) < 0.5 * losses.get(0), "loss fell: " + losses);
        }
    }

    @Test
    void decodingLeavesNothingBehindOnceTheCacheIsClosed() {
        try (CausalLm model = TestModels.strongModel(TestModels.llama(), 1)) {
            int base = model.manager.getManagedArrays().size();
            try (KvCache cache = model.newCache(2)) {
                try (NDManager m = model.newManager()) {
                    model.prefill(m, cache, new int[][] {{1, 2, 3}, {0, 4, 5}}, new int[][] {{1, 1, 1}, {0, 1, 1}});
                }
                int withCache = model.manager.getManagedArrays().size();
                // K and V per layer: each a buffer and the view of its held columns (KvCache)
                assertEquals(base + 4 * TestModels.llama().numLayers(), withCache, "K and V per layer");
                for (int s = 0; s < 5; s++) {
                    try (NDManager m = model.newManager()) {
                        model.step(m, cache, new int[] {7, 8});
                    }
                    assertEquals(withCache, model.manager.getManagedArrays().size(), "after step " + s);
                }
            }
            assertEquals(base, model.manager.getManagedArrays().size());
        }
    }

    /**
     * The training loop as a trainer would write it; returns the model manager's NDArray count
     * after each step and fills {@code losses}.
     */
    static int[] train(CausalLm model, int steps, float lr, List<Double> losses) {
        int[][] ids = new int[SEQUENCES.length][T];
        int[][] mask = new int[SEQUENCES.length][T];
        int[][] labels = new int[SEQUENCES.length][T];
        for (int b = 0; b < SEQUENCES.length; b++) {
            for (int t = 0; t < T; t++) {
                boolean real = t < SEQUENCES[b].length;
                ids[b][t] = real ? SEQUENCES[b][t] : 0;
                mask[b][t] = real ? 1 : 0;
                // position t predicts token t + 1; learn it only when that token is an answer token
                boolean answerNext = t + 1 < SEQUENCES[b].length && t + 1 >= PROMPT_LENGTHS[b];
                labels[b][t] = answerNext ? SEQUENCES[b][t + 1] : -100;
            }
        }
        Optimizer adamW = Optimizer.adamW().optLearningRateTracker(Tracker.fixed(lr)).optWeightDecays(0.01f).build();
        List<Parameter> params = model.trainableParameters();
        int[] counts = new int[steps];
        for (int step = 0; step < steps; step++) {
            try (NDManager m = model.newManager()) {
                try (GradientCollector gc = DjlRuntime.engine().newGradientCollector()) {
                    NDArray logits = model.forward(m, ids, mask, true);
                    NDArray loss = maskedCrossEntropy(m, logits, labels);
                    losses.add((double) loss.getFloat());
                    gc.backward(loss);
                }
                for (Parameter p : params) {
                    try (NDArray grad = p.getArray().getGradient()) {
                        adamW.update(p.getId(), p.getArray(), grad);
                    }
                }
            }
            counts[step] = model.manager.getManagedArrays().size();
        }
        return counts;
    }

    /**
     * Mean cross-entropy over positions whose label is not -100: -sum(onehot * log_softmax) / n,
     * with the one-hot targets and 1/n as NDArrays in the step's manager (no Number operations).
     */
    static NDArray maskedCrossEntropy(NDManager m, NDArray logits, int[][] labels) {
        long[] s = logits.getShape().getShape();
        int b = (int) s[0];
        int t = (int) s[1];
        int v = (int) s[2];
        float[] target = new float[b * t * v];
        int count = 0;
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < t; j++) {
                if (labels[i][j] != -100) {
                    target[(i * t + j) * v + labels[i][j]] = 1f;
                    count++;
                }
            }
        }
        NDArray onehot = m.create(target, new Shape(b, t, v));
        return logits.logSoftmax(2).mul(onehot).sum().neg().mul(m.create(1f / count));
    }
}
