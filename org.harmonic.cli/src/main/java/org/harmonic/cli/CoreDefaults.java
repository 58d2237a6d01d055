package org.harmonic.cli;

import java.util.List;

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

    /** Every job's catalogue; an option two jobs share (--seed, --device) has one default in both. */
    private static final List<List<org.harmonic.core.options.OptionSpec>> CATALOGUES = List.of(FitOptions.SPECS,
            SynthesizeOptions.SPECS, InstructionsOptions.SPECS, EvaluateOptions.SPECS);

    @Override
    public String defaultValue(ArgSpec argSpec) {
        if (!(argSpec instanceof OptionSpec option)) {
            return null;
        }
        for (List<org.harmonic.core.options.OptionSpec> catalogue : CATALOGUES) {
            org.harmonic.core.options.OptionSpec spec =
                    org.harmonic.core.options.OptionSpec.byCli(catalogue, option.longestName());
            if (spec != null) {
                return spec.defaultValue() == null || "".equals(spec.defaultValue()) ? null
                        : String.valueOf(spec.defaultValue());
            }
        }
        return null;
    }
}
