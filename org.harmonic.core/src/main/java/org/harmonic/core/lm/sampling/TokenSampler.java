package org.harmonic.core.lm.sampling;

import java.util.Arrays;
import java.util.BitSet;
import java.util.SplittableRandom;

/**
 * Draws one token from logits: tokens outside {@code allowed} are removed first (the Synthesizer's
 * logits mask), then temperature, top-k and top-p shape the distribution, as Hugging Face's
 * sampling does (in that order). Greedy when the temperature is 0.
 */
public final class TokenSampler {
    private final SamplingConfig config;

    public TokenSampler(SamplingConfig config) {
        if (Double.isNaN(config.temperature())) {
            throw new IllegalArgumentException("the automatic temperature must be chosen before sampling");
        }
        this.config = config;
    }

    /**
     * @param logits  next-token logits (not modified)
     * @param allowed tokens that may be drawn, or null for all
     * @param random  the sequence's random source
     */
    public int sample(float[] logits, BitSet allowed, SplittableRandom random) {
        return sample(logits, allowed, random, config.temperature());
    }

    /**
     * Advances {@code random} as {@link #sample(float[], BitSet, SplittableRandom, double)} would have when
     * drawing from {@code allowedCount} tokens, without drawing: a sequence whose next token is forced keeps
     * the random stream it would have had if the model had been asked and had chosen that token.
     */
    public void skip(int allowedCount, SplittableRandom random, double temperature) {
        if (allowedCount > 1 && temperature != 0) {
            random.nextDouble();
        }
    }

    /** The configured temperature, or {@code temperature} where it is a number. */
    public double effectiveTemperature(double temperature) {
        return Double.isNaN(temperature) ? config.temperature() : temperature;
    }

    /** As {@link #sample(float[], BitSet, SplittableRandom)} with {@code temperature} instead of the configured one. */
    public int sample(float[] logits, BitSet allowed, SplittableRandom random, double temperature) {
        int[] candidates = allowed == null ? null : allowed.stream().toArray();
        int n = candidates == null ? logits.length : candidates.length;
        if (n == 0) {
            throw new IllegalArgumentException("no token is allowed");
        }
        if (n == 1) {
            return candidates == null ? 0 : candidates[0];
        }
        int[] ids = new int[n];
        double[] scores = new double[n];
        for (int i = 0; i < n; i++) {
            ids[i] = candidates == null ? i : candidates[i];
            scores[i] = logits[ids[i]];
        }
        if (temperature == 0) {
            int best = 0;
            for (int i = 1; i < n; i++) {
                if (scores[i] > scores[best]) {
                    best = i;
                }
            }
            return ids[best];
        }
        // sort candidates by score, descending (stable on id for determinism)
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> scores[a] != scores[b] ? Double.compare(scores[b], scores[a])
                : Integer.compare(ids[a], ids[b]));
        int keep = config.topK() > 0 ? Math.min(n, config.topK()) : n;
        double max = scores[order[0]];
        double[] p = new double[keep];
        double total = 0;
        for (int i = 0; i < keep; i++) {
            p[i] = Math.exp((scores[order[i]] - max) / temperature);
            total += p[i];
        }
        if (config.topP() < 1) {
            double cumulative = 0;
            int cut = keep;
            for (int i = 0; i < keep; i++) {
                cumulative += p[i] / total;
                if (cumulative >= config.topP()) {
                    cut = i + 1;
                    break;
                }
            }
            keep = cut;
            total = 0;
            for (int i = 0; i < keep; i++) {
                total += p[i];
            }
        }
        double u = random.nextDouble() * total;
        for (int i = 0; i < keep; i++) {
            u -= p[i];
            if (u <= 0) {
                return ids[order[i]];
            }
        }
        return ids[order[keep - 1]];
    }
}
