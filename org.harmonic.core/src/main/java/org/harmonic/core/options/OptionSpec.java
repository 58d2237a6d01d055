package org.harmonic.core.options;

import java.util.List;
import org.harmonic.core.util.HarmonicInputException;

/**
 * One user option of a job, as every front-end exposes it: its name on the command line and in
 * KNIME's settings (flow variables, batch {@code -option}), its default and its bounds. The CLI's
 * picocli options and the KNIME nodes' settings models are bound to these; a test in the nodes
 * module enumerates them and checks that both front-ends expose each with this default and
 * these bounds.
 *
 * @param cli          the command-line option, with its dashes ({@code --dp-epsilon}); null for an
 *                     option of the KNIME node only
 * @param knime        the KNIME settings key ({@code dp_epsilon}); null for an option of the
 *                     command line only
 * @param defaultValue the value when the user gives none (Integer, Double, Boolean or String);
 *                     null where the default is computed from the data ("automatic": the CLI
 *                     leaves the option unset, KNIME stores {@link #automatic})
 * @param automatic    the number KNIME stores for "automatic" (0), or null where the option always
 *                     has a value
 * @param min          smallest value KNIME accepts (the automatic value included), null for none
 * @param max          largest value KNIME accepts, null for none
 * @param cliTakesAutomatic whether the command line takes the automatic number as a value with a
 *                     meaning of its own ({@code --patience 0}: every planned step); where it does
 *                     not, the number is only KNIME's stored word for "not given", the command line
 *                     says that by leaving the option out, and {@code --epochs 0} is out of bounds
 */
public record OptionSpec(String cli, String knime, Object defaultValue, Number automatic, Number min, Number max,
        boolean cliTakesAutomatic) {

    /**
     * An option whose default is computed from the data unless the user sets it; KNIME stores
     * {@code automatic} for "not given", a number the command line does not take.
     */
    public static OptionSpec automatic(String cli, String knime, Number automatic, Number min, Number max) {
        return new OptionSpec(cli, knime, null, automatic, min, max, false);
    }

    /**
     * An option whose default is computed from the data unless the user sets it, and whose automatic
     * number is also a value the command line takes with a meaning of its own.
     */
    public static OptionSpec automaticOrValue(String cli, String knime, Number automatic, Number min, Number max) {
        return new OptionSpec(cli, knime, null, automatic, min, max, true);
    }

    /** An option with a fixed default. */
    public static OptionSpec of(String cli, String knime, Object defaultValue, Number min, Number max) {
        return new OptionSpec(cli, knime, defaultValue, null, min, max, true);
    }

    /** The option as {@code front} names it in messages. */
    public String name(Front front) {
        return front == Front.CLI && cli != null ? cli : "'" + (knime != null ? knime : cli) + "'";
    }

    /**
     * The value, or this option's default when none is given, as the one of {@code allowed} it names,
     * in any case and with any separator ("one-hot", "ONE_HOT" and "one hot" are one value).
     *
     * @throws HarmonicInputException naming the option in {@code front}'s words and the values allowed
     */
    public String choose(Front front, String value, List<String> allowed) {
        String v = value == null || value.isBlank() ? (String) defaultValue : value.trim();
        for (String a : allowed) {
            if (a.replaceAll("[ _-]", " ").equalsIgnoreCase(v.replaceAll("[ _-]", " "))) {
                return a;
            }
        }
        throw new HarmonicInputException("unknown " + name(front) + " '" + v + "'; use one of "
                + String.join(", ", allowed));
    }

    /** The value, or this option's default when none is given. */
    public int whole(Integer value) {
        return value != null ? value : ((Number) defaultValue).intValue();
    }

    /** The value, or this option's default when none is given. */
    public double number(Double value) {
        return value != null ? value : ((Number) defaultValue).doubleValue();
    }

    /** The value, or this option's default when none is given, checked against this option's bounds. */
    public int whole(Front front, Integer value) {
        int v = whole(value);
        checkBounds(front, v);
        return v;
    }

    /** The value, or this option's default when none is given, checked against this option's bounds. */
    public double number(Front front, Double value) {
        double v = number(value);
        checkBounds(front, v);
        return v;
    }

    /**
     * The value of an option whose default is chosen later (by the generator, for instance), checked against this
     * option's bounds; NaN ("not given") where none is given or it is the number KNIME stores for automatic.
     */
    public double numberOrAutomatic(Front front, Double value) {
        checkBounds(front, value);
        return value == null || value == automatic.doubleValue() ? Double.NaN : value;
    }

    /**
     * Rejects a value outside this option's bounds (NaN included), naming the option in {@code front}'s
     * words: the one message every front-end gives for a number out of range. Null (not given) passes.
     */
    public void checkBounds(Front front, Number value) {
        if (value == null || (min == null && max == null)) {
            return;
        }
        double v = value.doubleValue();
        boolean automaticIsMin = automatic != null && min != null && automatic.doubleValue() == min.doubleValue();
        // on the command line the automatic number is out of bounds where it only stands for "not given"
        boolean automaticExcluded = front == Front.CLI && !cliTakesAutomatic && automaticIsMin;
        // a negative automatic number (-1) is a marker below values that start at 0 (where 0 is a value of its
        // own): KNIME stores it, and nothing between it and 0 is a value on either front-end
        boolean marker = automaticIsMin && min.doubleValue() < 0;
        boolean below = min != null && !(marker ? v >= 0 || (!automaticExcluded && v == min.doubleValue())
                : automaticExcluded ? v > min.doubleValue() : v >= min.doubleValue());
        boolean above = max != null && !(v <= max.doubleValue());
        if (below || above) {
            String range;
            if (marker) {
                range = (max != null ? "between 0 and " + plain(max) : "at least 0")
                        + (automaticExcluded ? "" : ", or " + plain(min) + " for automatic");
            } else if (automaticExcluded && min instanceof Integer) {
                range = max != null ? "between " + plain(min.intValue() + 1) + " and " + plain(max)
                        : "at least " + plain(min.intValue() + 1);
            } else if (automaticExcluded) {
                range = "above " + plain(min) + (max != null ? " and at most " + plain(max) : "");
            } else {
                range = min != null && max != null ? "between " + plain(min) + " and " + plain(max)
                        : min != null ? "at least " + plain(min) : "at most " + plain(max);
            }
            String hint = automaticExcluded && v == min.doubleValue() ? " (leave it out for its default)" : "";
            throw new HarmonicInputException(name(front) + " must be " + range + ", got " + plain(value) + hint);
        }
    }

    /** A bound or value as a person writes it: 10000 and 0.001, not 1.0E4 and 1.0E-3. */
    private static String plain(Number n) {
        double d = n.doubleValue();
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return String.valueOf(d);
        }
        return new java.math.BigDecimal(String.valueOf(n)).stripTrailingZeros().toPlainString();
    }

    /** The spec of {@code specs} whose command-line option is {@code cli} (with dashes), or null. */
    public static OptionSpec byCli(List<OptionSpec> specs, String cli) {
        return specs.stream().filter(s -> cli.equals(s.cli())).findFirst().orElse(null);
    }

    /** The front-ends, for naming options in messages in each one's words. */
    public enum Front {
        /** The {@code harmonic} command: {@code --dp-epsilon}. */
        CLI,
        /** A KNIME node's settings: {@code 'dp_epsilon'}. */
        KNIME
    }
}
