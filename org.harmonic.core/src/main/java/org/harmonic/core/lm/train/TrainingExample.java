package org.harmonic.core.lm.train;

/**
 * One tokenized instruction: the wrapped prompt followed by the answer and the end token. Only
 * positions from {@code answerStart} on are targets of the loss (the prompt is context).
 *
 * @param ids         token ids
 * @param answerStart index of the first answer token
 */
public record TrainingExample(int[] ids, int answerStart) {

    public int length() {
        return ids.length;
    }

    public int targetCount() {
        return ids.length - answerStart;
    }
}
