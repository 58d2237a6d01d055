package org.harmonic.core.synth;

/**
 * Whose class shares of the label column a synthetic table follows.
 *
 * <p>The generator learns the label from instructions that the label-consistency filter has
 * thinned: on German credit it keeps 124 of 206 bad-credit groups against 463 of 494 good ones,
 * and sampling the model as it is gave 23 % bad-credit rows where the table has 29 %. Keeping the
 * real shares is rejection sampling on the label: a candidate whose class already has its share of
 * rows is discarded, so each class's rows are still the model's own rows of that class (the
 * features given the label are unchanged); only how many rows each class gets is corrected.
 */
public enum LabelShares {
    /** Each label class gets the share it has in the real table (the default for classification). */
    REAL,
    /** Classes come in whatever shares the generator samples. */
    MODEL;

    /** The option value as users write it. */
    public String optionValue() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Parses "real" or "model" (case-insensitive); the message names the values. */
    public static LabelShares parse(String text) {
        for (LabelShares s : values()) {
            if (s.optionValue().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return s;
            }
        }
        throw new org.harmonic.core.util.HarmonicInputException("unknown label shares '" + text + "'; use real (each "
                + "class keeps its share of the real table, the default) or model (the shares the generator samples)");
    }
}
