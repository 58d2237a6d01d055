package org.harmonic.core.lm.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;

import org.harmonic.core.lm.TensorData;
import org.harmonic.core.lm.model.CausalLm;
import org.harmonic.core.lm.model.LoraConfig;
import org.harmonic.core.util.Progress;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DP-SGD on real gradients of a tiny model trained on German credit instructions. */
class DpSgdTest {
    @TempDir
    static Path dir;

    private static TinyGerman german;

    @BeforeAll
    static void tokenize() {
        german = new TinyGerman(dir, 16);
    }

    /** The gradient a policy computes for one step over {@code batch}, as Java arrays. */
    private static List<float[]> gradient(CausalLm model, GradientPolicy policy, int[] batch, int step) {
        List<Parameter> parameters = model.trainableParameters();
        GradientPolicy.StepGradients g = policy.compute(model, parameters, german.examples, batch, step);
        List<float[]> out = new ArrayList<>();
        for (NDArray a : g.gradients()) {
            out.add(a.toFloatArray());
        }
        policy.release(g);
        return out;
    }

    private static DpSgd dpSgd(CausalLm model, double clip, double sigma, double expectedBatch) {
        return dpSgd(model, clip, sigma, expectedBatch, false);
    }

    private static DpSgd dpSgd(CausalLm model, double clip, double sigma, double expectedBatch, boolean twoThreads) {
        return new DpSgd(model.trainableParameters(), model.newManager(), clip, sigma, expectedBatch,
                new SecureDpRandom(), german.eos, twoThreads);
    }

    private static double norm(List<float[]> gradient) {
        double s = 0;
        for (float[] a : gradient) {
            for (float v : a) {
                s += (double) v * v;
            }
        }
        return Math.sqrt(s);
    }

    @Test
    void eachExamplesContributionIsClippedToC() {
        try (CausalLm model = german.model(); DpSgd unclipped = dpSgd(model, Double.POSITIVE_INFINITY, 0, 1)) {
            double[] raw = new double[6];
            for (int i = 0; i < raw.length; i++) {
                raw[i] = norm(gradient(model, unclipped, new int[] {i}, 0));
                assertEquals(raw[i], unclipped.lastNorms().get(0), 1e-4 * raw[i]);
            }
            double c = 0.5 * java.util.Arrays.stream(raw).min().orElseThrow(); // every example is above C
            try (DpSgd clipped = dpSgd(model, c, 0, 1)) {
                List<List<float[]>> single = new ArrayList<>();
                for (int i = 0; i < raw.length; i++) {
                    List<float[]> g = gradient(model, clipped, new int[] {i}, 0);
                    assertEquals(c, norm(g), 1e-4 * c, "example " + i + " (raw norm " + raw[i] + ")");
                    single.add(g);
                }
                // a batch is the sum of the clipped contributions over the expected batch size
                try (DpSgd batch = dpSgd(model, c, 0, 4)) {
                    List<float[]> together = gradient(model, batch, new int[] {0, 1, 2, 3}, 0);
                    assertTrue(norm(together) <= c * (1 + 1e-4), "the mean of clipped gradients stays within C");
                    for (int k = 0; k < together.size(); k++) {
                        float[] expected = new float[together.get(k).length];
                        for (int i = 0; i < 4; i++) {
                            for (int j = 0; j < expected.length; j++) {
                                expected[j] += single.get(i).get(k)[j] / 4;
                            }
                        }
                        assertArrayEquals(expected, together.get(k), 1e-6f);
                    }
                }
            }
        }
    }

    @Test
    void onTwoThreadsEachExampleIsStillClippedAloneAndTheAdaptersMovesAreSeen() {
        int[] batch = {0, 1, 2, 3, 4, 5, 6};
        try (CausalLm model = german.model()) {
            model.applyLora(new LoraConfig(4, 8, 0, java.util.Set.copyOf(LoraConfig.LLAMA_MODULES)), 3);
            double c = 0.5 * rawNorms(model, batch).stream().mapToDouble(Double::doubleValue).min().orElseThrow();
            // one policy for both rounds: its second thread's leaves are made once, on its first step
            try (DpSgd two = dpSgd(model, c, 0, batch.length, true)) {
                for (int round = 0; round < 2; round++) {
                    if (round == 1) {
                        // move every adapter in place, as the optimizer does: the second thread's leaves share
                        // their memory, so its examples must see the move (and B is no longer zero)
                        try (org.harmonic.core.lm.DjlRuntime.Scope off = org.harmonic.core.lm.DjlRuntime.gradRecordingOff()) {
                            for (Parameter p : model.trainableParameters()) {
                                NDArray w = p.getArray();
                                try (NDArray r = w.getManager().randomNormal(0, 0.05f, w.getShape(),
                                        ai.djl.ndarray.types.DataType.FLOAT32)) {
                                    w.addi(r);
                                }
                            }
                        }
                    }
                    List<Double> raw = rawNorms(model, batch);
                    try (DpSgd one = dpSgd(model, c, 0, batch.length, false)) {
                        List<float[]> a = gradient(model, one, batch, 0);
                        List<float[]> b = gradient(model, two, batch, 0);
                        assertEquals(raw, two.lastNorms(), "round " + round + ": each example's own gradient, in order");
                        assertTrue(norm(a) > 0.1 * c, "round " + round + ": a gradient to compare: " + norm(a));
                        for (int k = 0; k < a.size(); k++) {
                            // (e1 + ... + e4) + (e5 + ... + e7) against e1 + ... + e7: rounding only
                            assertArrayEquals(a.get(k), b.get(k), 1e-6f * (float) c, "round " + round + ", parameter "
                                    + k);
                        }
                    }
                }
            }
        }
    }

