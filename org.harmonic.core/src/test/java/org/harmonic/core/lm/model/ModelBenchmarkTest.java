package org.harmonic.core.lm.model;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.List;
import java.util.Random;
import org.harmonic.core.lm.DjlRuntime;
import org.harmonic.core.lm.ModelConfig;
import org.junit.jupiter.api.Test;

/**
 * Timings of a small model (run with {@code -Dharmonic.bench=true}); skipped otherwise.
 * Forward (no grad), a training step (forward, backward, AdamW), and batched decoding.
 */
class ModelBenchmarkTest {

    @Test
    void timings() {
        assumeTrue(Boolean.getBoolean("harmonic.bench"), "set -Dharmonic.bench=true to run");
        int b = 16;
        int t = 64;
        ModelConfig llama = new ModelConfig("llama", 1000, 256, 4, 8, 4, 688, 512, 1e-6, 10000, false, true, -1, -1);
        ModelConfig gpt2 = new ModelConfig("gpt2", 1000, 256, 4, 8, 8, 1024, 512, 1e-5, 10000, false, true, -1, -1);
        // the size measured in notes-djl-offline.md (d=64, 2 layers, vocab 200): 4.5-5.1 ms forward there
        ModelConfig notes = new ModelConfig("llama", 200, 64, 2, 4, 4, 256, 64, 1e-6, 10000, false, true, -1, -1);
        for (ModelConfig c : List.of(notes, llama, gpt2)) {
            try (CausalLm model = CausalLm.random(c, 1, Device.cpu())) {
                int[][] ids = randomIds(b, t, c.vocabSize());
                for (int i = 0; i < 3; i++) {
                    forward(model, ids);
                }
                int n = 20;
                long start = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    forward(model, ids);
                }
                double fwd = (System.nanoTime() - start) / 1e6 / n;

                Optimizer adamW = Optimizer.adamW().optLearningRateTracker(Tracker.fixed(1e-3f)).build();
                List<Parameter> params = model.trainableParameters();
                int[][] labels = ids;
                for (int i = 0; i < 2; i++) {
                    trainStep(model, ids, labels, adamW, params);
                }
                tf = tb = tu = 0;
                start = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    trainStep(model, ids, labels, adamW, params);
                }
                double train = (System.nanoTime() - start) / 1e6 / n;
                System.out.printf("  train: forward %.1f, backward %.1f, update %.1f ms%n", tf / 1e6 / n, tb / 1e6 / n, tu / 1e6 / n);

                int newTokens = 64;
                start = System.nanoTime();
                try (KvCache cache = model.newCache(b); NDManager m = model.newManager()) {
                    model.prefill(m, cache, randomIds(b, 32, c.vocabSize()), null);
                    int[] next = new int[b];
                    for (int s = 0; s < newTokens; s++) {
                        try (NDManager step = model.newManager()) {
                            model.step(step, cache, next);
                        }
                    }
                }
                double decode = (System.nanoTime() - start) / 1e6;
                System.out.printf("%s %,d params, B=%d T=%d: forward %.1f ms (%.0f tok/s); train step %.1f ms; "
                        + "prefill 32 + decode %d tokens x %d seqs: %.0f ms (%.1f ms/step)%n",
                        c.modelType(), model.parameterCount(), b, t, fwd, b * t / fwd * 1000, train, newTokens, b,
                        decode, decode / newTokens);
            }
        }
    }

    private static void forward(CausalLm model, int[][] ids) {
        try (NDManager m = model.newManager()) {
            model.forward(m, ids, null, false).toFloatArray();
        }
    }

    static long tf, tb, tu;

    private static void trainStep(CausalLm model, int[][] ids, int[][] labels, Optimizer opt, List<Parameter> params) {
        try (NDManager m = model.newManager()) {
            try (GradientCollector gc = DjlRuntime.engine().newGradientCollector()) {
                long a = System.nanoTime();
                NDArray loss = TrainingTest.maskedCrossEntropy(m, model.forward(m, ids, null, true), labels);
                loss.getFloat();
                long b = System.nanoTime();
                gc.backward(loss);
                long c = System.nanoTime();
                tf += b - a;
                tb += c - b;
            }
            long d = System.nanoTime();
            for (Parameter p : params) {
                try (NDArray g = p.getArray().getGradient()) {
                    opt.update(p.getId(), p.getArray(), g);
                }
            }
            tu += System.nanoTime() - d;
        }
    }

    private static int[][] randomIds(int b, int t, int vocab) {
        Random r = new Random(1);
        int[][] ids = new int[b][t];
        for (int[] row : ids) {
            for (int j = 0; j < t; j++) {
                row[j] = r.nextInt(vocab);
            }
        }
        return ids;
    }
}
