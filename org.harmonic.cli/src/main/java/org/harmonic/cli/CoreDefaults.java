package org.harmonic.cli;

import org.harmonic.core.options.EvaluateOptions;
import org.harmonic.core.options.FitOptions;
import org.harmonic.core.options.InstructionsOptions;
import org.harmonic.core.options.SynthesizeOptions;

import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Picocli's defaults from the core's option catalogues ({@link FitOptions#SPECS},
 * {@link SynthesizeOptions#SPECS}, {@link InstructionsOptions#SPECS}, {@link EvaluateOptions#SPECS}), so
 * that every command defaults as the KNIME nodes do and {@code --help}
 * prints the core's values. Options whose default is computed from the data ("automatic") and
 * options without a default stay unset; the core applies the default when it builds the settings.
 */
final class CoreDefaults implements CommandLine.IDefaultValueProvider {

    @Override
    public String defaultValue(ArgSpec argSpec) {
        if (!(argSpec instanceof OptionSpec option)) {
            return null;
        }
        org.harmonic.core.options.OptionSpec spec = FitOptions.byCli(option.longestName());
        if (spec == null) {
            spec = SynthesizeOptions.byCli(option.longestName());
        }
        if (spec == null) {
            spec = InstructionsOptions.byCli(option.longestName());
        }
        if (spec == null) {
            spec = EvaluateOptions.byCli(option.longestName());
        }
        if (spec == null || spec.defaultValue() == null || "".equals(spec.defaultValue())) {
            return null;
        }
        return String.valueOf(spec.defaultValue());
    }
}