    /** The unclipped gradient norm of each example of {@code batch}, one thread. */
    private static List<Double> rawNorms(CausalLm model, int[] batch) {
        try (DpSgd probe = dpSgd(model, Double.POSITIVE_INFINITY, 0, 1, false)) {
            gradient(model, probe, batch, 0);
            return probe.lastNorms();
        }
    }

    @Test
    void withoutNoiseAndClippingDpSgdIsPlainSgd() {
        int[] batch = sameTargetCount(4);
        try (CausalLm model = german.model(); DpSgd dp = dpSgd(model, Double.POSITIVE_INFINITY, 0, batch.length);
                PlainGradients plain = new PlainGradients(2, german.eos, false, false)) {
            List<float[]> a = gradient(model, plain, batch, 0);
            List<float[]> b = gradient(model, dp, batch, 0);
            for (int k = 0; k < a.size(); k++) {
                assertArrayEquals(a.get(k), b.get(k), 1e-6f, "parameter " + k);
            }
        }
        // and through the whole trainer: the same weights after a step of the same examples and batch
        List<TrainingExample> same = new ArrayList<>();
        for (int i : batch) {
            same.add(german.examples.get(i));
        }
        TrainingConfig plainConfig = TrainingConfig.defaults().withEpochs(2).withBatchSize(4).withMaxGradNorm(0)
                .withWarmupRatio(0);
        TrainingConfig dpConfig = plainConfig.withPrivacy(DpConfig.noise(0, Double.POSITIVE_INFINITY));
        try (CausalLm a = german.model(); CausalLm b = german.model()) {
            new Trainer(plainConfig, german.eos).train(a, same, null, Progress.none());
            Trainer.Result r = new Trainer(dpConfig, german.eos).train(b, same, null, Progress.none());
            // per-example and batched backward passes sum in another order: float rounding only
            assertSameWeights(a.exportWeights(), b.exportWeights(), 1e-5f);
            assertEquals(Double.POSITIVE_INFINITY, r.privacy().epsilon());
        }
    }

    /** Indexes of examples with one answer length, so that token and example means agree. */
    private static int[] sameTargetCount(int count) {
        Map<Integer, List<Integer>> byCount = new HashMap<>();
        for (int i = 0; i < german.examples.size(); i++) {
            byCount.computeIfAbsent(german.examples.get(i).targetCount(), k -> new ArrayList<>()).add(i);
        }
        List<Integer> group = byCount.values().stream().max(java.util.Comparator.comparingInt(List::size))
                .orElseThrow();
        int n = Math.min(count, group.size());
        assertTrue(n >= 2, "need two examples with the same answer length, got " + byCount.keySet());
        return group.subList(0, n).stream().mapToInt(Integer::intValue).toArray();
    }

    @Test
    void noiseHasStandardDeviationSigmaCOverTheExpectedBatch() {
        double c = 0.1;
        double sigma = 2.0;
        try (CausalLm model = german.model(); DpSgd quiet = dpSgd(model, c, 0, 8);
                DpSgd noisy = dpSgd(model, c, sigma, 8)) {
            int[] batch = {0, 1, 2};
            List<float[]> a = gradient(model, quiet, batch, 4);
            List<float[]> b = gradient(model, noisy, batch, 4);
            double sum = 0;
            double sumSq = 0;
            long n = 0;
            for (int k = 0; k < a.size(); k++) {
                for (int j = 0; j < a.get(k).length; j++) {
                    double d = b.get(k)[j] - a.get(k)[j];
                    sum += d;
                    sumSq += d * d;
                    n++;
                }
            }
            double mean = sum / n;
            double std = Math.sqrt(sumSq / n - mean * mean);
            assertEquals(sigma * c / 8, std, 0.02 * sigma * c / 8, "over " + n + " coordinates");
            assertEquals(0, mean, 5 * std / Math.sqrt(n));
            // the noise is fresh at every draw, even for the same step: nothing replays it
            assertFalse(java.util.Arrays.equals(b.get(0), gradient(model, noisy, batch, 4).get(0)));
            try (DpSgd again = dpSgd(model, c, sigma, 8)) {
                assertFalse(java.util.Arrays.equals(b.get(0), gradient(model, again, batch, 4).get(0)));
            }
        }
    }

