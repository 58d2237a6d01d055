package org.harmonic.core.lm.train;

import org.harmonic.core.lm.model.LoraConfig;
import org.harmonic.core.util.HarmonicInputException;

/**
 * Fine-tuning settings (nanoGPT's knobs; defaults chosen for the small default generator).
 *
 * @param epochs             passes over the instruction examples
 * @param learningRate       peak learning rate of AdamW
 * @param batchSize          examples per micro-batch
 * @param accumulation       micro-batches per optimizer step (gradient accumulation)
 * @param warmupRatio        fraction of the steps spent warming up linearly
 * @param weightDecay        decoupled weight decay on matrices (not on norms and biases)
 * @param maxGradNorm        global gradient-norm clip; 0 or less disables it
 * @param seed               seed of example order and dropout (not of DP-SGD's noise and batches, which come
 *                           from a secure generator, {@code SecureDpRandom})
 * @param maxLength          longest token sequence; longer prompts lose their beginning
 * @param checkpointEvery    write a resumable checkpoint every this many optimizer steps; 0 = never
 * @param lora               LoRA settings, or null for full fine-tuning
 * @param privacy            differentially private training (DP-SGD), or null for plain training; with
 *                           DP the global clip {@code maxGradNorm} is not applied (per-example clipping is)
 * @param lossScope          the tokens the loss covers: the answer, or every row of the instruction
 * @param stopping           when training ends: held-out instructions (a decay after their plateau, or a stop
 *                           at it), a step cap and a time budget
 * @param candidates         trainings with different seeds (the first with {@code seed} itself) of which the
 *                           FineTuner keeps the one with the lowest held-out loss, all scored on the same held-out
 *                           instructions; 1 = one training. More than one needs the held-out evaluation and no DP
 */
