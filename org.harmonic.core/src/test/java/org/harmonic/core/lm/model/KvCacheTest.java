package org.harmonic.core.lm.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import java.util.Arrays;
import org.harmonic.core.lm.ModelConfig;
import org.harmonic.core.util.HarmonicInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Incremental decoding with a KV cache equals recomputing each sequence from scratch, for
 * batches of prompts of different lengths, left- or right-padded.
 */
class KvCacheTest {

    private static final double TOLERANCE = 1e-5;
    private static final int[][] PROMPTS = {{5, 9, 13, 2, 7}, {11, 3}, {4, 4, 8, 1}};
    private static final int STEPS = 4;

    @ParameterizedTest(name = "{0}, left padding {1}")
    @CsvSource({"gpt2,true", "gpt2,false", "llama,true", "llama,false", "qwen2,true", "qwen2,false"})
    void cachedDecodingEqualsFullRecomputation(String family, boolean leftPadding) {
        ModelConfig c = TestModels.family(family);
        int t = Arrays.stream(PROMPTS).mapToInt(p -> p.length).max().orElseThrow();
        int[][] ids = new int[PROMPTS.length][t];
        int[][] mask = new int[PROMPTS.length][t];
        for (int b = 0; b < PROMPTS.length; b++) {
            int offset = leftPadding ? t - PROMPTS[b].length : 0;
            Arrays.fill(ids[b], 0);
            for (int j = 0; j < PROMPTS[b].length; j++) {
                ids[b][offset + j] = PROMPTS[b][j];
                mask[b][offset + j] = 1;
            }
        }
        try (CausalLm model = TestModels.strongModel(c, 7);
                KvCache cache = model.newCache(PROMPTS.length);
                NDManager m = model.newManager()) {
            int[][] sequences = PROMPTS.clone();
            float[][] next = TestModels.rows(model.prefill(m, cache, ids, mask));
            double worst = compareWithFullRecomputation(model, sequences, next);
            for (int s = 0; s < STEPS; s++) {
                int[] tokens = new int[PROMPTS.length];
                for (int b = 0; b < tokens.length; b++) {
                    tokens[b] = argmax(next[b]);
                    sequences[b] = append(sequences[b], tokens[b]);
                }
                next = TestModels.rows(model.step(m, cache, tokens));
                worst = Math.max(worst, compareWithFullRecomputation(model, sequences, next));
                for (int b = 0; b < tokens.length; b++) {
                    assertEquals(sequences[b].length, cache.nextPosition(b));
                }
            }
            assertEquals(t + STEPS, cache.length());
            System.out.printf("%s left=%s: max |cached - full| = %.2e%n", family, leftPadding, worst);
            assertTrue(worst < TOLERANCE, "max |cached - full| = " + worst);
        }
    }

    /** Each sequence alone, unpadded: the last position's logits must equal the cached step's. */
    private static double compareWithFullRecomputation(CausalLm model, int[][] sequences, float[][] cached) {
        double worst = 0;
        for (int b = 0; b < sequences.length; b++) {
            float[][][] full = TestModels.logits(model, new int[][] {sequences[b]}, null);
            worst = Math.max(worst, TestModels.maxAbsDiff(full[0][sequences[b].length - 1], cached[b]));
        }
        return worst;
    }

    @Test
    void droppingFinishedSequencesKeepsTheOthersExact() {
        try (CausalLm model = TestModels.strongModel(TestModels.llama(), 7);
                KvCache cache = model.newCache(3);
                NDManager m = model.newManager()) {
            int[][] ids = {{0, 0, 0, 5, 9}, {1, 2, 3, 4, 5}, {0, 0, 7, 8, 9}};
            int[][] mask = {{0, 0, 0, 1, 1}, {1, 1, 1, 1, 1}, {0, 0, 1, 1, 1}};
            model.prefill(m, cache, ids, mask);
            model.step(m, cache, new int[] {10, 11, 12});
            int before = model.manager.getManagedArrays().size();
            cache.keep(2, 0);
            // the old buffers are replaced one for one, and the last step's views of them closed
            assertEquals(before - 2 * model.config().numLayers(), model.manager.getManagedArrays().size(),
                    "old K/V freed");
            assertEquals(2, cache.batchSize());
            float[][] next = TestModels.rows(model.step(m, cache, new int[] {20, 21}));
            int[][] sequences = {{7, 8, 9, 12, 20}, {5, 9, 10, 21}};
            assertTrue(compareWithFullRecomputation(model, sequences, next) < TOLERANCE);
            assertEquals(5, cache.nextPosition(0));
            assertEquals(4, cache.nextPosition(1));
        }
    }

