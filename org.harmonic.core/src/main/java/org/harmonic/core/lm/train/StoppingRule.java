package org.harmonic.core.lm.train;

import org.harmonic.core.util.HarmonicInputException;

/**
 * When training ends: when it has learned (held-out instructions), or by a wall-clock budget. Every
 * {@code evalEvery} optimizer steps the Trainer scores the held-out instructions' answers (mean
 * answer-token NLL, the quantity the Synthesizer samples from). When {@code patience} evaluations in a
 * row bring no improvement, the held-out loss has reached its plateau: with {@code annealShare} above 0
 * the learning rate, held at its peak until then, decays over that share of the steps so far and
 * training ends there, keeping the last weights ({@link LearnedLength}); with 0 training stops at once
 * and restores the weights of the best evaluation. The budget ends training at the first step past
 * {@code maxMinutes}, keeping the best evaluated weights. {@code maxSteps} caps the plan itself (the
 * learning-rate schedule decays to it), so a large table trains a bounded number of steps whatever
 * its epochs.
 *
 * @param heldOutShare share of the instructions held out for the evaluation (the FineTuner takes at
 *                     most {@link #MAX_HELD_OUT}); 0 = no evaluation
 * @param evalEvery    optimizer steps between evaluations
 * @param patience     evaluations without improvement that mark the plateau (then the decay, or the stop);
 *                     0 = no evaluation: nothing is held out, every planned step runs and the last weights
 *                     are kept
 * @param maxMinutes   wall-clock training budget in minutes; 0 = none
 * @param maxSteps     most optimizer steps planned, whatever the epochs; 0 = no cap
 * @param annealShare  after the plateau, decay the rate over this share of the steps so far (the stable phase
 *                     may then run past the epochs' plan, to at most (1 + annealShare) times it); 0 = stop at
 *                     the plateau and restore the best weights
 */
public record StoppingRule(double heldOutShare, int evalEvery, int patience, double maxMinutes, int maxSteps,
        double annealShare) {

    /** Stop at the plateau (no decay after it). */
    public StoppingRule(double heldOutShare, int evalEvery, int patience, double maxMinutes, int maxSteps) {
        this(heldOutShare, evalEvery, patience, maxMinutes, maxSteps, 0);
    }

    /** No step cap; stop at the plateau. */
    public StoppingRule(double heldOutShare, int evalEvery, int patience, double maxMinutes) {
        this(heldOutShare, evalEvery, patience, maxMinutes, 0);
    }

    /** Most instructions held out: enough for a stable mean, few enough to evaluate in seconds. */
    public static final int MAX_HELD_OUT = 64;

    public StoppingRule {
        if (!(heldOutShare >= 0 && heldOutShare < 0.5)) {
            throw new HarmonicInputException("the held-out share must lie in [0, 0.5), got " + heldOutShare);
        }
        if (evalEvery < 1) {
            throw new HarmonicInputException("the evaluation interval must be at least 1 step, got " + evalEvery);
        }
        if (patience < 0) {
            throw new HarmonicInputException("the early-stopping patience must be 0 or more, got " + patience);
        }
        if (!(maxMinutes >= 0) || Double.isInfinite(maxMinutes)) {
            throw new HarmonicInputException("--max-minutes must be 0 (no limit) or a positive number of minutes, got "
                    + maxMinutes);
        }
        if (!(annealShare >= 0 && annealShare <= 10)) {
            throw new HarmonicInputException("the decay after the held-out plateau must last 0 to 10 times the steps "
                    + "before it, got " + annealShare);
        }
        if (maxSteps < 0) {
            throw new HarmonicInputException("--max-steps must be 0 (no cap) or a positive number of steps, got "
                    + maxSteps);
        }
    }

    /** {@code planned} optimizer steps under the cap. */
    public int capSteps(int planned) {
        return maxSteps > 0 ? Math.min(planned, maxSteps) : planned;
    }

    /** Run every planned step: no evaluation, no budget (the reference's training). */
    public static StoppingRule none() {
        return new StoppingRule(0, 100, 0, 0);
    }

    public boolean evaluates() {
        return heldOutShare > 0 && patience > 0;
    }

    /** True when the held-out plateau starts a decay (rather than stopping at the best weights). */
    public boolean anneals() {
        return evaluates() && annealShare > 0;
    }

    /** Instructions to hold out of {@code examples}: the share, at least 8 and at most {@link #MAX_HELD_OUT}; 0 for tiny sets. */
    public int heldOutCount(int examples) {
        if (!evaluates() || examples < 40) {
            return 0;
        }
        return (int) Math.min(MAX_HELD_OUT, Math.max(8, Math.round(heldOutShare * examples)));
    }

    public StoppingRule withMaxMinutes(double value) {
        return new StoppingRule(heldOutShare, evalEvery, patience, value, maxSteps, annealShare);
    }

    public StoppingRule withMaxSteps(int value) {
        return new StoppingRule(heldOutShare, evalEvery, patience, maxMinutes, value, annealShare);
    }
}
