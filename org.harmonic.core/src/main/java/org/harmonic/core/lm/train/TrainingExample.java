package org.harmonic.core.lm.train;

/**
 * One tokenized instruction: the wrapped prompt followed by the answer and the end token. Only
 * positions from {@code answerStart} on are targets of the loss (the prompt is context).
 *
 * @param ids         token ids
 * @param answerStart index of the first answer token
 * @param weights     loss weight of each answer token (the end token included), or null for 1 each
 */
public record TrainingExample(int[] ids, int answerStart, float[] weights) {

    public TrainingExample {
        if (weights != null && weights.length != ids.length - answerStart) {
            throw new IllegalArgumentException(weights.length + " weights for " + (ids.length - answerStart)
                    + " answer tokens");
        }
    }

    public TrainingExample(int[] ids, int answerStart) {
        this(ids, answerStart, null);
    }

    /** The same tokens with these answer-token weights. */
    public TrainingExample withWeights(float[] values) {
        return new TrainingExample(ids, answerStart, values);
    }

    public int length() {
        return ids.length;
    }

    public int targetCount() {
        return ids.length - answerStart;
    }
}
