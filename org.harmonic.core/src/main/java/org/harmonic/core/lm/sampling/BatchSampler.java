package org.harmonic.core.lm.sampling;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import org.harmonic.core.lm.DjlRuntime;
import org.harmonic.core.lm.model.CausalLm;
import org.harmonic.core.lm.model.KvCache;
import org.harmonic.core.util.HelperThreads;
import org.harmonic.core.util.Progress;

/**
 * Batched sampling with a KV cache: the prompts are prefilled once (right-padded), then every
 * step feeds each sequence the token it chose and the forced tokens after it
 * ({@link DecodingConstraint#forcedToken}). Each sequence has its own random stream (so results do
 * not depend on the batch it was in) and its own {@link DecodingConstraint}.
 */
public final class BatchSampler implements AutoCloseable {
    /**
     * Sequences decoded together on one thread. A decoding step is a chain of some 200 small
     * operations: on German credit about 1.4 ms whatever the batch plus 0.1 ms a sequence. 16 lets a
     * batch of 32 (the Synthesizer's default) use two cores; sub-batches of 24 or 32 (batches of 48 or
     * 64) sampled no faster (docs/quality.md section 20).
     */
    public static final int SUB_BATCH = 16;
    private final CausalLm model;
    private final TokenSampler sampler;
    private final int workers;
    /** Threads decoding sub-batches beside the calling one; made on first use. */
    private ExecutorService helpers;
    private final SamplingConfig config;
    private final int endToken;
    private final double guidance;

    public BatchSampler(CausalLm model, SamplingConfig config, int endToken) {
        this(model, config, endToken, DjlRuntime.defaultWorkers(), 0);
    }

    /** @param workers threads decoding sub-batches at once (the rows do not depend on it) */
    public BatchSampler(CausalLm model, SamplingConfig config, int endToken, int workers) {
        this(model, config, endToken, workers, 0);
    }

