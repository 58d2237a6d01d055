package org.harmonic.core.lm.train;

/**
 * A training that ends when it has learned: warm-up, a stable phase, then a decay. After the linear
 * warm-up the learning rate stays at its peak while the held-out loss improves; once it has not improved
 * for the stopping rule's patience, the rate decays (cosine, to a hundredth of the peak) over
 * {@code annealShare} of the steps done so far, and training ends there. A held-out loss that keeps
 * improving starts the decay at the last point that still fits the cap, the steps the epochs plan
 * ({@code cap / (1 + annealShare)}): the epochs are the most a training takes.
 *
 * <p>Why not the best held-out weights: the held-out likelihood peaks before the links between
 * columns are as sharp as classifiers reward (docs/quality.md, run 2), and stopping at a high rate
 * keeps noisy weights; a decay after the plateau gives the sharpening of a full schedule. Measured on
 * German credit and Diabetes (docs/quality.md section 16): the plateau comes after 600-1,000 steps and
 * training ends after 1,650-2,250, about where the former fixed plan of 2,000 steps ended.
 *
 * <p>One per training (it keeps the decision); not resumable from a checkpoint, whose state does not
 * hold it (a resumed run decides afresh).
 */
final class LearnedLength {
    /**
     * The share of the peak the decay ends at: a hundredth, where the planned schedules end at a tenth
     * ({@link LearningRateSchedule#MIN_RATIO}). Measured against a tenth (docs/quality.md sections 33-34): column
     * shapes +0.004 to +0.006 and pair trends higher on German and Diabetes, MLE level or higher (German +0.040
     * over 12 tables, Diabetes +0.004 over 20, bank marketing -0.007 over 9).
     */
    static final double DECAY_END = 0.01;
    private final double peak;
    /** The warm-up: a schedule whose decay never starts. */
    private final LearningRateSchedule warmup;
    private final int forecast;
    private final int cap;
    /** The latest step the decay may start at and still end within the cap. */
    private final int latestDecayStart;
    private final double annealShare;
    private final int minDecay;
    private int decayStart = -1;
    private int total;
    private boolean learned;
    /** The decay, once decided: the Trainer's cosine schedule from its start to its end. */
    private LearningRateSchedule decay;

    /**
     * @param peak        peak learning rate
     * @param warmupRatio share of the cap spent warming up
     * @param cap         most steps: those the epochs plan
     * @param annealShare length of the decay as a share of the steps before it
     * @param minDecay    fewest decay steps
     */
    LearnedLength(double peak, double warmupRatio, int cap, double annealShare, int minDecay) {
        this.peak = peak;
        this.cap = Math.max(1, cap);
        this.forecast = forecast(this.cap, annealShare);
        int warmupSteps = (int) Math.round(warmupRatio * this.cap);
        this.warmup = new LearningRateSchedule(peak, warmupSteps, warmupSteps, LearningRateSchedule.MIN_RATIO);
        this.latestDecayStart = (int) Math.round(this.cap / (1 + annealShare));
        this.annealShare = annealShare;
        this.minDecay = minDecay;
        this.total = cap;
    }

    /**
     * The length progress is shown against until the plateau is known: halfway between the latest decay
     * start, about where small tables end (German credit and Diabetes: 1,650-2,250 of 3,000 steps), and the
     * cap, where a large table whose held-out loss keeps falling ends (bank-full: 3,000), so that the ETA
     * errs by about a sixth either way.
     */
    static int forecast(int cap, double annealShare) {
        return (int) Math.max(1, Math.round(cap * (1 + 1 / (1 + annealShare)) / 2));
    }

    /** Most steps this training can take: the plan of batches must cover them. */
    int cap() {
        return cap;
    }

    /** Steps the training ends after: the cap until the decay is decided. */
    int total() {
        return total;
    }

    /** True once the decay has started. */
    boolean decaying() {
        return decayStart >= 0;
    }

    /** True when the held-out loss's plateau started the decay (false: the cap did). */
    boolean learned() {
        return learned;
    }

    /** The step the decay starts at, or -1 before it is decided. */
    int decayStart() {
        return decayStart;
    }

    /** Call before each step: starts the decay at the latest point that still ends within the cap. */
    void beforeStep(int step) {
        if (decayStart < 0 && step >= latestDecayStart) {
            decide(step, cap);
        }
    }

    /** The learning rate of {@code step}. */
    double rate(int step) {
        if (step < warmup.warmupSteps()) {
            return warmup.at(step);
        }
        return decay == null || step < decayStart ? peak : decay.at(step - decayStart);
    }

    private void decide(int start, int end) {
        decayStart = start;
        total = end;
        decay = new LearningRateSchedule(peak, 0, end - start, DECAY_END);
    }

    /**
     * The held-out loss has stopped improving after {@code stepsDone} steps: the decay starts with the next
     * step and lasts {@code annealShare} of them (at least {@code minDecay}, within the cap).
     *
     * @return false when the decay had already started
     */
    boolean plateau(int stepsDone) {
        if (decayStart >= 0) {
            return false;
        }
        decide(stepsDone, (int) Math.min(cap, stepsDone + Math.max(minDecay, Math.round(annealShare * stepsDone))));
        learned = true;
        return true;
    }

    /**
     * The length to show progress against after {@code stepsDone} steps: the forecast while undecided (or,
     * once more, the least the training can still take), the decided total after. Progress against it
     * never moves back: {@code stepsDone / (stepsDone (1 + annealShare) + 1)} rises with every step, and a
     * decision ends no later than that.
     */
    double expectedTotal(int stepsDone) {
        if (decayStart >= 0) {
            return total;
        }
        return Math.min(cap, Math.max(forecast, stepsDone * (1 + annealShare) + 1));
    }
}
