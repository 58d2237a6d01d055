package org.harmonic.core.lm;

/**
 * The one prompt format used both to fine-tune and to sample (method.md A.3; the reference wraps
 * prompts only during training, a train/inference mismatch we do not copy): the reference's
 * training wrapper {@code "Human: \n" + prompt + "\n\nAssistant: \n"}, then the answer and the
 * end-of-sequence token. The loss covers the answer and the end token only.
 */
public final class ChatFormat {
    public static final String HUMAN = "Human: \n";
    public static final String ASSISTANT = "\n\nAssistant: \n";

    private ChatFormat() {
    }

    /** The text the model sees before it writes the answer. */
    public static String wrapPrompt(String prompt) {
        return HUMAN + prompt + ASSISTANT;
    }
}