    @Test
    void privateTrainingIsNotReproducibleFromItsSeedAndSpendsAtMostTheTarget() {
        TrainingConfig training = TrainingConfig.defaults().withEpochs(1).withBatchSize(4).withSeed(11)
                .withPrivacy(DpConfig.epsilon(8).withPoisson(true));
        RecordedProgress recording = new RecordedProgress();
        List<String> messages = recording.messages;
        try (CausalLm a = german.model(); CausalLm b = german.model()) {
            Trainer.Result ra = new Trainer(training, german.eos).train(a, german.examples, null, recording);
            new Trainer(training, german.eos).train(b, german.examples, null, Progress.none());
            // the seed is stored with the generator: were the noise derived from it, anyone could
            // replay and subtract it
            assertFalse(java.util.Arrays.equals(values(a.exportWeights().get("model.norm.weight")),
                    values(b.exportWeights().get("model.norm.weight"))), "the same seed trains another private model");
            DpAccounting privacy = ra.privacy();
            assertEquals(SecureDpRandom.DESCRIPTION, privacy.noise());
            assertEquals(SecureDpRandom.DESCRIPTION, privacy.toMap().get("noise"));
            assertNotNull(privacy);
            assertEquals(4, privacy.steps());
            assertEquals(1.0 / 16, privacy.delta());
            assertEquals(0.25, privacy.samplingRate());
            assertTrue(privacy.epsilon() <= 8 && privacy.epsilon() >= 0.99 * 8, privacy.summary());
            assertTrue(messages.get(messages.size() - 1).contains(String.format("epsilon %.3f", privacy.epsilon())),
                    messages.get(messages.size() - 1));
        }
    }

    @Test
    void plainTrainingStillReproducesFromItsSeed() {
        TrainingConfig training = TrainingConfig.defaults().withEpochs(1).withBatchSize(4).withSeed(11);
        try (CausalLm a = german.model(); CausalLm b = german.model(); CausalLm c = german.model()) {
            new Trainer(training, german.eos).train(a, german.examples, null, Progress.none());
            new Trainer(training, german.eos).train(b, german.examples, null, Progress.none());
            new Trainer(training.withSeed(12), german.eos).train(c, german.examples, null, Progress.none());
            assertSameWeights(a.exportWeights(), b.exportWeights(), 0f);
            assertFalse(java.util.Arrays.equals(values(a.exportWeights().get("model.norm.weight")),
                    values(c.exportWeights().get("model.norm.weight"))), "another seed trains another model");
        }
    }

    @Test
    void loraAdaptersAreTrainedPrivatelyAndClipped() {
        TrainingConfig training = TrainingConfig.defaults().withEpochs(1).withBatchSize(4)
                .withLora(LoraConfig.defaults(german.config, 4, 8, 0))
                .withPrivacy(DpConfig.noise(1.0, 0.05));
        try (CausalLm model = german.model()) {
            model.applyLora(training.lora(), training.seed());
            List<Parameter> adapters = model.trainableParameters();
            assertTrue(adapters.size() < model.weightParameters().size());
            try (DpSgd dp = dpSgd(model, 0.05, 0, 1)) {
                for (int i = 0; i < 3; i++) {
                    List<float[]> g = gradient(model, dp, new int[] {i}, 0);
                    assertEquals(Math.min(0.05, dp.lastNorms().get(0)), norm(g), 1e-4);
                }
            }
            float[] before = values(model.exportWeights().get("model.norm.weight"));
            Trainer.Result r = new Trainer(training, german.eos).train(model, german.examples, null, Progress.none());
            assertEquals(4, r.steps());
            assertTrue(Double.isFinite(r.finalLoss()));
            assertArrayEquals(before, values(model.exportWeights().get("model.norm.weight")),
                    "base weights stay frozen under LoRA");
        }
    }

    private static void assertSameWeights(Map<String, TensorData> a, Map<String, TensorData> b, float tolerance) {
        assertEquals(a.keySet(), b.keySet());
        for (String name : a.keySet()) {
            assertArrayEquals(values(a.get(name)), values(b.get(name)), tolerance, name);
        }
    }

    private static float[] values(TensorData t) {
        float[] out = new float[(int) t.elementCount()];
        t.data().duplicate().get(out);
        return out;
    }
}
