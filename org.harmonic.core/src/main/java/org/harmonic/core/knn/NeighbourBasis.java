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
    /** Features only. */
    FEATURES;

    /** The name options, flow variables and reports use ({@code features-and-label}). */
    public String text() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The basis {@link #text} names, in any case; an {@link IllegalArgumentException} for any other text. */
    public static NeighbourBasis parse(String text) {
        return valueOf(text.trim().replace('-', '_').toUpperCase(Locale.ROOT));
    }
}
