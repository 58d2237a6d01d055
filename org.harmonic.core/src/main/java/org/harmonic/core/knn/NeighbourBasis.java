package org.harmonic.core.knn;

import java.util.Locale;

/**
 * What the neighbour distance measures: the features and the label (the reference, method.md B 3.1),
 * or the features alone.
 *
 * <p>With the label in the distance, a row's neighbours mostly share its label, so the label of an
 * instruction's answer is nearly a function of its examples' labels, and a label filter makes it
 * exactly one (docs/quality.md run 54): the model can learn to copy the examples' majority label and
 * never look at the features that decide it. With the features alone, neighbourhoods cross the class
 * boundary as the features do, and the answer's label has to be read from its examples' features.
 * Generation prompts are drawn with the same basis, so a generator sees the neighbourhoods it learned from.
 */
public enum NeighbourBasis {
    /** Features and label (the label as its code, unscaled): the reference. */
    FEATURES_AND_LABEL,
    /** Features only, scaled as the reference scales them. */
    FEATURES,
    /**
     * Features only, each column spread over [0, 1] by position rather than by value: numbers by their rank
     * (ties share their mid-rank), category codes scaled (one-hot indicators stay as they are). The reference's
     * scaling puts min-max-scaled numbers beside unscaled category codes, so one category apart outweighs any
     * number, and a heavy-tailed number, whose values crowd near 0 after min-max scaling, moves the distance
     * hardly at all: bank marketing's call duration, the number that decides its label. By rank, the nearest
     * rows' vote ranks bank's "yes" rows at AUC 0.75 instead of 0.68, and generators trained on such
     * neighbourhoods scored an MLE ratio of 1.015 against 0.935 over six seeds (a second split of bank: 0.887
     * against 0.857 over six; a 20,000-row bank table: 1.023 against 0.900 over three; docs/quality.md sections
     * 31-32).
     */
    FEATURES_BY_RANK;

    /** Whether the label is part of the distance (else the answer's label must be read from its features). */
    public boolean includesLabel() {
        return this == FEATURES_AND_LABEL;
    }

    /** The name options, flow variables and reports use ({@code features-and-label}). */
    public String text() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The basis {@link #text} names, in any case; an {@link IllegalArgumentException} for any other text. */
    public static NeighbourBasis parse(String text) {
        return valueOf(text.trim().replace('-', '_').toUpperCase(Locale.ROOT));
    }
}
