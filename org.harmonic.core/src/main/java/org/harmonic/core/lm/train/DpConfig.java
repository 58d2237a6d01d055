package org.harmonic.core.lm.train;

import org.harmonic.core.util.HarmonicInputException;

/**
 * Differentially private fine-tuning (DP-SGD, Abadi et al. 2016; two stages after DP-LLMTGen,
 * method.md A.6 and B 8).
 *
 * <p>What is protected: one <em>training example</em> (one instruction). A HARMONIC instruction
 * shows a target row and its k nearest rows, so one table row takes part in several
 * instructions; the guarantee per table row is the group guarantee over those instructions
 * (FineTuner records how many that is at most). The schema (column names, category sets,
 * numeric ranges and formats) and the number of rows are treated as public.
 *
 * @param epsilon         target epsilon; the noise multiplier is calibrated to spend at most this
 *                        (NaN when {@code noiseMultiplier} is given)
 * @param delta           delta; NaN for the default 1/n (FineTuner: n = rows of the private table;
 *                        the Trainer alone: n = training examples)
 * @param clipNorm        per-example gradient clipping norm C (may be infinite, only sensible
 *                        with noise 0 in tests)
 * @param noiseMultiplier sigma, the noise standard deviation in units of C; NaN to calibrate it
 *                        from {@code epsilon}
 * @param poisson         Poisson sampling (each example joins each step independently with
 *                        probability q = batch / n), which the accountant assumes; false for
 *                        shuffled fixed-size batches, the usual approximation (each example is
 *                        used exactly once per epoch; the accountant still treats it as Poisson)
 * @param stage1Epochs    epochs of non-private format learning on a random table with the real
 *                        table's schema before the private stage (0 for none)
 * @param valueWeight     alpha of the weighted loss: value tokens weigh alpha, format tokens
 *                        (keys, quotes, separators) 1 - alpha; NaN for the unweighted loss
 */
public record DpConfig(double epsilon, double delta, double clipNorm, double noiseMultiplier, boolean poisson,
        int stage1Epochs, double valueWeight) {

    public DpConfig {
        if (Double.isNaN(noiseMultiplier) && !(epsilon > 0)) {
            throw new HarmonicInputException("the DP target epsilon must be positive, got " + epsilon);
        }
        if (!Double.isNaN(noiseMultiplier) && !(noiseMultiplier >= 0)) {
            throw new HarmonicInputException("the DP noise multiplier must be at least 0, got " + noiseMultiplier);
        }
        if (!Double.isNaN(delta) && !(delta > 0 && delta < 1)) {
            throw new HarmonicInputException("the DP delta must lie in (0, 1), got " + delta);
        }
        if (!(clipNorm > 0)) {
            throw new HarmonicInputException("the DP clipping norm must be positive, got " + clipNorm);
        }
        if (Double.isInfinite(clipNorm) && !(noiseMultiplier == 0)) {
            throw new HarmonicInputException("an unbounded DP clipping norm only works without noise (sigma 0)");
        }
        if (stage1Epochs < 0) {
            throw new HarmonicInputException("stage-1 epochs must be at least 0, got " + stage1Epochs);
        }
        if (!Double.isNaN(valueWeight) && !(valueWeight > 0 && valueWeight < 1)) {
            throw new HarmonicInputException("the value-token weight alpha must lie in (0, 1), got " + valueWeight);
        }
    }

    /** Target epsilon with the defaults: delta 1/n, C = 1, shuffled batches, 3 stage-1 epochs, unweighted loss. */
    public static DpConfig epsilon(double epsilon) {
        return new DpConfig(epsilon, Double.NaN, 1.0, Double.NaN, false, 3, Double.NaN);
    }

    /** A fixed noise multiplier instead of a target epsilon (the spent epsilon is still reported). */
    public static DpConfig noise(double noiseMultiplier, double clipNorm) {
        return new DpConfig(Double.NaN, Double.NaN, clipNorm, noiseMultiplier, false, 0, Double.NaN);
    }

    public DpConfig withDelta(double value) {
        return new DpConfig(epsilon, value, clipNorm, noiseMultiplier, poisson, stage1Epochs, valueWeight);
    }

    public DpConfig withClipNorm(double value) {
        return new DpConfig(epsilon, delta, value, noiseMultiplier, poisson, stage1Epochs, valueWeight);
    }

    public DpConfig withPoisson(boolean value) {
        return new DpConfig(epsilon, delta, clipNorm, noiseMultiplier, value, stage1Epochs, valueWeight);
    }

    public DpConfig withStage1Epochs(int value) {
        return new DpConfig(epsilon, delta, clipNorm, noiseMultiplier, poisson, value, valueWeight);
    }

    public DpConfig withValueWeight(double value) {
        return new DpConfig(epsilon, delta, clipNorm, noiseMultiplier, poisson, stage1Epochs, value);
    }

    /** The delta in force for {@code examples} training examples. */
    public double deltaFor(int examples) {
        return Double.isNaN(delta) ? 1.0 / examples : delta;
    }
}