    @Test
    void prefillInChunksEqualsOnePrefill() {
        try (CausalLm model = TestModels.strongModel(TestModels.qwen2(), 7);
                KvCache whole = model.newCache(2);
                KvCache chunked = model.newCache(2);
                NDManager m = model.newManager()) {
            int[][] ids = {{0, 9, 8, 7, 6, 5}, {1, 2, 3, 4, 5, 6}};
            int[][] mask = {{0, 1, 1, 1, 1, 1}, {1, 1, 1, 1, 1, 1}};
            float[][] once = TestModels.rows(model.prefill(m, whole, ids, mask));
            model.prefill(m, chunked, new int[][] {{0, 9, 8}, {1, 2, 3}}, new int[][] {{0, 1, 1}, {1, 1, 1}});
            float[][] twice = TestModels.rows(model.prefill(m, chunked, new int[][] {{7, 6, 5}, {4, 5, 6}}, null));
            for (int b = 0; b < 2; b++) {
                assertTrue(TestModels.maxAbsDiff(once[b], twice[b]) < TOLERANCE);
            }
            assertEquals(5, chunked.nextPosition(0));
            assertEquals(6, chunked.nextPosition(1));
        }
    }

    /**
     * The sampler's chunked prefill: slices whose logits nobody reads go through {@link CausalLm#fill} (the Llama
     * family then skips the last layer's queries, attention and MLP), and the last slice, right-padded so that
     * the rows end at different columns, reads each row's last token; every logit as one pass over each
     * sequence alone, and the cache as good for the decoding steps after it.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"gpt2", "llama", "qwen2"})
    void slicesFilledWithoutLogitsLeaveTheSameCache(String family) {
        ModelConfig c = TestModels.family(family);
        try (CausalLm model = TestModels.strongModel(c, 7);
                KvCache cache = model.newCache(2);
                NDManager m = model.newManager()) {
            model.fill(cache, new int[][] {{9, 8, 7}, {1, 2, 3}}, null);
            model.fill(cache, new int[][] {{6, 5}, {4, 5}}, null);
            float[][] next = TestModels.rows(model.prefill(m, cache, new int[][] {{4, 3, 0}, {6, 7, 8}},
                    new int[][] {{1, 1, 0}, {1, 1, 1}}));
            int[][] sequences = {{9, 8, 7, 6, 5, 4, 3}, {1, 2, 3, 4, 5, 6, 7, 8}};
            double worst = compareWithFullRecomputation(model, sequences, next);
            int[] tokens = {argmax(next[0]), argmax(next[1])};
            float[][] after = TestModels.rows(model.step(m, cache, tokens));
            sequences = new int[][] {append(sequences[0], tokens[0]), append(sequences[1], tokens[1])};
            worst = Math.max(worst, compareWithFullRecomputation(model, sequences, after));
            assertTrue(worst < TOLERANCE, family + ": max |cached - full| = " + worst);
            assertEquals(8, cache.nextPosition(0));
            assertEquals(9, cache.nextPosition(1));
        }
    }

    @Test
    void decodingOnAnotherThreadWithGradModeOnGivesTheSameLogits() throws Exception {
        try (CausalLm model = TestModels.strongModel(TestModels.llama(), 7)) {
            float[][] here = prefillRows(model);
            float[][][] there = new float[1][][];
            boolean[] gradMode = new boolean[1];
            Thread worker = new Thread(() -> {
                gradMode[0] = JniUtils.isGradMode(); // libtorch's default on a fresh thread: on
                there[0] = prefillRows(model);
            });
            worker.start();
            worker.join();
            assertTrue(gradMode[0], "precondition: a new thread starts with grad mode on");
            assertEquals(0.0, TestModels.maxAbsDiff(here[0], there[0][0]));
        }
    }

    private static float[][] prefillRows(CausalLm model) {
        try (KvCache cache = model.newCache(2); NDManager m = model.newManager()) {
            return TestModels.rows(model.prefill(m, cache, new int[][] {{1, 2, 3}, {0, 4, 5}},
                    new int[][] {{1, 1, 1}, {0, 1, 1}}));
        }
    }

    @ParameterizedTest
    @CsvSource({"gpt2", "llama"})
    void gpt2PositionLimitIsEnforcedAndLlamaExtrapolates(String family) {
        ModelConfig c = family.equals("gpt2") ? TestModels.gpt2() : TestModels.llama();
        try (CausalLm model = TestModels.strongModel(c, 7);
                KvCache cache = model.newCache(1);
                NDManager m = model.newManager()) {
            int[] prompt = new int[c.maxPositions()];
            Arrays.fill(prompt, 3);
            model.prefill(m, cache, new int[][] {prompt}, null);
            if (family.equals("gpt2")) {
                HarmonicInputException e = assertThrows(HarmonicInputException.class,
                        () -> model.step(m, cache, new int[] {1}));
                assertTrue(e.getMessage().contains("at most " + c.maxPositions() + " positions"), e.getMessage());
            } else {
                assertEquals(1, model.step(m, cache, new int[] {1}).getShape().get(0));
            }
        }
    }

    private static int[] append(int[] seq, int token) {
        int[] out = Arrays.copyOf(seq, seq.length + 1);
        out[seq.length] = token;
        return out;
    }

    private static int argmax(float[] row) {
        int best = 0;
        for (int i = 1; i < row.length; i++) {
            if (row[i] > row[best]) {
                best = i;
            }
        }
        return best;
    }
}
