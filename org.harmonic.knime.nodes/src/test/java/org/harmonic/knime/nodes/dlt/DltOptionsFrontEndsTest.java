package org.harmonic.knime.nodes.dlt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;

import org.harmonic.core.options.EvaluateOptions;
import org.harmonic.core.options.OptionSpec.Front;
import org.harmonic.knime.nodes.FrontEndOptions;
import org.junit.jupiter.api.Test;

/** The DLT node's options against the core's catalogue ({@link EvaluateOptions#DLT_NODE}). */
class DltOptionsFrontEndsTest {

    @Test
    void theNodeDefaultsAndBoundsItsOptionsAsTheCoreAndHasNoOther() throws Exception {
        FrontEndOptions.assertNodeDefaultsAndBounds(EvaluateOptions.DLT_NODE, new DataLeakageTestSettings().all());
        assertEquals(Set.of(), FrontEndOptions.unknownNodeOptions(EvaluateOptions.DLT_NODE, Set.of(),
            new DataLeakageTestSettings().all()));
    }

    @Test
    void theNodeScoresAsHarmonicEvaluateDoesByDefault() throws Exception {
        assertEquals(EvaluateOptions.defaults(Front.CLI).dlt(), new DataLeakageTestSettings().checkedOptions().dlt());
    }
}
