package org.harmonic.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.harmonic.core.synth.SynthesisConfig;
import org.junit.jupiter.api.Test;

import picocli.CommandLine;

/** The command line's sampling defaults are the core's (the KNIME node reads the same constants). */
class SamplingOptionsTest {

    @Test
    void defaultsAreTheCoresDefaults() {
        SamplingOptions options = new SamplingOptions();
        new CommandLine(options).parseArgs();
        SynthesisConfig cli = options.options(null).config(700, 416);
        SynthesisConfig core = SynthesisConfig.of(700, 416);
        assertEquals(core, cli);
    }
}
