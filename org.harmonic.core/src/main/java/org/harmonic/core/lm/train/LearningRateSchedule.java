package org.harmonic.core.lm.train;

/**
 * Linear warm-up to the peak learning rate, then cosine decay to {@code minRatio} of it
 * (nanoGPT's schedule), as a pure function of the optimizer step.
 */
public record LearningRateSchedule(double peak, int warmupSteps, int totalSteps, double minRatio) {

    /**
     * The share of the peak a planned schedule's decay ends at (a pretrained base, DP, {@code --patience 0}); a
     * training that ends when it has learned decays lower, to {@code LearnedLength.DECAY_END}.
     */
    public static final double MIN_RATIO = 0.1;

    public double at(int step) {
        if (warmupSteps > 0 && step < warmupSteps) {
            return peak * (step + 1) / warmupSteps;
        }
        if (totalSteps <= warmupSteps) {
            return peak;
        }
        double progress = Math.min(1.0, (double) (step - warmupSteps) / (totalSteps - warmupSteps));
        double cosine = 0.5 * (1 + Math.cos(Math.PI * progress));
        return peak * (minRatio + (1 - minRatio) * cosine);
    }
}
