package org.harmonic.core.lm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import org.harmonic.core.lm.model.CausalLm;
import org.harmonic.core.util.HarmonicInputException;
import org.harmonic.core.util.Progress;

/**
 * Scores a span of tokens after a prefix with a causal language model, without gradients: the
 * negative log-likelihood (natural log) of every span token given everything before it,
 * <pre>
 *   nll_j   = -ln p(span_j | prefix, span_1 .. span_{j-1})
 *   meanNLL = (1/T) sum_j nll_j                     (T = span tokens scored)
 *   PPL     = exp(meanNLL)                          (the conventional perplexity)
 *   PPL_ref = 2^meanNLL                             (the reference's ppl.py: base 2 applied to
 *                                                    nats, method.md B 6.3 and bug 20)
 * </pre>
 * The caller puts the end-of-sequence token at the end of the span when it belongs to the answer
 * (as in training, method.md B 4.2). With an empty prefix the first span token has no context
 * and is not scored (the reference's {@code T - 1} tokens).
 *
 * <p>Sequences are sorted by length and batched under a logits budget (tokens x vocabulary), and
 * every batch runs in its own sub-manager that is closed before the next, so memory stays flat
 * for any number of rows. Prefixes longer than the model's context lose their beginning.
 */
public final class Perplexity {

    /** How a mean NLL in nats becomes a perplexity. */
    public enum Base {
        /** exp(mean NLL): the conventional definition (project default, method.md A.5). */
        E,
        /** 2^(mean NLL in nats): the reference implementation's ppl.py, available by name. */
        REFERENCE_BASE2;

        public double perplexity(double meanNats) {
            return this == E ? Math.exp(meanNats) : Math.pow(2, meanNats);
        }

        /** Parses {@code exp} / {@code e} or {@code reference} / {@code base2}. */
        public static Base parse(String text) {
            switch (text.trim().toLowerCase(Locale.ROOT)) {
                case "exp": case "e": return E;
                case "reference": case "base2": case "reference_base2": return REFERENCE_BASE2;
                default:
                    throw new HarmonicInputException("unknown perplexity base '" + text + "'; use exp (exp of the mean "
                            + "token NLL) or reference (the reference's 2^mean_nats)");
            }
        }
    }

    /** One item to score: token ids of the context and of the span whose likelihood is measured. */
    public record Span(int[] prefix, int[] span) {
        public Span {
            if (span.length == 0) {
                throw new IllegalArgumentException("empty span");
            }
        }
    }

    /**
     * Score of one span.
     *
     * @param totalNats sum of the token NLLs (natural log)
     * @param tokens    tokens scored
     */
    public record Score(double totalNats, int tokens) {

        public double meanNats() {
            return tokens == 0 ? 0 : totalNats / tokens;
        }

        /** exp(mean NLL). */
        public double perplexity() {
            return Base.E.perplexity(meanNats());
        }

        public double perplexity(Base base) {
            return base.perplexity(meanNats());
        }
    }

    /** Largest logits tensor of one batch, in floats (256 MB). */
    private static final long LOGITS_BUDGET = 64L << 20;

    private final CausalLm model;
    private final int maxBatch;

    /**
     * @param model    the model to score with (not closed here)
     * @param maxBatch most sequences per forward pass
     */
    public Perplexity(CausalLm model, int maxBatch) {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("batch size must be positive");
        }
        this.model = model;
        this.maxBatch = maxBatch;
    }

    /** Scores every span; results are in input order. */
    public List<Score> score(List<Span> items, Progress progress) {
        int n = items.size();
        Score[] out = new Score[n];
        int limit = model.config().maxPositions();
        int[][] sequences = new int[n][];
        int[] spanStart = new int[n];
        for (int i = 0; i < n; i++) {
            Span s = items.get(i);
            int keep = s.prefix().length;
            if (limit > 0 && keep + s.span().length > limit) {
                keep = limit - s.span().length;
                if (keep < 0) {
                    throw new HarmonicInputException("a span of " + s.span().length + " tokens does not fit the "
                            + "model's context of " + limit + " tokens");
                }
            }
            int[] seq = new int[keep + s.span().length];
            System.arraycopy(s.prefix(), s.prefix().length - keep, seq, 0, keep);
            System.arraycopy(s.span(), 0, seq, keep, s.span().length);
            sequences[i] = seq;
            spanStart[i] = Math.max(1, keep);
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingInt(i -> sequences[i].length));
        long vocab = model.config().vocabSize();
        int done = 0;
        int from = 0;
        while (from < n) {
            progress.checkCanceled();
            // longest member decides the padded length; the sort makes it the last one added
            int to = from;
            while (to < n && to - from < maxBatch
                    && (to == from || (long) (to - from + 1) * sequences[order[to]].length * vocab <= LOGITS_BUDGET)) {
                to++;
            }
            List<Integer> batch = new ArrayList<>(Arrays.asList(order).subList(from, to));
            scoreBatch(batch, sequences, spanStart, out);
            done += batch.size();
            progress.report((double) done / n, "perplexity " + done + "/" + n);
            from = to;
        }
        return Arrays.asList(out);
    }

    private void scoreBatch(List<Integer> batch, int[][] sequences, int[] spanStart, Score[] out) {
        int b = batch.size();
        int length = 0;
        for (int i : batch) {
            length = Math.max(length, sequences[i].length);
        }
        int[][] ids = new int[b][length];
        int[][] mask = new int[b][length];
        long[] next = new long[b * length];
        for (int r = 0; r < b; r++) {
            int[] seq = sequences[batch.get(r)];
            System.arraycopy(seq, 0, ids[r], 0, seq.length);
            for (int t = 0; t < length; t++) {
                mask[r][t] = t < seq.length ? 1 : 0;
                next[r * length + t] = t + 1 < seq.length ? seq[t + 1] : 0; // position t predicts token t+1
            }
        }
        float[] picked;
        try (NDManager m = model.newManager()) {
            NDArray logits = model.forward(m, ids, mask, false); // (B, T, V), no autograd
            NDArray logProbs = logits.logSoftmax(2);
            NDArray targets = m.create(next, new Shape(b, length, 1));
            picked = logProbs.gather(targets, 2).toFloatArray(); // (B, T, 1): ln p(token t+1)
        }
        for (int r = 0; r < b; r++) {
            int i = batch.get(r);
            int[] seq = sequences[i];
            double sum = 0;
            int count = 0;
            for (int j = spanStart[i]; j < seq.length; j++) {
                sum -= picked[r * length + j - 1];
                count++;
            }
            out[i] = new Score(sum, count);
        }
    }
}
