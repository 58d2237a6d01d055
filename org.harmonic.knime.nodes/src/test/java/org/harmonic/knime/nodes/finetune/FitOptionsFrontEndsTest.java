package org.harmonic.knime.nodes.finetune;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;

import org.harmonic.core.options.FitOptions;
import org.harmonic.knime.nodes.FrontEndOptions;
import org.junit.jupiter.api.Test;

/**
 * Every option of fitting a generator, as {@code harmonic fit}, {@code harmonic run} and the LLM
 * Fine-Tuner node expose it, against the core's catalogue ({@link FitOptions#SPECS}): the same
 * defaults and the same bounds, and no option in a front-end that the catalogue does not know
 * (a new option must be added to the core first, or listed here as one front-end's own).
 */
class FitOptionsFrontEndsTest {

    /** Options of {@code fit} that are not fitting options: inputs, outputs, the instruction step. */
    private static final Set<String> FIT_COMMAND_OWN = Set.of("--input", "--target", "--out", "--instructions",
        "--seed", "--help", "--version", "--description", "--task", "--preset", "--k", "--filter", "--encoding",
        "--neighbours-by", "--permute", "--separator", "--missing", "--quiet");
    /** The node's options that are not fitting options: its input columns, the prompt text and the seed. */
    private static final Set<String> NODE_OWN = Set.of("prompt_column", "answer_column", "description", "seed");

    @Test
    void theCommandLineDefaultsEveryFittingOptionAsTheCore() {
        FrontEndOptions.assertCommandLineDefaults(FitOptions.SPECS, "fit", "run");
    }

    @Test
    void theNodeDefaultsAndBoundsEveryFittingOptionAsTheCore() throws Exception {
        FrontEndOptions.assertNodeDefaultsAndBounds(FitOptions.SPECS, new LlmFineTunerSettings().all());
    }

    @Test
    void noFrontEndHasAFittingOptionTheCoreDoesNotKnow() {
        assertEquals(Set.of(), FrontEndOptions.unknownCommandLineOptions(FitOptions.SPECS, FIT_COMMAND_OWN, "fit"));
        assertEquals(Set.of(), FrontEndOptions.unknownNodeOptions(FitOptions.SPECS, NODE_OWN,
            new LlmFineTunerSettings().all()));
    }
}
