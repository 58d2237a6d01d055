package org.harmonic.core.lm.train;

import java.util.Arrays;
import java.util.function.Function;

import org.harmonic.core.lm.ChatFormat;
import org.harmonic.core.util.HarmonicInputException;

/**
 * Tokenizes (prompt, answer) pairs as the reference's trainer does (method.md B 4.2): the wrapped
 * prompt and the answer are encoded separately, without BOS, then the end token follows. A
 * sequence longer than the limit loses the beginning of its prompt, never its answer.
 */
public final class ExampleEncoder {
    private final Function<String, int[]> encoder;
    private final int endToken;
    private final int maxLength;

    public ExampleEncoder(Function<String, int[]> encoder, int endToken, int maxLength) {
        this.encoder = encoder;
        this.endToken = endToken;
        this.maxLength = maxLength;
    }

    public TrainingExample encode(String prompt, String answer) {
        int[] promptIds = promptIds(prompt);
        int[] answerIds = encoder.apply(answer);
        int total = promptIds.length + answerIds.length + 1;
        int cut = Math.max(0, total - maxLength);
        if (cut >= promptIds.length) {
            // bad input, not a bug: a maximum length chosen below one row's length
            throw new HarmonicInputException("a row of " + answerIds.length + " tokens does not fit a training "
                    + "sequence of at most " + maxLength + " tokens; raise the maximum sequence length (--max-length, "
                    + "the node's 'max_length') to at least " + (answerIds.length + 2) + " tokens, or more to keep "
                    + "whole prompts (the default, " + TrainingConfig.defaults().maxLength() + ", does)");
        }
        int[] ids = new int[total - cut];
        System.arraycopy(promptIds, cut, ids, 0, promptIds.length - cut);
        System.arraycopy(answerIds, 0, ids, promptIds.length - cut, answerIds.length);
        ids[ids.length - 1] = endToken;
        return new TrainingExample(ids, promptIds.length - cut);
    }

    /** The token ids the model is given before it writes an answer (sampling uses the same). */
    public int[] promptIds(String prompt) {
        int[] ids = encoder.apply(ChatFormat.wrapPrompt(prompt));
        return ids.length < maxLength ? ids : Arrays.copyOfRange(ids, ids.length - maxLength + 1, ids.length);
    }
}
