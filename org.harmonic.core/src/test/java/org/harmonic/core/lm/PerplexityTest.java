package org.harmonic.core.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import ai.djl.Device;

import org.harmonic.core.lm.model.CausalLm;
import org.harmonic.core.util.CanceledException;
import org.harmonic.core.util.HarmonicInputException;
import org.harmonic.core.util.Progress;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Batched, padded perplexity equals the NLL computed from one sequence's raw logits. */
class PerplexityTest {
    private static CausalLm model;

    @BeforeAll
    static void model() {
        // untied Llama, GQA; large init so the distribution is far from uniform
        ModelConfig config = new ModelConfig("llama", 40, 32, 2, 4, 2, 64, 64, 1e-6, 10000, false, false, -1, -1);
        model = CausalLm.random(config, 7, Device.cpu());
    }

    @AfterAll
    static void close() {
        model.close();
    }

    private static int[] tokens(Random random, int n) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = random.nextInt(40);
        }
        return out;
    }

    @Test
    void batchedScoresEqualADirectComputationFromForwardLogits() {
        Random random = new Random(3);
        List<Perplexity.Span> spans = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            spans.add(new Perplexity.Span(tokens(random, 1 + random.nextInt(12)), tokens(random, 1 + random.nextInt(9))));
        }
        // batch of 3: different lengths are padded together, in sorted order
        List<Perplexity.Score> scores = new Perplexity(model, 3).score(spans, Progress.none());
        for (int i = 0; i < spans.size(); i++) {
            Perplexity.Span s = spans.get(i);
            Perplexity.Score score = scores.get(i);
            assertEquals(s.span().length, score.tokens());
            double direct = DirectNll.perplexity(model, s.prefix(), s.span());
            assertEquals(direct, score.perplexity(), 1e-5 * direct, "span " + i);
            assertEquals(Math.log(direct), score.meanNats(), 1e-5);
            // the reference's variant: 2^mean_nats, so log2 PPL_ref = ln PPL
            assertEquals(Math.log(score.perplexity()), Math.log(score.perplexity(Perplexity.Base.REFERENCE_BASE2))
                    / Math.log(2), 1e-9);
        }
    }

    @Test
    void withoutAPrefixTheFirstTokenIsContextOnly() {
        int[] span = tokens(new Random(5), 10);
        Perplexity.Score score = new Perplexity(model, 4).score(List.of(new Perplexity.Span(new int[0], span)),
                Progress.none()).get(0);
        assertEquals(9, score.tokens());
        assertEquals(DirectNll.sum(model, span, 1), score.totalNats(), 1e-4);
    }

    @Test
    void longPrefixesLoseTheirBeginning() {
        Random random = new Random(9);
        int[] prefix = tokens(random, 100); // context is 64 positions
        int[] span = tokens(random, 4);
        Perplexity.Score score = new Perplexity(model, 2).score(List.of(new Perplexity.Span(prefix, span)),
                Progress.none()).get(0);
        int[] kept = java.util.Arrays.copyOfRange(prefix, 100 - 60, 100);
        assertEquals(DirectNll.perplexity(model, kept, span), score.perplexity(), 1e-5 * score.perplexity());
        assertThrows(HarmonicInputException.class, () -> new Perplexity(model, 2)
                .score(List.of(new Perplexity.Span(prefix, tokens(random, 65))), Progress.none()));
    }

    @Test
    void reportsProgressAndHonoursCancel() {
        List<Double> fractions = new ArrayList<>();
        Progress recording = new Progress() {
            @Override
            public void report(double fraction, String message) {
                fractions.add(fraction);
            }

            @Override
            public boolean isCanceled() {
                return fractions.size() >= 2;
            }
        };
        Random random = new Random(1);
        List<Perplexity.Span> spans = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            spans.add(new Perplexity.Span(tokens(random, 5), tokens(random, 3)));
        }
        assertThrows(CanceledException.class, () -> new Perplexity(model, 2).score(spans, recording));
        assertEquals(2, fractions.size());
        assertTrue(fractions.get(1) > fractions.get(0));
        assertEquals(Perplexity.Base.REFERENCE_BASE2, Perplexity.Base.parse("reference"));
        assertThrows(HarmonicInputException.class, () -> Perplexity.Base.parse("ten"));
    }
}
