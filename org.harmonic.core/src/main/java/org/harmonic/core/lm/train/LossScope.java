package org.harmonic.core.lm.train;

import java.util.Locale;

import org.harmonic.core.util.HarmonicInputException;

/**
 * Which tokens of an instruction the fine-tuning loss covers.
 *
 * <p>{@link #ANSWER} is the reference's choice (method.md B 4.2): only the target row and the end
 * token; the prompt is context. {@link #SEQUENCE} puts the loss on every token after the first:
 * the k neighbour rows of the prompt are draws from the same neighbourhood as the answer, so each
 * one is the answer to "generate a row like the ones before it", and one sequence supervises
 * k + 1 rows instead of 1. Measured on German credit and Diabetes (docs/quality.md): the model
 * from scratch learns the links between columns only with {@code SEQUENCE}.
 */
public enum LossScope {
    ANSWER,
    SEQUENCE;

    /** The default for every front-end (CLI, KNIME node). */
    public static final LossScope DEFAULT = SEQUENCE;

    /** The option value as users write it. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses "answer" or "sequence" (case-insensitive); the message names the option and its values. */
    public static LossScope parse(String text) {
        for (LossScope s : values()) {
            if (s.id().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return s;
            }
        }
        throw new HarmonicInputException("unknown loss scope '" + text + "'; use sequence (every row of the "
                + "instruction, the default) or answer (the target row only, as the reference)");
    }
}
