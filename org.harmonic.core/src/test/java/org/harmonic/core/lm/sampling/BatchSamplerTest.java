package org.harmonic.core.lm.sampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

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
        assertCachedDecodingEqualsRecomputing(prompts());
    }

    /** Prompts longer than {@link BatchSampler#PREFILL_CHUNK} are prefilled in slices, with the same result. */
    @Test
    void longPromptsPrefilledInSlicesDecodeAsRecomputingEverything() {
        int[] lengths = {2 * BatchSampler.PREFILL_CHUNK + 22, 2 * BatchSampler.PREFILL_CHUNK + 3,
            BatchSampler.PREFILL_CHUNK + 6};
        int[][] prompts = new int[lengths.length][];
        SplittableRandom random = new SplittableRandom(12);
        for (int b = 0; b < lengths.length; b++) {
            prompts[b] = random.ints(lengths[b], 0, END).toArray();
        }
        assertCachedDecodingEqualsRecomputing(prompts);
    }

    private void assertCachedDecodingEqualsRecomputing(int[][] prompts) {
        SamplingConfig greedy = new SamplingConfig(0, 0, 1, 12);
        try (CausalLm model = CausalLm.random(config, 3, Device.cpu())) {
            List<int[]> cached = new BatchSampler(model, greedy, END).generate(prompts,
                    List.of(DecodingConstraint.NONE, DecodingConstraint.NONE, DecodingConstraint.NONE),
                    new long[] {1, 2, 3}, Progress.none());
            for (int b = 0; b < 3; b++) {
                int[] sequence = prompts[b];
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

    /**
     * With guidance, every token drawn at the configured temperature is the best of logits + g x (logits - logits after
     * the next distinct prompt of the sub-batch, followed by the same tokens): recomputed here without a cache, one
     * sequence at a time.
     */
    @Test
    void guidedDecodingWeighsTheOwnPromptAgainstTheNextOne() {
        double guidance = 1.0;
        SamplingConfig greedy = new SamplingConfig(0, 0, 1, 12);
        int[][] prompts = prompts();
        List<DecodingConstraint> none = List.of(DecodingConstraint.NONE, DecodingConstraint.NONE,
                DecodingConstraint.NONE);
        try (CausalLm model = CausalLm.random(config, 3, Device.cpu())) {
            List<int[]> guided = new BatchSampler(model, greedy, END, 1, guidance).generate(prompts, none,
                    new long[] {1, 2, 3}, Progress.none());
            List<int[]> plain = new BatchSampler(model, greedy, END, 1).generate(prompts, none, new long[] {1, 2, 3},
                    Progress.none());
            boolean anyDiffers = false;
            for (int b = 0; b < prompts.length; b++) {
                int[] own = prompts[b];
                int[] other = prompts[(b + 1) % prompts.length];
                List<Integer> expected = new ArrayList<>();
                for (int step = 0; step < 12; step++) {
                    float[] l = lastLogits(model, own);
                    float[] u = lastLogits(model, other);
                    int next = 0;
                    for (int v = 1; v < VOCAB; v++) {
                        if (l[v] + guidance * (l[v] - u[v]) > l[next] + guidance * (l[next] - u[next])) {
                            next = v;
                        }
                    }
                    if (next == END) {
                        break;
                    }
                    expected.add(next);
                    own = append(own, next);
                    other = append(other, next);
                }
                assertArrayEquals(expected.stream().mapToInt(Integer::intValue).toArray(), guided.get(b), "row " + b);
                anyDiffers |= !Arrays.equals(plain.get(b), guided.get(b));
            }
            assertTrue(anyDiffers, "guidance changed no row: the test would not see it ignored");
            // a token with a temperature of its own (0 here: greedy, as configured) is drawn from its own logits
            DecodingConstraint ownTemperature = new DecodingConstraint() {
                @Override
                public java.util.BitSet allowed() {
                    return null;
                }

                @Override
                public void accept(int token) {
                }

                @Override
                public double temperature() {
                    return 0;
                }
            };
            List<int[]> unguided = new BatchSampler(model, greedy, END, 1, guidance).generate(prompts,
                    List.of(ownTemperature, ownTemperature, ownTemperature), new long[] {1, 2, 3}, Progress.none());
            for (int b = 0; b < prompts.length; b++) {
                assertArrayEquals(plain.get(b), unguided.get(b), "row " + b);
            }
            // a sub-batch of one distinct prompt has no other to weigh it against: sampled as without guidance
            int[][] same = {prompts[0], prompts[0].clone()};
            List<DecodingConstraint> two = List.of(DecodingConstraint.NONE, DecodingConstraint.NONE);
            assertEquals(Arrays.toString(plain.get(0)), Arrays.toString(new BatchSampler(model, greedy, END, 1,
                    guidance).generate(same, two, new long[] {1, 1}, Progress.none()).get(1)));
        }
    }

    private float[] lastLogits(CausalLm model, int[] sequence) {
        try (NDManager m = model.newManager()) {
            float[] all = model.forward(m, new int[][] {sequence}, null, false).toFloatArray();
            return Arrays.copyOfRange(all, all.length - VOCAB, all.length);
        }
    }

    private static int[] append(int[] sequence, int token) {
        int[] longer = Arrays.copyOf(sequence, sequence.length + 1);
        longer[sequence.length] = token;
        return longer;
    }

    @Test
    void aSequenceDecodesTheSameAloneOrInABatch() {
        SamplingConfig sampling = new SamplingConfig(1.0, 0, 1, 10);
        try (CausalLm model = CausalLm.random(config, 4, Device.cpu())) {
            BatchSampler sampler = new BatchSampler(model, sampling, END, 1);
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
            BatchSampler sampler = new BatchSampler(model, sampling, END, 1);
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

    /** Sub-batches decode on several threads; the rows are the same whatever the number of threads. */
    @Test
    void theRowsDoNotDependOnTheNumberOfSamplingThreads() {
        SamplingConfig sampling = new SamplingConfig(1.0, 0, 1, 10);
        int n = 2 * BatchSampler.SUB_BATCH + 5; // three sub-batches, the last one short
        int[][] prompts = cycledPrompts(n);
        long[] seeds = java.util.stream.LongStream.range(100, 100 + n).toArray();
        List<DecodingConstraint> none = java.util.Collections.nCopies(n, DecodingConstraint.NONE);
        try (CausalLm model = CausalLm.random(config, 6, Device.cpu())) {
            List<int[]> one;
            List<int[]> two;
            List<int[]> three;
            try (BatchSampler single = new BatchSampler(model, sampling, END, 1);
                    BatchSampler pair = new BatchSampler(model, sampling, END, 2);
                    BatchSampler threads = new BatchSampler(model, sampling, END, 3)) {
                one = single.generate(prompts, none, seeds, Progress.none());
                two = pair.generate(prompts, none, seeds, Progress.none()); // more sub-batches than threads
                three = threads.generate(prompts, none, seeds, Progress.none());
                // the helpers are kept: a second batch on the same sampler decodes the same rows again
                List<int[]> again = threads.generate(prompts, none, seeds, Progress.none());
                for (int i = 0; i < n; i++) {
                    assertArrayEquals(one.get(i), again.get(i), "again, row " + i);
                }
            }
            assertEquals(n, three.size());
            assertEquals(n, two.size());
            for (int i = 0; i < n; i++) {
                assertArrayEquals(one.get(i), three.get(i), "row " + i);
                assertArrayEquals(one.get(i), two.get(i), "two threads, row " + i);
            }
            // and a row decodes as it does alone: sub-batches change where a row is decoded, not what
            List<int[]> alone = new BatchSampler(model, sampling, END, 1).generate(new int[][] {prompts[n - 1]},
                    List.of(DecodingConstraint.NONE), new long[] {seeds[n - 1]}, Progress.none());
            assertArrayEquals(alone.get(0), three.get(n - 1));
        }
    }

    /**
     * Prompts given as a function are asked for on the thread that decodes their sub-batch, each once, and give the
     * rows the same prompts give as an array (the Synthesizer tokenizes its prompts there).
     */
    @Test
    void promptsGivenAsAFunctionAreMadeOnTheSamplingThreads() {
        SamplingConfig sampling = new SamplingConfig(1.0, 0, 1, 10);
        int n = 2 * BatchSampler.SUB_BATCH + 5;
        int[][] prompts = cycledPrompts(n);
        long[] seeds = java.util.stream.LongStream.range(100, 100 + n).toArray();
        List<DecodingConstraint> none = java.util.Collections.nCopies(n, DecodingConstraint.NONE);
        String[] askedOn = new String[n];
        java.util.concurrent.atomic.AtomicIntegerArray asked = new java.util.concurrent.atomic.AtomicIntegerArray(n);
        try (CausalLm model = CausalLm.random(config, 6, Device.cpu());
                BatchSampler sampler = new BatchSampler(model, sampling, END, 2)) {
            List<int[]> fromArray = sampler.generate(prompts, none, seeds, Progress.none());
            List<int[]> fromFunction = sampler.generate(b -> {
                asked.incrementAndGet(b);
                askedOn[b] = Thread.currentThread().getName();
                if (!askedOn[b].equals("harmonic-sampler")) {
                    // the calling thread's sub-batch is slowed, so that the helper claims one however
                    // busy the machine (on a loaded machine the calling thread once took all three first)
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return prompts[b];
            }, n, none, seeds, Progress.none());
            for (int i = 0; i < n; i++) {
                assertArrayEquals(fromArray.get(i), fromFunction.get(i), "row " + i);
                assertEquals(1, asked.get(i), "prompt " + i + " asked for once");
            }
        }
        // three sub-batches on two threads: the helper took at least one of them, and all of its prompts
        assertTrue(Arrays.asList(askedOn).contains("harmonic-sampler"), Arrays.toString(askedOn));
        for (int part = 0; part * BatchSampler.SUB_BATCH < n; part++) {
            int from = part * BatchSampler.SUB_BATCH;
            for (int b = from; b < Math.min(n, from + BatchSampler.SUB_BATCH); b++) {
                assertEquals(askedOn[from], askedOn[b], "prompt " + b + " on its sub-batch's thread");
            }
        }
    }

    /** {@code n} prompts cycling through {@link #prompts()}. */
    private static int[][] cycledPrompts(int n) {
        int[][] out = new int[n][];
        for (int i = 0; i < n; i++) {
            out[i] = prompts()[i % 3];
        }
        return out;
    }

    /**
     * When the calling thread's sub-batch fails, no helper is still decoding once {@code generate} has
     * thrown: the caller frees the model next, and a helper reading freed weights crashed the JVM
     * (SIGSEGV in libtorch, seen in this suite after the cancellation test below).
     */
    @Test
    void noHelperDecodesAfterTheBatchHasFailed() throws Exception {
        int limit = 240; // within the model's 256 positions, with the prompt
        SamplingConfig sampling = new SamplingConfig(1.0, 0, 1, limit);
        int n = 3 * BatchSampler.SUB_BATCH;
        int[][] prompts = new int[n][];
        java.util.concurrent.atomic.AtomicInteger helperTokens = new java.util.concurrent.atomic.AtomicInteger();
        List<DecodingConstraint> constraints = new ArrayList<>();
        java.util.BitSet notEnd = new java.util.BitSet();
        notEnd.set(0, END); // never the end token: a helper's rows run to the token limit unless stopped
        for (int i = 0; i < n; i++) {
            prompts[i] = prompts()[0];
            boolean first = i < BatchSampler.SUB_BATCH; // decoded by the calling thread
            int row = i;
            constraints.add(new DecodingConstraint() {
                private int accepted;

                @Override
                public java.util.BitSet allowed() {
                    return notEnd;
                }

                @Override
                public void accept(int token) {
                    if (first && row == 0 && ++accepted == 3) {
                        throw new IllegalStateException("the calling thread's row fails");
                    }
                    if (!first) {
                        helperTokens.incrementAndGet();
                    }
                }
            });
        }
        try (CausalLm model = CausalLm.random(config, 8, Device.cpu());
                BatchSampler threads = new BatchSampler(model, sampling, END, 3)) {
            IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                    () -> threads.generate(prompts, constraints, new long[n], Progress.none()));
            assertEquals("the calling thread's row fails", e.getMessage());
            int atReturn = helperTokens.get();
            Thread.sleep(300);
            assertEquals(atReturn, helperTokens.get(), "a helper went on decoding after generate threw");
            org.junit.jupiter.api.Assertions.assertTrue(atReturn < 2 * BatchSampler.SUB_BATCH * limit,
                    "the helpers stopped early, not at the token limit: " + atReturn);
        }
    }

    /** Cancelling stops every sampling thread and reaches the caller as a cancellation, not as a wrapped error. */
    @Test
    void cancellingReachesTheCallerFromAnySamplingThread() {
        SamplingConfig sampling = new SamplingConfig(1.0, 0, 1, 10);
        int n = 3 * BatchSampler.SUB_BATCH;
        int[][] prompts = new int[n][];
        List<DecodingConstraint> none = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            prompts[i] = prompts()[0];
            none.add(DecodingConstraint.NONE);
        }
        Progress canceled = new Progress() {
            @Override
            public void report(double fraction, String message) {
            }

            @Override
            public boolean isCanceled() {
                return true;
            }
        };
        try (CausalLm model = CausalLm.random(config, 7, Device.cpu())) {
            try (BatchSampler threads = new BatchSampler(model, sampling, END, 3)) {
                org.junit.jupiter.api.Assertions.assertThrows(org.harmonic.core.util.CanceledException.class,
                        () -> threads.generate(prompts, none, new long[n], canceled));
            }
        }
    }

    /**
     * A constraint that scripts which positions are forced: -1 lets the model choose among all tokens
     * but the end, a token id forces it (the only one allowed), and the end token follows the script.
     * With {@code announce} it names its forced tokens, so the sampler feeds them without a step.
     */
    private static final class Script implements DecodingConstraint {
        private final int[] script;
        private final boolean announce;
        private int position;

        Script(boolean announce, int... script) {
            this.script = script;
            this.announce = announce;
        }

        @Override
        public java.util.BitSet allowed() {
            java.util.BitSet allowed = new java.util.BitSet();
            if (position == script.length) {
                allowed.set(END);
            } else if (script[position] >= 0) {
                allowed.set(script[position]);
            } else {
                allowed.set(0, END);
            }
            return allowed;
        }

        @Override
        public void accept(int token) {
            assertEquals(true, allowed().get(token), "token " + token + " at " + position);
            if (token != END) {
                position++;
            }
        }

        @Override
        public int forcedToken() {
            if (!announce) {
                return -1;
            }
            return position == script.length ? END : script[position];
        }
    }

    /**
     * Forced tokens ride along with the token before them (several columns in one extension, the
     * shorter feeds padded): the rows are those of decoding token by token, and the forced ones are where
     * the script put them.
     */
    @Test
    void forcedTokensAreFedAlongAndChangeNoRow() {
        SamplingConfig sampling = new SamplingConfig(1.0, 0, 1, 40);
        int[][] scripts = {{-1, 5, 6, -1, -1, 7, 8, 9, -1}, {3, -1, -1, 4, -1, 10, -1, -1, 11, 12}, {-1, -1, -1, -1},
            {-1, 20, -1, 21, -1, 22, -1, 23, 24}};
        int[][] prompts = {{1, 2, 3, 4, 5, 6, 7}, {8, 9}, {10, 11, 12, 13}, {14, 15, 16}};
        long[] seeds = {21, 22, 23, 24};
        try (CausalLm model = CausalLm.random(config, 7, Device.cpu());
                BatchSampler sampler = new BatchSampler(model, sampling, END, 1)) {
            List<DecodingConstraint> stepwise = new ArrayList<>();
            List<DecodingConstraint> along = new ArrayList<>();
            for (int[] script : scripts) {
                stepwise.add(new Script(false, script));
                along.add(new Script(true, script));
            }
            List<int[]> expected = sampler.generate(prompts, stepwise, seeds, Progress.none());
            List<int[]> actual = sampler.generate(prompts, along, seeds, Progress.none());
            for (int b = 0; b < scripts.length; b++) {
                assertArrayEquals(expected.get(b), actual.get(b), "row " + b);
                assertEquals(scripts[b].length, actual.get(b).length);
                for (int j = 0; j < scripts[b].length; j++) {
                    if (scripts[b][j] >= 0) {
                        assertEquals(scripts[b][j], actual.get(b)[j]);
                    }
                }
            }
        }
    }
}
