package org.harmonic.core.knn;

import org.harmonic.core.util.HarmonicInputException;

/**
 * The reference's instruction text (method.md B 3.5): a one-line header, one line
 * {@code Example one: {row}} per neighbour, then {@code Generate one sample: } with a trailing
 * space and no newline. The answer is the target row's JSON.
 */
public final class PromptTemplate {
    private final String header;
    private final int k;

    public PromptTemplate(String description, int featureCount, String targetName, TaskType task, int k) {
        if (k > InstructionConfig.NUMBER_WORDS.length) {
            throw new HarmonicInputException("k = " + k + " is too large for the prompt template (at most 9)");
        }
        this.k = k;
        this.header = "Here are " + k + " tabular data about " + description + ", each containing " + featureCount
                + " columns of features and 1 column of labels, where the " + targetName + " column is a "
                + task.promptText() + " label. I will transmit the data to you in JSON format. Please generate an "
                + "approximate sample based on these " + k + " examples.\n";
    }

    public static final String GENERATE = "Generate one sample: ";
    /** How each neighbour row's line begins (after the newline that ends the line before). */
    public static final String EXAMPLE_PREFIX = "Example ";

    /** The first line of every prompt, with its newline. */
    public String header() {
        return header;
    }

    /** The human text for example rows already rendered as JSON. */
    public String prompt(String[] exampleRows) {
        if (exampleRows.length != k) {
            throw new IllegalArgumentException("expected " + k + " example rows, got " + exampleRows.length);
        }
        StringBuilder out = new StringBuilder(header.length() + 600 * k);
        out.append(header);
        for (int i = 0; i < exampleRows.length; i++) {
            out.append(EXAMPLE_PREFIX).append(InstructionConfig.NUMBER_WORDS[i]).append(": ")
                    .append(exampleRows[i]).append('\n');
        }
        out.append(GENERATE);
        return out.toString();
    }
}