public record TrainingConfig(int epochs, double learningRate, int batchSize, int accumulation, double warmupRatio,
        double weightDecay, double maxGradNorm, long seed, int maxLength, int checkpointEvery, LoraConfig lora,
        DpConfig privacy, LossScope lossScope, StoppingRule stopping, int candidates) {

    /** The most trainings {@code candidates} may choose from (each costs a whole training). */
    public static final int MAX_CANDIDATES = 8;

    /** One training (no choice among candidates). */
    public TrainingConfig(int epochs, double learningRate, int batchSize, int accumulation, double warmupRatio,
            double weightDecay, double maxGradNorm, long seed, int maxLength, int checkpointEvery, LoraConfig lora,
            DpConfig privacy, LossScope lossScope, StoppingRule stopping) {
        this(epochs, learningRate, batchSize, accumulation, warmupRatio, weightDecay, maxGradNorm, seed, maxLength,
                checkpointEvery, lora, privacy, lossScope, stopping, 1);
    }

    /** Loss scope {@link LossScope#DEFAULT}, every planned step. */
    public TrainingConfig(int epochs, double learningRate, int batchSize, int accumulation, double warmupRatio,
            double weightDecay, double maxGradNorm, long seed, int maxLength, int checkpointEvery, LoraConfig lora,
            DpConfig privacy) {
        this(epochs, learningRate, batchSize, accumulation, warmupRatio, weightDecay, maxGradNorm, seed, maxLength,
                checkpointEvery, lora, privacy, LossScope.DEFAULT, StoppingRule.none());
    }

    /** Plain (non-private) training. */
    public TrainingConfig(int epochs, double learningRate, int batchSize, int accumulation, double warmupRatio,
            double weightDecay, double maxGradNorm, long seed, int maxLength, int checkpointEvery, LoraConfig lora) {
        this(epochs, learningRate, batchSize, accumulation, warmupRatio, weightDecay, maxGradNorm, seed, maxLength,
                checkpointEvery, lora, null);
    }

    public TrainingConfig {
        if (lossScope == null) {
            lossScope = LossScope.DEFAULT;
        }
        if (stopping == null) {
            stopping = StoppingRule.none();
        }
        if (epochs < 1) {
            throw new HarmonicInputException("epochs must be at least 1, got " + epochs);
        }
        if (!(learningRate > 0)) {
            throw new HarmonicInputException("the learning rate must be positive, got " + learningRate);
        }
        if (batchSize < 1 || accumulation < 1) {
            throw new HarmonicInputException("batch size and accumulation must be at least 1, got " + batchSize
                    + " and " + accumulation);
        }
        if (!(warmupRatio >= 0 && warmupRatio < 1)) {
            throw new HarmonicInputException("the warm-up ratio must lie in [0, 1), got " + warmupRatio);
        }
        if (candidates < 1 || candidates > MAX_CANDIDATES) {
            throw new HarmonicInputException("the number of candidate trainings must lie in [1, " + MAX_CANDIDATES
                    + "], got " + candidates);
        }
        if (maxLength < 8) {
            throw new HarmonicInputException("the maximum sequence length must be at least 8, got " + maxLength);
        }
    }

    /** Defaults for training the small default generator from scratch. */
    public static TrainingConfig defaults() {
        return new TrainingConfig(3, 2e-3, 8, 1, 0.05, 0.01, 1.0, 416, 4096, 0, null, null);
    }

    public TrainingConfig withEpochs(int value) {
        return new TrainingConfig(value, learningRate, batchSize, accumulation, warmupRatio, weightDecay, maxGradNorm,
                seed, maxLength, checkpointEvery, lora, privacy, lossScope, stopping, candidates);
    }

    public TrainingConfig withLearningRate(double value) {
        return new TrainingConfig(epochs, value, batchSize, accumulation, warmupRatio, weightDecay, maxGradNorm,
                seed, maxLength, checkpointEvery, lora, privacy, lossScope, stopping, candidates);
    }

    public TrainingConfig withBatchSize(int value) {
        return new TrainingConfig(epochs, learningRate, value, accumulation, warmupRatio, weightDecay, maxGradNorm,
                seed, maxLength, checkpointEvery, lora, privacy, lossScope, stopping, candidates);
    }

    public TrainingConfig withAccumulation(int value) {
        return new TrainingConfig(epochs, learningRate, batchSize, value, warmupRatio, weightDecay, maxGradNorm,
                seed, maxLength, checkpointEvery, lora, privacy, lossScope, stopping, candidates);
    }

    public TrainingConfig withSeed(long value) {
        return new TrainingConfig(epochs, learningRate, batchSize, accumulation, warmupRatio, weightDecay, maxGradNorm,
                value, maxLength, checkpointEvery, lora, privacy, lossScope, stopping, candidates);
    }

    public TrainingConfig withMaxLength(int value) {
        return new TrainingConfig(epochs, learningRate, batchSize, accumulation, warmupRatio, weightDecay, maxGradNorm,
                seed, value, checkpointEvery, lora, privacy, lossScope, stopping, candidates);
    }

    public TrainingConfig withCheckpointEvery(int value) {
        return new TrainingConfig(epochs, learningRate, batchSize, accumulation, warmupRatio, weightDecay, maxGradNorm,
                seed, maxLength, value, lora, privacy, lossScope, stopping, candidates);
    }

    public TrainingConfig withLora(LoraConfig value) {
        return new TrainingConfig(epochs, learningRate, batchSize, accumulation, warmupRatio, weightDecay, maxGradNorm,
                seed, maxLength, checkpointEvery, value, privacy, lossScope, stopping, candidates);
    }

    public TrainingConfig withMaxGradNorm(double value) {
        return new TrainingConfig(epochs, learningRate, batchSize, accumulation, warmupRatio, weightDecay, value,
                seed, maxLength, checkpointEvery, lora, privacy, lossScope, stopping, candidates);
    }

    public TrainingConfig withPrivacy(DpConfig value) {
        return new TrainingConfig(epochs, learningRate, batchSize, accumulation, warmupRatio, weightDecay, maxGradNorm,
                seed, maxLength, checkpointEvery, lora, value, lossScope, stopping, candidates);
    }

    public TrainingConfig withLossScope(LossScope value) {
        return new TrainingConfig(epochs, learningRate, batchSize, accumulation, warmupRatio, weightDecay, maxGradNorm,
                seed, maxLength, checkpointEvery, lora, privacy, value, stopping, candidates);
    }

    public TrainingConfig withStopping(StoppingRule value) {
        return new TrainingConfig(epochs, learningRate, batchSize, accumulation, warmupRatio, weightDecay, maxGradNorm,
                seed, maxLength, checkpointEvery, lora, privacy, lossScope, value, candidates);
    }

    public TrainingConfig withWeightDecay(double value) {
        return new TrainingConfig(epochs, learningRate, batchSize, accumulation, warmupRatio, value, maxGradNorm,
                seed, maxLength, checkpointEvery, lora, privacy, lossScope, stopping, candidates);
    }

    public TrainingConfig withWarmupRatio(double value) {
        return new TrainingConfig(epochs, learningRate, batchSize, accumulation, value, weightDecay, maxGradNorm,
                seed, maxLength, checkpointEvery, lora, privacy, lossScope, stopping, candidates);
    }

    public TrainingConfig withCandidates(int value) {
        return new TrainingConfig(epochs, learningRate, batchSize, accumulation, warmupRatio, weightDecay, maxGradNorm,
                seed, maxLength, checkpointEvery, lora, privacy, lossScope, stopping, value);
    }
}
