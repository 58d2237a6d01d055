package org.harmonic.core.lm.train;

/**
 * One tokenized instruction: the wrapped prompt followed by the answer and the end token. Positions
 * from {@code lossStart} on are targets of the loss: the answer only ({@code lossStart ==
 * answerStart}, {@link LossScope#ANSWER}) or the neighbour rows of the prompt too
 * ({@link LossScope#SEQUENCE}).
 *
 * @param ids         token ids
 * @param answerStart index of the first answer token
 * @param weights     loss weight of each target token (from {@code lossStart}, the end token included),
 *                    or null for 1 each
 * @param lossStart   index of the first target token, at least 1 and at most {@code answerStart}
 */
public record TrainingExample(int[] ids, int answerStart, float[] weights, int lossStart) {

    public TrainingExample {
        if (lossStart < 1 || lossStart > answerStart) {
            throw new IllegalArgumentException("loss start " + lossStart + " outside [1, " + answerStart + "]");
        }
        if (weights != null && weights.length != ids.length - lossStart) {
            throw new IllegalArgumentException(weights.length + " weights for " + (ids.length - lossStart)
                    + " target tokens");
        }
    }

    /** Loss on the answer only. */
    public TrainingExample(int[] ids, int answerStart) {
        this(ids, answerStart, null, answerStart);
    }

    /** The same tokens with these target-token weights. */
    public TrainingExample withWeights(float[] values) {
        return new TrainingExample(ids, answerStart, values, lossStart);
    }

    /** The same tokens with the loss on every token after the first. */
    public TrainingExample withLossOnSequence() {
        return new TrainingExample(ids, answerStart, null, 1);
    }

    public int length() {
        return ids.length;
    }

    /** Tokens the loss covers. */
    public int targetCount() {
        return ids.length - lossStart;
    }

    /** Answer tokens (the end token included). */
    public int answerCount() {
        return ids.length - answerStart;
    }
}
