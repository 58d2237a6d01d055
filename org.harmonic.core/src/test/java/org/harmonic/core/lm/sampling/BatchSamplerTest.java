package org.harmonic.core.lm.sampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import org.harmonic.core.lm.ModelConfig;
import org.harmonic.core.lm.model.CausalLm;
import org.harmonic.core.util.Progress;
import org.junit.jupiter.api.Test;

class BatchSamplerTest {
    private static final int VOCAB = 60;
    private static final int END = 59;
    private final ModelConfig config = new ModelConfig("llama", VOCAB, 32, 2, 4, 2, 64, 256, 1e-5, 10000, false, true,
            -1, END);

    private static int[][] prompts() {
        return new int[][] {{1, 2, 3, 4, 5, 6, 7}, {8, 9}, {10, 11, 12, 13}};
    }

    @Test
    void greedyDecodingWithTheCacheEqualsRecomputingEverything() {
        SamplingConfig greedy = new SamplingConfig(0, 0, 1, 12);
        try (CausalLm model = CausalLm.random(config, 3, Device.cpu())) {
            List<int[]> cached = new BatchSampler(model, greedy, END).generate(prompts(),
                    List.of(DecodingConstraint.NONE, DecodingConstraint.NONE, DecodingConstraint.NONE),
                    new long[] {1, 2, 3}, Progress.none());
            for (int b = 0; b < 3; b++) {
                int[] sequence = prompts()[b];
                List<Integer> expected = new ArrayList<>();
                for (int step = 0; step < 12; step++) {
                    int next;
                    try (NDManager m = model.newManager()) {
                        NDArray logits = model.forward(m, new int[][] {sequence}, null, false);
                        float[] all = logits.toFloatArray();
                        float[] last = Arrays.copyOfRange(all, all.length - VOCAB, all.length);
                        next = 0;
                        for (int v = 1; v < VOCAB; v++) {
                            if (last[v] > last[next]) {
                                next = v;
                            }
                        }
                    }
                    if (next == END) {
                        break;
                    }
                    expected.add(next);
                    sequence = Arrays.copyOf(sequence, sequence.length + 1);
                    sequence[sequence.length - 1] = next;
                }
                assertArrayEquals(expected.stream().mapToInt(Integer::intValue).toArray(), cached.get(b), "row " + b);
            }
        }
    }

    @Test
    void aSequenceDecodesTheSameAloneOrInABatch() {
        SamplingConfig sampling = new SamplingConfig(1.0, 0, 1, 10);
        try (CausalLm model = CausalLm.random(config, 4, Device.cpu())) {
            BatchSampler sampler = new BatchSampler(model, sampling, END);
            List<int[]> batch = sampler.generate(prompts(), List.of(DecodingConstraint.NONE, DecodingConstraint.NONE,
                    DecodingConstraint.NONE), new long[] {7, 8, 9}, Progress.none());
            List<int[]> alone = sampler.generate(new int[][] {prompts()[1]}, List.of(DecodingConstraint.NONE),
                    new long[] {8}, Progress.none());
            assertEquals(Arrays.toString(alone.get(0)), Arrays.toString(batch.get(1)));
        }
    }

    /** Equal prompts share one prefill; each copy still samples its own row from its own seed. */
    @Test
    void equalPromptsArePrefilledOnceAndDecodeAsIfAlone() {
        SamplingConfig sampling = new SamplingConfig(1.0, 0, 1, 10);
        try (CausalLm model = CausalLm.random(config, 5, Device.cpu())) {
            BatchSampler sampler = new BatchSampler(model, sampling, END);
            int[] p = prompts()[0];
            int[] q = prompts()[2];
            List<DecodingConstraint> none = List.of(DecodingConstraint.NONE, DecodingConstraint.NONE,
                    DecodingConstraint.NONE, DecodingConstraint.NONE);
            List<int[]> shared = sampler.generate(new int[][] {p, q, p.clone(), p}, none, new long[] {11, 12, 13, 14},
                    Progress.none());
            long[] seeds = {11, 12, 13, 14};
            int[][] prompts = {p, q, p, p};
            for (int b = 0; b < 4; b++) {
                List<int[]> alone = sampler.generate(new int[][] {prompts[b]}, List.of(DecodingConstraint.NONE),
                        new long[] {seeds[b]}, Progress.none());
                assertEquals(Arrays.toString(alone.get(0)), Arrays.toString(shared.get(b)), "row " + b);
            }
            // different seeds on one prompt give different rows (the copies are not one row repeated)
            assertEquals(false, Arrays.equals(shared.get(0), shared.get(2)) && Arrays.equals(shared.get(2),
                    shared.get(3)));
        }
    }
}
