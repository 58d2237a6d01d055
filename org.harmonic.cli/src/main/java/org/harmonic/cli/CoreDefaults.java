package org.harmonic.cli;

import java.util.List;

import org.harmonic.core.options.EvaluateOptions;
import org.harmonic.core.options.FitOptions;
import org.harmonic.core.options.InstructionsOptions;
import org.harmonic.core.options.OptionSpec.Front;
import org.harmonic.core.options.SynthesizeOptions;
import org.harmonic.core.util.HarmonicInputException;

import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Picocli's defaults and bounds from the core's option catalogues ({@link FitOptions#SPECS},
 * {@link SynthesizeOptions#SPECS}, {@link InstructionsOptions#SPECS}, {@link EvaluateOptions#SPECS}), so
 * that every command defaults as the KNIME nodes do and {@code --help}
 * prints the core's values. Options whose default is computed from the data ("automatic") and
 * options without a default stay unset; the core applies the default when it builds the settings.
 * {@link #checkBounds} rejects a number outside its option's bounds (the KNIME dialogs' bounds) before
 * any command reads its inputs, with the core's one message.
 */
final class CoreDefaults implements CommandLine.IDefaultValueProvider {

    /** Every job's catalogue; an option two jobs share (--seed, --device) has one default in both. */
    private static final List<List<org.harmonic.core.options.OptionSpec>> CATALOGUES = List.of(FitOptions.SPECS,
            SynthesizeOptions.SPECS, InstructionsOptions.SPECS, EvaluateOptions.SPECS);

    @Override
    public String defaultValue(ArgSpec argSpec) {
        if (!(argSpec instanceof OptionSpec option)) {
            return null;
        }
        org.harmonic.core.options.OptionSpec spec = spec(option.longestName());
        return spec == null || spec.defaultValue() == null || "".equals(spec.defaultValue()) ? null
                : String.valueOf(spec.defaultValue());
    }

    /** The core's spec of the command-line option {@code name} (with dashes), or null for a CLI-only option. */
    static org.harmonic.core.options.OptionSpec spec(String name) {
        for (List<org.harmonic.core.options.OptionSpec> catalogue : CATALOGUES) {
            org.harmonic.core.options.OptionSpec spec = org.harmonic.core.options.OptionSpec.byCli(catalogue, name);
            if (spec != null) {
                return spec;
            }
        }
        return null;
    }

    /**
     * Every number the command line gives, within its option's bounds.
     *
     * @throws CommandLine.ParameterException naming the option and its bounds (exit code 2)
     */
    static void checkBounds(CommandLine.ParseResult parsed) {
        for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
            for (OptionSpec option : p.matchedOptions()) {
                org.harmonic.core.options.OptionSpec spec = spec(option.longestName());
                if (spec != null && option.getValue() instanceof Number value) {
                    try {
                        spec.checkBounds(Front.CLI, value);
                    } catch (HarmonicInputException e) {
                        throw new CommandLine.ParameterException(p.commandSpec().commandLine(), e.getMessage(), e,
                                option, String.valueOf(value));
                    }
                }
            }
        }
    }
}
