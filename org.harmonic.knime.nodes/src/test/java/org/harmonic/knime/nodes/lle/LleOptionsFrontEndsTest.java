package org.harmonic.knime.nodes.lle;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;

import org.harmonic.core.options.EvaluateOptions;
import org.harmonic.core.options.OptionSpec.Front;
import org.harmonic.knime.nodes.FrontEndOptions;
import org.junit.jupiter.api.Test;

/** The LLE node's options against the core's catalogue ({@link EvaluateOptions#LLE_NODE}). */
class LleOptionsFrontEndsTest {

    @Test
    void theNodeDefaultsAndBoundsItsOptionsAsTheCoreAndHasNoOther() throws Exception {
        FrontEndOptions.assertNodeDefaultsAndBounds(EvaluateOptions.LLE_NODE, new LlmEffectivenessSettings().all());
        assertEquals(Set.of(), FrontEndOptions.unknownNodeOptions(EvaluateOptions.LLE_NODE, Set.of(),
            new LlmEffectivenessSettings().all()));
    }

    @Test
    void theNodeFineTunesAsHarmonicEvaluateDoesByDefault() throws Exception {
        assertEquals(EvaluateOptions.defaults(Front.CLI).lle(), new LlmEffectivenessSettings().checkedOptions().lle());
    }
}
