package org.harmonic.core.lm.sampling;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import org.harmonic.core.lm.DjlRuntime;
import org.harmonic.core.lm.model.CausalLm;
import org.harmonic.core.lm.model.KvCache;
import org.harmonic.core.util.CanceledException;
import org.harmonic.core.util.Progress;

/**
 * Batched sampling with a KV cache: the prompts are prefilled once (right-padded), then every
 * step feeds one token per sequence. Each sequence has its own random stream (so results do not
 * depend on the batch it was in) and its own {@link DecodingConstraint}.
 */
public final class BatchSampler implements AutoCloseable {
    /**
     * Sequences decoded together on one thread. Decoding a token is a chain of small operations
     * whose cost barely grows with the batch, so a sub-batch should stay large; 16 lets a batch of
     * 32 (the Synthesizer's default) use two cores.
     */
    public static final int SUB_BATCH = 16;
    private final CausalLm model;
    private final TokenSampler sampler;
    private final int workers;
    /** Threads decoding the sub-batches after the first; made on first use. */
    private ExecutorService helpers;
    private final SamplingConfig config;
    private final int endToken;

    public BatchSampler(CausalLm model, SamplingConfig config, int endToken) {
        this(model, config, endToken, defaultWorkers());
    }

    /** @param workers threads decoding sub-batches at once (the rows do not depend on it) */
    public BatchSampler(CausalLm model, SamplingConfig config, int endToken, int workers) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be positive, got " + workers);
        }
        this.workers = workers;
        this.model = model;
        this.sampler = new TokenSampler(config);
        this.config = config;
        this.endToken = endToken;
    }

    /**
     * Generates a continuation of every prompt, up to and excluding the end token.
     *
     * <p>The prompts are decoded in consecutive sub-batches of {@link #SUB_BATCH}, each on its own
     * thread (as many at a time as the sampler has workers): libtorch runs one intra-op thread (set
     * once for the JVM, see {@link DjlRuntime#setOfflineFlags}), so decoding on separate Java threads is how sampling
     * uses more than one core. The sub-batches are fixed by the prompts' order, never by the core
     * count, so a seed gives the same rows on any machine.
     *
     * @param prompts     token ids of each prompt
     * @param constraints one per prompt ({@link DecodingConstraint#NONE} for free text)
     * @param seeds       one random seed per prompt
     */
    public List<int[]> generate(int[][] prompts, List<? extends DecodingConstraint> constraints, long[] seeds,
            Progress progress) {
        int batch = prompts.length;
        List<int[]> result = new ArrayList<>(batch);
        int subBatches = (batch + SUB_BATCH - 1) / SUB_BATCH;
        {
            AtomicBoolean abandoned = new AtomicBoolean();
            if (subBatches <= 1 || workers <= 1) {
                for (int from = 0; from < batch; from += SUB_BATCH) {
                    result.addAll(generateOne(prompts, constraints, seeds, from, Math.min(batch, from + SUB_BATCH),
                            progress, abandoned));
                }
                return result;
            }
            // the calling thread decodes the first sub-batch itself; helpers (kept for the sampler's
            // life: each new thread would start a malloc arena afresh) decode the others
            List<Future<List<int[]>>> parts = new ArrayList<>();
            for (int from = SUB_BATCH; from < batch; from += SUB_BATCH) {
                int f = from;
                int to = Math.min(batch, from + SUB_BATCH);
                parts.add(helpers().submit(() -> generateOne(prompts, constraints, seeds, f, to, progress, abandoned)));
            }
            boolean complete = false;
            try {
                result.addAll(generateOne(prompts, constraints, seeds, 0, Math.min(batch, SUB_BATCH), progress,
                        abandoned));
                for (Future<List<int[]>> part : parts) {
                    result.addAll(join(part));
                }
                complete = true;
            } finally {
                if (!complete) {
                    // once this throws (a cancellation, a constraint's error) the caller frees the model: a
                    // helper still decoding would then read freed native memory and crash the whole JVM
                    // (KNIME's with it), so every helper stops at its next token and is waited for
                    abandoned.set(true);
                    for (Future<List<int[]>> part : parts) {
                        awaitQuietly(part);
                    }
                }
            }
            return result;
        }
    }

    private ExecutorService helpers() {
        if (helpers == null) {
            helpers = Executors.newFixedThreadPool(workers - 1, r -> {
                Thread t = new Thread(r, "harmonic-sampler");
                t.setDaemon(true);
                return t;
            });
        }
        return helpers;
    }

    /** Stops the helper threads (idle between batches: {@link #generate} returns only once its helpers are done). */
    @Override
    public void close() {
        if (helpers != null) {
            helpers.shutdown();
            helpers = null;
        }
    }

    /** Waits for a sub-batch that is being abandoned to stop, whatever it ends with; an interrupt waits on. */
    private static void awaitQuietly(Future<List<int[]>> part) {
        boolean interrupted = false;
        while (true) {
            try {
                part.get();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            } catch (ExecutionException | CancellationException e) {
                break;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** A sub-batch's rows, rethrowing what its thread threw (cancellation included) as it was. */
    private static List<int[]> join(Future<List<int[]>> part) {
        try {
            return part.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CanceledException();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Decodes prompts {@code from} (inclusive) to {@code to} (exclusive) as one batch with one KV cache. */
    private List<int[]> generateOne(int[][] allPrompts, List<? extends DecodingConstraint> allConstraints,
            long[] allSeeds, int from, int to, Progress progress, AtomicBoolean abandoned) {
        int[][] prompts = Arrays.copyOfRange(allPrompts, from, to);
        List<? extends DecodingConstraint> constraints = allConstraints.subList(from, to);
        long[] seeds = Arrays.copyOfRange(allSeeds, from, to);
        int batch = prompts.length;
        // Equal prompts are prefilled once and their cache rows copied: a prompt is most of a
        // sequence's tokens, so several rows from one prompt cost little more than one.
        Map<List<Integer>, Integer> distinctIndex = new HashMap<>();
        List<int[]> distinct = new ArrayList<>();
        int[] source = new int[batch];
        for (int b = 0; b < batch; b++) {
            List<Integer> key = Arrays.stream(prompts[b]).boxed().toList();
            Integer d = distinctIndex.get(key);
            if (d == null) {
                d = distinct.size();
                distinctIndex.put(key, d);
                distinct.add(prompts[b]);
            }
            source[b] = d;
        }
        int longest = 0;
        for (int[] p : distinct) {
            longest = Math.max(longest, p.length);
        }
        int[][] ids = new int[distinct.size()][longest];
        int[][] mask = new int[distinct.size()][longest];
        for (int d = 0; d < distinct.size(); d++) {
            Arrays.fill(ids[d], endToken);
            System.arraycopy(distinct.get(d), 0, ids[d], 0, distinct.get(d).length);
            Arrays.fill(mask[d], 0, distinct.get(d).length, 1);
        }
        SplittableRandom[] random = new SplittableRandom[batch];
        List<List<Integer>> out = new ArrayList<>();
        for (int b = 0; b < batch; b++) {
            random[b] = new SplittableRandom(seeds[b]);
            out.add(new ArrayList<>());
        }
        boolean[] done = new boolean[batch];
        int remaining = batch;
        try (KvCache cache = model.newCache(distinct.size()); NDManager m = model.newManager()) {
            float[][] distinctLogits = toRows(model.prefill(m, cache, ids, mask), distinct.size());
            float[][] logits = new float[batch][];
            for (int b = 0; b < batch; b++) {
                logits[b] = distinctLogits[source[b]].clone();
            }
            if (distinct.size() < batch) {
                cache.keep(source);
            }
            for (int step = 0; step < config.maxNewTokens() && remaining > 0 && !abandoned.get(); step++) {
                progress.checkCanceled();
                int[] next = new int[batch];
                for (int b = 0; b < batch; b++) {
                    if (done[b]) {
                        next[b] = endToken;
                        continue;
                    }
                    DecodingConstraint constraint = constraints.get(b);
                    BitSet allowed = constraint.allowed();
                    double temperature = constraint.temperature();
                    int token = Double.isNaN(temperature) ? sampler.sample(logits[b], allowed, random[b])
                            : sampler.sample(logits[b], allowed, random[b], temperature);
                    constraint.accept(token);
                    next[b] = token;
                    if (token == endToken) {
                        done[b] = true;
                        remaining--;
                    } else {
                        out.get(b).add(token);
                    }
                }
                if (remaining == 0) {
                    break;
                }
                logits = toRows(model.step(m, cache, next), batch);
            }
        }
        List<int[]> result = new ArrayList<>(batch);
        for (List<Integer> tokens : out) {
            result.add(tokens.stream().mapToInt(Integer::intValue).toArray());
        }
        return result;
    }

    /**
     * Sampling threads by default: the {@value DjlRuntime#THREADS_VARIABLE} variable where set (the
     * threads Harmonic may use), otherwise the machine's processors.
     */
    public static int defaultWorkers() {
        String value = System.getenv(DjlRuntime.THREADS_VARIABLE);
        return value == null ? Runtime.getRuntime().availableProcessors() : DjlRuntime.threads(value);
    }

    private static float[][] toRows(NDArray logits, int batch) {
        float[] flat = logits.toFloatArray();
        logits.close();
        int vocab = flat.length / batch;
        float[][] rows = new float[batch][];
        for (int b = 0; b < batch; b++) {
            rows[b] = Arrays.copyOfRange(flat, b * vocab, (b + 1) * vocab);
        }
        return rows;
    }
}
