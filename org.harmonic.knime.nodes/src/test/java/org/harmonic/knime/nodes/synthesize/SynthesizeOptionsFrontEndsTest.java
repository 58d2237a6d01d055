package org.harmonic.knime.nodes.synthesize;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;

import org.harmonic.core.options.FitOptions;
import org.harmonic.core.options.SynthesizeOptions;
import org.harmonic.core.synth.SynthesisConfig;
import org.harmonic.knime.nodes.FrontEndOptions;
import org.junit.jupiter.api.Test;

/**
 * Every option of synthesizing, as {@code harmonic synthesize}, {@code harmonic run} and the
 * Synthesizer node expose it, against the core's catalogue ({@link SynthesizeOptions#SPECS}).
 */
class SynthesizeOptionsFrontEndsTest {

    /** Options of {@code synthesize} that are not sampling options: inputs, outputs, seed, device. */
    private static final Set<String> COMMAND_OWN = Set.of("--generator", "--input", "--out", "--seed", "--device",
        "--help", "--version");
    /** The node's seed and device (the device is FitOptions.DEVICE's, checked below). */
    private static final Set<String> NODE_OWN = Set.of("seed", "device");

    @Test
    void theCommandLineDefaultsEverySynthesisOptionAsTheCore() {
        FrontEndOptions.assertCommandLineDefaults(SynthesizeOptions.SPECS, "synthesize", "run");
    }

    @Test
    void theNodeDefaultsAndBoundsEverySynthesisOptionAsTheCore() throws Exception {
        FrontEndOptions.assertNodeDefaultsAndBounds(SynthesizeOptions.SPECS, new SynthesizerSettings().all());
        FrontEndOptions.assertNodeDefaultsAndBounds(java.util.List.of(FitOptions.DEVICE), new SynthesizerSettings().all());
    }

    @Test
    void noFrontEndHasASynthesisOptionTheCoreDoesNotKnow() {
        assertEquals(Set.of(), FrontEndOptions.unknownCommandLineOptions(SynthesizeOptions.SPECS, COMMAND_OWN,
            "synthesize"));
        assertEquals(Set.of(), FrontEndOptions.unknownNodeOptions(SynthesizeOptions.SPECS, NODE_OWN,
            new SynthesizerSettings().all()));
    }

    @Test
    void theNodeMakesAsManyRowsAsTheRealTableByDefaultAsTheCommandLineDoes() throws Exception {
        assertEquals(700, config(new SynthesizerSettings()).rows());
        assertEquals(SynthesizeOptions.defaults().config(700, 416), config(new SynthesizerSettings()));
    }

    /** What the node samples from a real table of 700 rows. */
    private static SynthesisConfig config(final SynthesizerSettings settings) throws Exception {
        return settings.checkedOptions().config(700, settings.seed());
    }
}
