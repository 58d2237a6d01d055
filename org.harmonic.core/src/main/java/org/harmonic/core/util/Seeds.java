package org.harmonic.core.util;

/**
 * Every seed the project derives from a job's seed, in one place. Each random stream (prompt
 * anchors, held-out rows, a metric's subsample, ...) has its own named derivation here, so that a
 * new stream is added where the existing ones can be seen (and does not reuse one by accident),
 * and a reader finds what a seed feeds without searching for salts.
 *
 * <p>The formulas are the ones each stream has always used: changing one would change every
 * table, generator and metric made with a given seed (and the reference preset's prompts are
 * fixed by method.md B 3.6). Streams of different jobs may share a formula (prompt anchors and
 * DCR's random table: an instruction job and an evaluation never draw from one stream).
 */
public final class Seeds {

    private Seeds() {
    }

    /** The {@code i}-th of a family of seeds (epochs of a shuffle, trees of a forest, candidates of a synthesis). */
    public static long nth(long seed, long i) {
        return seed * 1_000_003L + i;
    }

    /**
     * MLE's repeat {@code r} (counting from 0) of its whole protocol: the evaluation seed plus r, so
     * repeat r alone is {@code --seed} seed + r and repeat 0 is the single run's protocol.
     */
    public static long mleRepeat(long seed, int r) {
        return seed + r;
    }

    /**
     * The KNN Instruction Builder's generation prompts: the order of their anchor rows, then each
     * prompt's point between its anchor and one of the anchor's neighbours.
     */
    public static long promptAnchors(long seed) {
        return seed ^ 0x5DEECE66DL;
    }

    /** The reference's prompt {@code p}: numpy's {@code RandomState(seed + p)} (method.md B 3.6). */
    public static long referencePrompt(long seed, int p) {
        return seed + p;
    }

    /** The Synthesizer's {@code round}-th set of generation prompts (a new set when one is used up). */
    public static long promptRound(long seed, int round) {
        return seed + 7919L * round;
    }

    /**
     * PyTorch's global generator at the start of a training: its dropout masks (LoRA's). An int,
     * as DJL takes it.
     */
    public static int dropout(long seed) {
        return Long.hashCode(seed * 31L + 0x44524F50L); // "DROP"
    }

    /** Instructions held out from training for the stopping rule. */
    public static long heldOutRows(long seed) {
        return seed * 31 + 0x4E1D0L;
    }

    /** DP stage 1's random table with the public schema. */
    public static long formatLearningTable(long seed) {
        return seed ^ 0x2545F4914F6CDD1DL;
    }

    /** The initial values of one weight tensor of a model from scratch (one stream per tensor name). */
    public static long weightInit(long seed, String tensor) {
        return seed * 0x9E3779B97F4A7C15L + tensor.hashCode();
    }

    /** Part {@code index} of a job split into parts (SplittableRandom's mixing: neighbouring parts unrelated). */
    public static long chunk(long seed, int index) {
        return new java.util.SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (index + 1))).nextLong();
    }

    /** A metric's subsample of the synthetic rows (the real rows' subsample uses the seed itself). */
    public static long syntheticSample(long seed) {
        return seed + 1;
    }

    /** DCR's uniform random baseline table. */
    public static long randomBaselineTable(long seed) {
        return seed ^ 0x5DEECE66DL;
    }

    /** LLE's subsample of the test rows. */
    public static long lleTestRows(long seed) {
        return seed + 29;
    }

    /** LLE's subsample of the rows a classifier trains on. */
    public static long lleTrainingRows(long seed) {
        return seed + 17;
    }

    /**
     * LLE's classifier, training {@code attempt}: 0 is the evaluation seed itself; 1, 2, ... the
     * trainings after one that learned only the label's share.
     */
    public static long lleClassifier(long seed, int attempt) {
        return attempt == 0 ? seed : nth(seed, attempt);
    }

    /**
     * The training seed of candidate {@code candidate} of a fit that chooses among several trainings
     * ({@code --candidates}): 0 is the job's seed itself, so the first candidate is the training one
     * candidate would give; the held-out instructions stay the job seed's for all of them.
     */
    public static long candidateTraining(long seed, int candidate) {
        return candidate == 0 ? seed : nth(seed, candidate);
    }
}
