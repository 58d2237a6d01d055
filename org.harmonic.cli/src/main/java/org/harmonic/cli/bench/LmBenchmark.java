package org.harmonic.cli.bench;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.SplittableRandom;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import org.harmonic.core.generator.DefaultGenerator;
import org.harmonic.core.lm.ModelConfig;
import org.harmonic.core.lm.model.CausalLm;
import org.harmonic.core.lm.sampling.BatchSampler;
import org.harmonic.core.lm.sampling.DecodingConstraint;
import org.harmonic.core.lm.sampling.SamplingConfig;
import org.harmonic.core.lm.train.Trainer;
import org.harmonic.core.lm.train.TrainingConfig;
import org.harmonic.core.lm.train.TrainingExample;
import org.harmonic.core.util.Progress;

/**
 * Measurements for {@code bench/lm} (not a test): prints key=value lines.
 * <ul>
 *   <li>{@code train-step B T V}: ms per training step (forward, answer loss, backward, clipping,
 *       AdamW) of the default generator architecture on random tokens;</li>
 *   <li>{@code sampling}: rows/s of batched KV-cache sampling vs one row at a time recomputing
 *       the whole sequence for every token.</li>
 * </ul>
 */
public final class LmBenchmark {

    private LmBenchmark() {
    }

    public static void main(String[] args) {
        switch (args[0]) {
            case "train-step" -> trainStep(Integer.parseInt(args[1]), Integer.parseInt(args[2]),
                    Integer.parseInt(args[3]), Integer.parseInt(args[4]));
            case "sampling" -> sampling(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            default -> throw new IllegalArgumentException("unknown benchmark " + args[0]);
        }
    }

    private static ModelConfig config(int vocab, int length) {
        return DefaultGenerator.config(DefaultGenerator.Size.standard(), vocab, length, -1, vocab - 1);
    }

    private static void trainStep(int batch, int length, int vocab, int steps) {
        SplittableRandom random = new SplittableRandom(1);
        List<TrainingExample> examples = new ArrayList<>();
        for (int i = 0; i < batch * (steps + 2); i++) {
            int[] ids = new int[length];
            for (int t = 0; t < length; t++) {
                ids[t] = random.nextInt(vocab - 1);
            }
            examples.add(new TrainingExample(ids, length - length / 6)); // answer = the last sixth, as a row of six
        }
        TrainingConfig training = TrainingConfig.defaults().withEpochs(1).withBatchSize(batch).withWarmupRatio(0);
        try (CausalLm model = CausalLm.random(config(vocab, length), 1, Device.cpu())) {
            Trainer trainer = new Trainer(training, vocab - 1);
            trainer.train(model, examples.subList(0, 2 * batch), null, Progress.none()); // warm-up
            Trainer.Result r = trainer.train(model, examples.subList(2 * batch, examples.size()), null, Progress.none());
            double stepSeconds = r.seconds() / r.steps();
            System.out.printf("java_train_step_ms=%.2f%n", 1000 * stepSeconds);
            System.out.printf("java_parameters=%d%n", model.parameterCount());
            double flops = trainStepFlops(model.config(), batch, length);
            double peak = sgemmPeakFlops();
            System.out.printf("train_step_gflop=%.2f%n", flops / 1e9);
            System.out.printf("train_gflops=%.2f%n", flops / stepSeconds / 1e9);
            System.out.printf("sgemm_peak_gflops=%.2f%n", peak / 1e9);
            System.out.printf("train_flop_utilisation=%.3f%n", flops / stepSeconds / peak);
        }
    }

    /**
     * Arithmetic of one training step (forward + backward = 3 x the forward's multiply-adds x 2):
     * every projection, the attention products over the full T x T (the model has no fused causal
     * kernel, so it computes them all), and the LM head. Norms, softmax and the optimizer are left
     * out: they are memory-bound, and what the utilisation compares with is the matrix-multiply peak.
     */
    static double trainStepFlops(ModelConfig c, int batch, int length) {
        double h = c.hiddenSize();
        double kv = (double) c.numKeyValueHeads() * c.headDim();
        double perTokenLayer = 2 * (h * h + 2 * h * kv + h * h + 3 * h * c.intermediateSize()) + 4.0 * length * h;
        double perToken = c.numLayers() * perTokenLayer + 2 * h * c.vocabSize();
        return 3 * perToken * batch * length;
    }

    /** Single-call float matrix-multiply throughput of this machine's libtorch, at its thread count. */
    static double sgemmPeakFlops() {
        int n = 512;
        int repeats = 40;
        try (NDManager m = org.harmonic.core.lm.DjlRuntime.newManager(Device.cpu())) {
            NDArray a = m.randomUniform(-1, 1, new ai.djl.ndarray.types.Shape(n, n));
            NDArray b = m.randomUniform(-1, 1, new ai.djl.ndarray.types.Shape(n, n));
            double best = Double.MAX_VALUE;
            for (int round = 0; round < 3; round++) {
                long start = System.nanoTime();
                for (int i = 0; i < repeats; i++) {
                    a.matMul(b).close();
                }
                best = Math.min(best, (System.nanoTime() - start) / 1e9);
            }
            return 2.0 * n * n * n * repeats / best;
        }
    }

    /** Allows every token but the end token, so all rows have the same length on both paths. */
    private static final class NoEnd implements DecodingConstraint {
        private final BitSet allowed;

        NoEnd(int vocab) {
            allowed = new BitSet(vocab);
            allowed.set(0, vocab - 1);
        }

        @Override
        public BitSet allowed() {
            return allowed;
        }

        @Override
        public void accept(int token) {
        }
    }

    private static void sampling(int promptLength, int newTokens, int batch) {
        int vocab = 900;
        SplittableRandom random = new SplittableRandom(2);
        int[][] prompts = new int[batch][promptLength];
        for (int[] p : prompts) {
            for (int t = 0; t < promptLength; t++) {
                p[t] = random.nextInt(vocab - 1);
            }
        }
        SamplingConfig sampling = new SamplingConfig(1.0, 0, 1.0, newTokens);
        try (CausalLm model = CausalLm.random(config(vocab, promptLength + newTokens), 1, Device.cpu());
                BatchSampler sampler = new BatchSampler(model, sampling, vocab - 1)) {
            List<NoEnd> constraints = new ArrayList<>();
            long[] seeds = new long[batch];
            for (int b = 0; b < batch; b++) {
                constraints.add(new NoEnd(vocab));
                seeds[b] = b;
            }
            sampler.generate(new int[][] {prompts[0]}, List.of(new NoEnd(vocab)), new long[] {0}, Progress.none());
            long start = System.nanoTime();
            sampler.generate(prompts, constraints, seeds, Progress.none());
            double cachedRowsPerSecond = batch / ((System.nanoTime() - start) / 1e9);

            // one row at a time, the whole sequence recomputed for every new token
            int rows = 2;
            start = System.nanoTime();
            for (int r = 0; r < rows; r++) {
                int[] sequence = prompts[r].clone();
                SplittableRandom rr = new SplittableRandom(r);
                for (int t = 0; t < newTokens; t++) {
                    try (NDManager m = model.newManager()) {
                        NDArray logits = model.forward(m, new int[][] {sequence}, null, false);
                        float[] all = logits.toFloatArray();
                        float[] last = java.util.Arrays.copyOfRange(all, all.length - vocab, all.length);
                        int token = new org.harmonic.core.lm.sampling.TokenSampler(sampling)
                                .sample(last, constraints.get(0).allowed(), rr);
                        sequence = java.util.Arrays.copyOf(sequence, sequence.length + 1);
                        sequence[sequence.length - 1] = token;
                    }
                }
            }
            double uncachedRowsPerSecond = rows / ((System.nanoTime() - start) / 1e9);
            System.out.printf("sampling_cached_rows_per_s=%.2f%n", cachedRowsPerSecond);
            System.out.printf("sampling_uncached_rows_per_s=%.3f%n", uncachedRowsPerSecond);
            System.out.printf("kv_cache_speedup=%.1f%n", cachedRowsPerSecond / uncachedRowsPerSecond);
        }
    }
}
