package org.harmonic.knime.nodes.common;

import org.harmonic.core.options.OptionSpec;
import org.knime.core.node.defaultnodesettings.SettingsModelBoolean;
import org.knime.core.node.defaultnodesettings.SettingsModelDoubleBounded;
import org.knime.core.node.defaultnodesettings.SettingsModelInteger;
import org.knime.core.node.defaultnodesettings.SettingsModelIntegerBounded;
import org.knime.core.node.defaultnodesettings.SettingsModelString;

/**
 * Settings models made from the core's option catalogue: the key, the default (an automatic option
 * stores its automatic value, 0) and the bounds come from the {@link OptionSpec}, so a node cannot
 * drift from the command line.
 */
public final class SpecModels {

    private SpecModels() {
    }

    private static Number defaultOf(final OptionSpec spec) {
        return spec.defaultValue() != null ? (Number)spec.defaultValue() : spec.automatic();
    }

    public static SettingsModelIntegerBounded integer(final OptionSpec spec) {
        return new SettingsModelIntegerBounded(spec.knime(), defaultOf(spec).intValue(), spec.min().intValue(),
            spec.max().intValue());
    }

    public static SettingsModelDoubleBounded number(final OptionSpec spec) {
        return new SettingsModelDoubleBounded(spec.knime(), defaultOf(spec).doubleValue(), spec.min().doubleValue(),
            spec.max().doubleValue());
    }

    /** An int without bounds (a seed: any int is one), or one whose bad values the core explains better than a range error. */
    public static SettingsModelInteger unboundedInteger(final OptionSpec spec) {
        return new SettingsModelInteger(spec.knime(), ((Number)spec.defaultValue()).intValue());
    }

    /**
     * The model's value as the core's option: null ("not given") where it holds the spec's stored automatic
     * number (0, or -1 where 0 is a value of its own), else the value.
     */
    public static Integer given(final SettingsModelIntegerBounded model, final OptionSpec spec) {
        return model.getIntValue() == spec.automatic().intValue() ? null : model.getIntValue();
    }

    /** The model's value as the core's option: null where it holds the spec's stored automatic number. */
    public static Double given(final SettingsModelDoubleBounded model, final OptionSpec spec) {
        return model.getDoubleValue() == spec.automatic().doubleValue() ? null : model.getDoubleValue();
    }

    public static SettingsModelString string(final OptionSpec spec) {
        return new SettingsModelString(spec.knime(), (String)spec.defaultValue());
    }

    public static SettingsModelBoolean bool(final OptionSpec spec) {
        return new SettingsModelBoolean(spec.knime(), (Boolean)spec.defaultValue());
    }
}
