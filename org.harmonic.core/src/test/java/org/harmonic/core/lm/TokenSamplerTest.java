package org.harmonic.core.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.BitSet;
import java.util.SplittableRandom;

import org.harmonic.core.lm.sampling.SamplingConfig;
import org.harmonic.core.lm.sampling.TokenSampler;
import org.harmonic.core.lm.train.LearningRateSchedule;
import org.junit.jupiter.api.Test;

class TokenSamplerTest {
    private final float[] logits = {2.0f, 1.0f, 0.5f, 3.0f, -1.0f};

    @Test
    void greedyTakesTheBestAllowedToken() {
        TokenSampler greedy = new TokenSampler(new SamplingConfig(0, 0, 1, 10));
        assertEquals(3, greedy.sample(logits, null, new SplittableRandom(1)));
        BitSet allowed = new BitSet();
        allowed.set(1);
        allowed.set(2);
        assertEquals(1, greedy.sample(logits, allowed, new SplittableRandom(1)));
    }

    @Test
    void frequenciesFollowTheSoftmaxAtTemperatureOne() {
        TokenSampler sampler = new TokenSampler(new SamplingConfig(1, 0, 1, 10));
        SplittableRandom random = new SplittableRandom(7);
        int[] counts = new int[logits.length];
        int n = 200_000;
        for (int i = 0; i < n; i++) {
            counts[sampler.sample(logits, null, random)]++;
        }
        double z = 0;
        for (float l : logits) {
            z += Math.exp(l);
        }
        for (int t = 0; t < logits.length; t++) {
            assertEquals(Math.exp(logits[t]) / z, (double) counts[t] / n, 0.005, "token " + t);
        }
    }

    @Test
    void aTemperatureGivenForOneTokenOverridesTheConfiguredOne() {
        // configured 1; asked for 0.5 the frequencies follow softmax(2 x logits)
        TokenSampler sampler = new TokenSampler(new SamplingConfig(1, 0, 1, 10));
        SplittableRandom random = new SplittableRandom(11);
        int[] counts = new int[logits.length];
        int n = 200_000;
        for (int i = 0; i < n; i++) {
            counts[sampler.sample(logits, null, random, 0.5)]++;
        }
        double z = 0;
        for (float l : logits) {
            z += Math.exp(2 * l);
        }
        for (int t = 0; t < logits.length; t++) {
            assertEquals(Math.exp(2 * logits[t]) / z, (double) counts[t] / n, 0.005, "token " + t);
        }
        assertEquals(3, sampler.sample(logits, null, random, 0), "0: greedy");
    }

    @Test
    void topKAndTopPCutTheTail() {
        SplittableRandom random = new SplittableRandom(3);
        TokenSampler topK = new TokenSampler(new SamplingConfig(1, 2, 1, 10));
        TokenSampler topP = new TokenSampler(new SamplingConfig(1, 0, 0.5, 10));
        for (int i = 0; i < 2000; i++) {
            int k = topK.sample(logits, null, random);
            assertTrue(k == 3 || k == 0, "top-2 only: " + k);
            assertEquals(3, topP.sample(logits, null, random), "token 3 alone carries > 50 %");
        }
    }

    @Test
    void scheduleWarmsUpThenDecaysToTheFloor() {
        LearningRateSchedule s = new LearningRateSchedule(1e-3, 10, 110, 0.1);
        assertEquals(1e-4, s.at(0), 1e-12);
        assertEquals(1e-3, s.at(9), 1e-12);
        assertEquals(0.55e-3, s.at(60), 1e-9);
        assertEquals(1e-4, s.at(110), 1e-12);
        assertTrue(s.at(30) > s.at(80));
    }

    /** A skipped draw leaves the random stream where sampling from as many tokens would have. */
    @Test
    void skippingADrawAdvancesTheStreamAsSamplingWould() {
        TokenSampler sampler = new TokenSampler(new SamplingConfig(1, 0, 1, 10));
        BitSet two = new BitSet();
        two.set(0);
        two.set(3);
        SplittableRandom sampled = new SplittableRandom(5);
        SplittableRandom skipped = new SplittableRandom(5);
        sampler.sample(logits, two, sampled);
        sampler.skip(2, skipped, sampler.effectiveTemperature(Double.NaN));
        assertEquals(sampled.nextLong(), skipped.nextLong());
        BitSet one = new BitSet();
        one.set(2);
        sampler.sample(logits, one, sampled); // a single allowed token is no draw
        sampler.skip(1, skipped, 1.0);
        sampler.sample(logits, two, sampled, 0); // nor is greedy decoding
        sampler.skip(2, skipped, 0);
        assertEquals(sampled.nextLong(), skipped.nextLong());
    }
}
