package org.harmonic.core.lm.sampling;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import org.harmonic.core.lm.DjlRuntime;
import org.harmonic.core.lm.model.CausalLm;
import org.harmonic.core.lm.model.KvCache;
import org.harmonic.core.util.Progress;

/**
 * Batched sampling with a KV cache: the prompts are prefilled once (right-padded), then every
 * step feeds one token per sequence. Each sequence has its own random stream (so results do not
 * depend on the batch it was in) and its own {@link DecodingConstraint}.
 */
public final class BatchSampler {
    /** libtorch threads while decoding; see {@link DjlRuntime#setIntraOpThreads}. */
    private static final int DECODE_THREADS = Integer.getInteger("harmonic.decode.threads", 1);
    private final CausalLm model;
    private final TokenSampler sampler;
    private final SamplingConfig config;
    private final int endToken;

    public BatchSampler(CausalLm model, SamplingConfig config, int endToken) {
        this.model = model;
        this.sampler = new TokenSampler(config);
        this.config = config;
        this.endToken = endToken;
    }

    /**
     * Generates a continuation of every prompt, up to and excluding the end token.
     *
     * @param prompts     token ids of each prompt
     * @param constraints one per prompt ({@link DecodingConstraint#NONE} for free text)
     * @param seeds       one random seed per prompt
     */
    public List<int[]> generate(int[][] prompts, List<? extends DecodingConstraint> constraints, long[] seeds,
            Progress progress) {
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
        int threads = DjlRuntime.setIntraOpThreads(DECODE_THREADS);
        try (KvCache cache = model.newCache(distinct.size()); NDManager m = model.newManager()) {
            float[][] distinctLogits = toRows(model.prefill(m, cache, ids, mask), distinct.size());
            float[][] logits = new float[batch][];
            for (int b = 0; b < batch; b++) {
                logits[b] = distinctLogits[source[b]].clone();
            }
            if (distinct.size() < batch) {
                cache.keep(source);
            }
            for (int step = 0; step < config.maxNewTokens() && remaining > 0; step++) {
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
        } finally {
            DjlRuntime.setIntraOpThreads(threads);
        }
        List<int[]> result = new ArrayList<>(batch);
        for (List<Integer> tokens : out) {
            result.add(tokens.stream().mapToInt(Integer::intValue).toArray());
        }
        return result;
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