    /**
     * @param workers  threads decoding sub-batches at once (the rows do not depend on it)
     * @param guidance how much more each sequence follows its own prompt than another prompt of its sub-batch:
     *                 a draw at the configured temperature (a token whose {@link DecodingConstraint#temperature()}
     *                 is NaN) is made from logits + guidance x (logits - the logits the same tokens get after the next
     *                 distinct prompt of the sub-batch), as classifier-free guidance does with an unconditional
     *                 context (Sanchez et al. 2023); tokens with a temperature of their own keep their logits. 0 = off.
     *                 The other prompt stands for "some other place in the table": what both predict (the table's
     *                 common values) cancels, and what this prompt's rows imply is weighed up. Sequences whose
     *                 sub-batch holds one distinct prompt only are sampled without it.
     */
    public BatchSampler(CausalLm model, SamplingConfig config, int endToken, int workers, double guidance) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be positive, got " + workers);
        }
        if (!(guidance >= 0) || Double.isInfinite(guidance)) {
            throw new IllegalArgumentException("guidance must be >= 0, got " + guidance);
        }
        this.guidance = guidance;
        this.workers = workers;
        this.model = model;
        this.sampler = new TokenSampler(config);
        this.config = config;
        this.endToken = endToken;
    }

    /**
     * Generates a continuation of every prompt, up to and excluding the end token.
     *
     * <p>The prompts are decoded in consecutive sub-batches of {@link #SUB_BATCH}, each taken by the
     * next free thread (as many at a time as the sampler has workers): libtorch runs one intra-op thread (set
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
        return generate(b -> prompts[b], prompts.length, constraints, seeds, progress);
    }

    /**
     * As {@link #generate(int[][], List, long[], Progress)}, with each prompt's token ids made on the thread that
     * decodes its sub-batch: tokenizing German credit's prompts on the calling thread, before the batch, took 0.4 s
     * of a 700-row sampling's 6.4 s while the other threads waited (docs/quality.md section 31).
     *
     * @param prompts the token ids of prompt {@code b}, {@code 0 <= b < batch}; called from several threads at once
     */
    public List<int[]> generate(IntFunction<int[]> prompts, int batch, List<? extends DecodingConstraint> constraints,
            long[] seeds, Progress progress) {
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
            // every thread (the calling one and the helpers, kept for the sampler's life: each new thread
            // would start a malloc arena afresh) claims the next sub-batch until none is left, so a batch
            // of more sub-batches than threads keeps them all busy to its end
            AtomicInteger nextPart = new AtomicInteger();
            List<List<int[]>> partRows = new ArrayList<>(Collections.nCopies(subBatches, null));
            Runnable claim = () -> {
                try {
                    for (int p = nextPart.getAndIncrement(); p < subBatches && !abandoned.get();
                            p = nextPart.getAndIncrement()) {
                        int f = p * SUB_BATCH;
                        partRows.set(p, generateOne(prompts, constraints, seeds, f, Math.min(batch, f + SUB_BATCH),
                                progress, abandoned));
                    }
                } catch (RuntimeException | Error e) {
                    abandoned.set(true); // the other threads stop at their next token: the batch has failed
                    throw e;
                }
            };
            List<Future<?>> parts = new ArrayList<>();
            for (int w = 1; w < Math.min(workers, subBatches); w++) {
                parts.add(helpers().submit(claim));
            }
            boolean complete = false;
            try {
                claim.run();
                for (Future<?> part : parts) {
                    HelperThreads.join(part);
                }
                complete = true;
            } finally {
                if (!complete) {
                    // once this throws (a cancellation, a constraint's error) the caller frees the model: a
                    // helper still decoding would then read freed native memory and crash the whole JVM
                    // (KNIME's with it), so every helper stops at its next token and is waited for
                    abandoned.set(true);
                    for (Future<?> part : parts) {
                        HelperThreads.awaitQuietly(part);
                    }
                }
            }
            for (List<int[]> rows : partRows) {
                result.addAll(rows);
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

    /** Decodes prompts {@code from} (inclusive) to {@code to} (exclusive) as one batch with one KV cache. */
    private List<int[]> generateOne(IntFunction<int[]> allPrompts, List<? extends DecodingConstraint> allConstraints,
            long[] allSeeds, int from, int to, Progress progress, AtomicBoolean abandoned) {
        int[][] prompts = new int[to - from][];
        for (int b = from; b < to; b++) {
            prompts[b - from] = allPrompts.apply(b);
        }
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
        SplittableRandom[] random = new SplittableRandom[batch];
        List<List<Integer>> out = new ArrayList<>();
        for (int b = 0; b < batch; b++) {
            random[b] = new SplittableRandom(seeds[b]);
            out.add(new ArrayList<>());
        }
        boolean[] done = new boolean[batch];
        int remaining = batch;
        // with guidance, the cache holds each sequence twice: rows 0..batch-1 after their own prompts, rows
        // batch..2 batch-1 after the next distinct prompt, fed the same tokens; one model call serves both
        boolean guided = guidance > 0 && distinct.size() > 1;
        int rows = guided ? 2 * batch : batch;
        int[] cacheRows = Arrays.copyOf(source, rows);
        for (int b = batch; b < rows; b++) {
            cacheRows[b] = (source[b - batch] + 1) % distinct.size();
        }
        try (KvCache cache = model.newCache(distinct.size()); NDManager m = model.newManager()) {
            float[][] distinctLogits = toRows(prefill(m, cache, distinct), distinct.size());
            float[][] logits = new float[rows][];
            for (int b = 0; b < rows; b++) {
                logits[b] = distinctLogits[cacheRows[b]].clone();
            }
            if (distinct.size() < rows) {
                cache.keep(cacheRows);
            }
            while (remaining > 0 && !abandoned.get()) {
                progress.checkCanceled();
                int[][] feed = new int[rows][];
                int width = 1;
                for (int b = 0; b < batch; b++) {
                    if (!done[b]) {
                        // guided where the configured temperature applies (the Synthesizer's numbers); a token
                        // with a temperature of its own (a label, a column with few values) keeps its distribution
                        float[] l = guided && Double.isNaN(constraints.get(b).temperature())
                                ? guided(logits[b], logits[batch + b]) : logits[b];
                        feed[b] = decide(l, constraints.get(b), random[b], out.get(b));
                        if (feed[b] == null || out.get(b).size() >= config.maxNewTokens()) {
                            done[b] = true; // ended, or cut off at the token limit
                            remaining--;
                        }
                    }
                    if (done[b]) {
                        feed[b] = new int[] {endToken}; // a finished sequence idles along
                    }
                    width = Math.max(width, feed[b].length);
                }
                if (remaining == 0) {
                    break;
                }
                for (int b = batch; b < rows; b++) {
                    feed[b] = feed[b - batch];
                }
                logits = toRows(extend(m, cache, feed, width), rows);
            }
        }
        List<int[]> result = new ArrayList<>(batch);
        for (List<Integer> tokens : out) {
            result.add(tokens.stream().mapToInt(Integer::intValue).toArray());
        }
        return result;
    }

    /** The logits a guided sequence draws from: its own, moved away from those after the other prompt. */
    private float[] guided(float[] own, float[] other) {
        float[] l = new float[own.length];
        for (int v = 0; v < l.length; v++) {
            l[v] = (float) (own[v] + guidance * (own[v] - other[v]));
        }
        return l;
    }

    /**
     * Chooses sequence {@code b}'s next token from its logits and takes the forced tokens after it
     * ({@link DecodingConstraint#forcedToken}: a key of a row, the end of a row) without asking the
     * model, each advancing the random stream as its draw would have; so a row comes out as it would
     * token by token wherever the model would have taken the forced token (it spells the text every
     * training row has there), in about half the decoding steps. Appends the tokens to {@code out} (at
     * most {@link SamplingConfig#maxNewTokens} there) and returns those to feed, or null when the
     * sequence has ended.
     */
    private int[] decide(float[] logits, DecodingConstraint constraint, SplittableRandom random, List<Integer> out) {
        int token = sampler.sample(logits, constraint.allowed(), random,
                sampler.effectiveTemperature(constraint.temperature()));
        constraint.accept(token);
        if (token == endToken) {
            return null;
        }
        out.add(token);
        int[] feed = {token};
        for (int forced = constraint.forcedToken(); forced >= 0 && out.size() < config.maxNewTokens();
                forced = constraint.forcedToken()) {
            sampler.skip(constraint.allowed().cardinality(), random,
                    sampler.effectiveTemperature(constraint.temperature()));
            constraint.accept(forced);
            if (forced == endToken) {
                return null;
            }
            out.add(forced);
            feed = Arrays.copyOf(feed, feed.length + 1);
            feed[feed.length - 1] = forced;
        }
        return feed;
    }

    /**
     * Feeds each sequence its tokens of this step: one each as a plain decoding step, or, where some
     * take forced tokens along, as one extension of {@code width} columns in which the shorter feeds
     * are padded (padding stays masked out of attention and takes no position).
     */
    private NDArray extend(NDManager m, KvCache cache, int[][] feed, int width) {
        if (width > 1) {
            return extendPadded(m, cache, Arrays.asList(feed), 0, width);
        }
        int[] next = new int[feed.length];
        for (int b = 0; b < feed.length; b++) {
            next[b] = feed[b][0];
        }
        return model.step(m, cache, next);
    }

    /**
     * Feeds columns {@code from} (inclusive) to {@code to} (exclusive) of every row into {@code cache}, a row
     * that ends before {@code to} padded with masked end tokens; returns the logits at each row's last
     * token among them.
     */
    private NDArray extendPadded(NDManager m, KvCache cache, List<int[]> rows, int from, int to) {
        int[][][] slice = padded(rows, from, to);
        return model.prefill(m, cache, slice[0], slice[1]);
    }

    /** As {@link #extendPadded}, for a slice whose logits nobody reads. */
    private void fillPadded(KvCache cache, List<int[]> rows, int from, int to) {
        int[][][] slice = padded(rows, from, to);
        model.fill(cache, slice[0], slice[1]);
    }

    /** {ids, mask} of columns {@code from} to {@code to} of every row, padded with masked end tokens. */
    private int[][][] padded(List<int[]> rows, int from, int to) {
        int[][] ids = new int[rows.size()][to - from];
        int[][] mask = new int[rows.size()][to - from];
        for (int r = 0; r < rows.size(); r++) {
            int[] row = rows.get(r);
            int real = Math.max(0, Math.min(to, row.length) - from);
            Arrays.fill(ids[r], endToken);
            System.arraycopy(row, from, ids[r], 0, real);
            Arrays.fill(mask[r], 0, real, 1);
        }
        return new int[][][] {ids, mask};
    }

    /**
     * Prompt columns fed to the model at a time. Attention over a whole German credit prompt (about 245
     * tokens, 16 prompts) writes scores of some 15 MB a layer, far beyond the core's cache, and computes
     * the masked upper half as well; in slices of 64 columns the scores stay small and each slice only
     * attends to the columns before it: prefill took 24 % less time, with the same sampled rows.
     */
    static final int PREFILL_CHUNK = 64;

    /**
     * Prefills the prompts, right-padded, in slices of {@link #PREFILL_CHUNK} columns; every slice but the
     * last ends before the shortest prompt does, so each holds a real token of every prompt (the last one
     * holds every prompt's last token, whose logits are returned).
     */
    private NDArray prefill(NDManager m, KvCache cache, List<int[]> prompts) {
        int shortest = Integer.MAX_VALUE;
        int longest = 0;
        for (int[] p : prompts) {
            shortest = Math.min(shortest, p.length);
            longest = Math.max(longest, p.length);
        }
        int start = 0;
        for (; start + PREFILL_CHUNK < shortest; start += PREFILL_CHUNK) {
            fillPadded(cache, prompts, start, start + PREFILL_CHUNK);
        }
        return extendPadded(m, cache, prompts, start, longest);
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
