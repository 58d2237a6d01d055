package org.harmonic.cli.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import ai.djl.Device;

import org.harmonic.core.generator.DefaultGenerator;
import org.harmonic.core.lm.model.CausalLm;
import org.harmonic.core.lm.train.DpConfig;
import org.harmonic.core.lm.train.Trainer;
import org.harmonic.core.lm.train.TrainingConfig;
import org.harmonic.core.lm.train.TrainingExample;
import org.harmonic.core.util.Progress;

/**
 * Measurements for {@code bench/dp} (not a test): {@code step B T V STEPS [size]} prints the ms of
 * a plain training step (B examples in one micro-batch), of the same step computed example by
 * example (B micro-batches of one), and of a DP-SGD step (per-example clipping, noise) over the
 * same shuffled batches of the default generator architecture, and the ratios
 * {@code dp_step_overhead} (DP / plain, the goal's figure) and
 * {@code dp_step_overhead_vs_microbatch1} (DP / example by example: the cost of clipping and noise
 * alone). The 1-minute load average is printed because a busy machine distorts both.
 */
public final class DpBenchmark {

    private DpBenchmark() {
    }

    public static void main(String[] args) {
        int batch = Integer.parseInt(args[0]);
        int length = Integer.parseInt(args[1]);
        int vocab = Integer.parseInt(args[2]);
        int steps = Integer.parseInt(args[3]);
        DefaultGenerator.Size size = args.length > 4 && args[4].equals("tiny") ? DefaultGenerator.Size.tiny()
                : DefaultGenerator.Size.standard();
        SplittableRandom random = new SplittableRandom(1);
        List<TrainingExample> examples = new ArrayList<>();
        for (int i = 0; i < batch * (steps + 2); i++) {
            int[] ids = new int[length];
            for (int t = 0; t < length; t++) {
                ids[t] = random.nextInt(vocab - 1);
            }
            examples.add(new TrainingExample(ids, length - length / 6)); // answer = the last sixth, as in bench/lm
        }
        TrainingConfig plain = TrainingConfig.defaults().withEpochs(1).withBatchSize(batch).withWarmupRatio(0);
        // the same optimizer step computed example by example, without clipping or noise: what DP-SGD
        // costs on top of giving up batching (plain B=8 in one micro-batch is the goal's reference)
        TrainingConfig single = plain.withBatchSize(1).withAccumulation(batch);
        TrainingConfig dp = plain.withPrivacy(DpConfig.noise(1.0, 1.0));
        List<TrainingExample> warmup = examples.subList(0, 2 * batch);
        List<TrainingExample> measured = examples.subList(2 * batch, examples.size());
        try (CausalLm model = CausalLm.random(DefaultGenerator.config(size, vocab, length, -1, vocab - 1), 1,
                Device.cpu())) {
            double plainMs = 0;
            double dpMs = 0;
            double singleMs = 0;
            for (int round = 0; round < 2; round++) { // alternate, so drift in machine load hits both
                new Trainer(plain, vocab - 1).train(model, warmup, null, Progress.none());
                Trainer.Result p = new Trainer(plain, vocab - 1).train(model, measured, null, Progress.none());
                new Trainer(dp, vocab - 1).train(model, warmup, null, Progress.none());
                Trainer.Result d = new Trainer(dp, vocab - 1).train(model, measured, null, Progress.none());
                new Trainer(single, vocab - 1).train(model, warmup, null, Progress.none());
                Trainer.Result s = new Trainer(single, vocab - 1).train(model, measured, null, Progress.none());
                plainMs += 1000 * p.seconds() / p.steps() / 2;
                singleMs += 1000 * s.seconds() / s.steps() / 2;
                dpMs += 1000 * d.seconds() / d.steps() / 2;
            }
            System.out.printf("plain_step_ms=%.1f%n", plainMs);
            System.out.printf("dp_step_ms=%.1f%n", dpMs);
            System.out.printf("plain_microbatch1_step_ms=%.1f%n", singleMs);
            System.out.printf("dp_step_overhead=%.2f%n", dpMs / plainMs);
            System.out.printf("dp_step_overhead_vs_microbatch1=%.2f%n", dpMs / singleMs);
            System.out.printf("load_average_1min=%.2f%n",
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            System.out.printf("parameters=%d%n", model.parameterCount());
        }
    }
}
