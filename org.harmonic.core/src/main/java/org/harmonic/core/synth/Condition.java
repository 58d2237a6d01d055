package org.harmonic.core.synth;

import org.harmonic.core.util.HarmonicInputException;

/** A fixed value for one column of every generated row ({@code --condition "status=1"}). */
public record Condition(String column, String value) {

    /** Parses {@code column=value}; the column name may itself contain '=' only before the last one. */
    public static Condition parse(String text) {
        int eq = text.lastIndexOf('=');
        if (eq <= 0) {
            throw new HarmonicInputException("condition '" + text + "' is not of the form column=value, e.g. status=1");
        }
        return new Condition(text.substring(0, eq).trim(), text.substring(eq + 1).trim());
    }
}
