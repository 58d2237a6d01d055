package org.harmonic.knime.nodes.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.harmonic.core.metrics.EvaluationConfig;
import org.harmonic.core.options.EvaluateOptions;
import org.harmonic.core.options.OptionSpec.Front;
import org.harmonic.knime.nodes.FrontEndOptions;
import org.junit.jupiter.api.Test;

/**
 * Every option of evaluating, as {@code harmonic evaluate} and the Fidelity Metrics node expose it,
 * against the core's catalogue ({@link EvaluateOptions#SPECS}); the DLT and LLE nodes have their own
 * tests beside them.
 */
class EvaluateOptionsFrontEndsTest {

    /** Inputs and outputs of {@code harmonic evaluate}. */
    private static final Set<String> COMMAND_OWN = Set.of("--real", "--synthetic", "--test", "--out", "--html",
        "--generator", "--help", "--version");

    /** The node's metric check boxes: {@link EvaluateOptions#METRICS} as one boolean per built-in metric. */
    private static Set<String> metricKeys() {
        return EvaluationConfig.BUILT_IN.stream().map(id -> "metric_" + id).collect(Collectors.toSet());
    }

    @Test
    void theCommandLineDefaultsEveryEvaluationOptionAsTheCore() {
        FrontEndOptions.assertCommandLineDefaults(EvaluateOptions.SPECS, "evaluate");
        // harmonic run evaluates too; of the evaluation options it takes the MLE repeats
        FrontEndOptions.assertCommandLineDefaults(List.of(EvaluateOptions.MLE_REPEATS), "run");
    }

    @Test
    void theNodeDefaultsAndBoundsItsEvaluationOptionsAsTheCore() throws Exception {
        FrontEndOptions.assertNodeDefaultsAndBounds(EvaluateOptions.FIDELITY_NODE, new FidelityMetricsSettings().all());
    }

    @Test
    void noFrontEndHasAnEvaluationOptionTheCoreDoesNotKnow() {
        assertEquals(Set.of(), FrontEndOptions.unknownCommandLineOptions(EvaluateOptions.SPECS, COMMAND_OWN,
            "evaluate"));
        assertEquals(Set.of(), FrontEndOptions.unknownNodeOptions(EvaluateOptions.FIDELITY_NODE, metricKeys(),
            new FidelityMetricsSettings().all()));
    }

    @Test
    void theNodeEvaluatesAsTheCommandLineDoesForTheSameMetrics() throws Exception {
        EvaluationConfig node = new FidelityMetricsSettings().checkedOptions(true).evaluation();
        EvaluationConfig cli = new EvaluateOptions(Front.CLI, null, null, EvaluationConfig.BUILT_IN, null, null, null,
            null, null, null, null, null, null, null, null, null, null, null, null, null).evaluation();
        assertEquals(cli, node);
        assertEquals(List.copyOf(EvaluationConfig.BUILT_IN), node.metrics());
    }
}
