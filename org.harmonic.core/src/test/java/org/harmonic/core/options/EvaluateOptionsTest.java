package org.harmonic.core.options;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.harmonic.core.knn.TaskType;
import org.harmonic.core.lm.Perplexity;
import org.harmonic.core.metrics.DcrVariant;
import org.harmonic.core.metrics.EvaluationConfig;
import org.harmonic.core.metrics.lm.LanguageModelMetrics;
import org.harmonic.core.options.OptionSpec.Front;
import org.harmonic.core.util.HarmonicInputException;
import org.junit.jupiter.api.Test;

class EvaluateOptionsTest {

    private static EvaluateOptions cli(String task, List<String> metrics, String dcr, String perplexity,
            Integer lleEpochs, String lleLabels) {
        return new EvaluateOptions(Front.CLI, task, null, metrics, dcr, null, null, null, null, perplexity, null, null,
                lleLabels, null, null, lleEpochs, null, null, null, null);
    }

    @Test
    void nothingGivenIsWhatHarmonicRunEvaluatesWith() {
        // harmonic run (HarmonicPipeline) evaluates with the core's defaults; evaluate must agree
        EvaluateOptions defaults = EvaluateOptions.defaults(Front.CLI);
        assertEquals(EvaluationConfig.defaults(), defaults.evaluation());
        assertEquals(LanguageModelMetrics.Options.defaults(), defaults.languageModel());
        assertEquals(416, defaults.seedValue());
        assertEquals("cpu", defaults.deviceValue());
    }

    @Test
    void givenValuesReachTheSettings() {
        EvaluateOptions o = cli("Binary Classification", List.of("dm", "MLE"), "REFERENCE", "reference", 3, "0=good,1=bad");
        EvaluationConfig c = o.evaluation();
        assertEquals(List.of("dm", "mle"), c.metrics());
        assertEquals(TaskType.BINARY_CLASSIFICATION, c.task());
        assertEquals(DcrVariant.REFERENCE, c.dcrVariant());
        assertEquals(Perplexity.Base.REFERENCE_BASE2, o.dlt().base());
        assertEquals(3, o.lle().training().epochs());
        assertEquals("bad", o.lle().labelWords().get("1"));
    }

    @Test
    void badValuesNameTheOptionInTheFrontEndsWords() {
        assertEquals("--metrics: unknown metric 'xyz'; use any of dm, wd, cs, mle, dcr, nrs, dlt, lle",
                assertThrows(HarmonicInputException.class, () -> cli(null, List.of("xyz"), null, null, null, null)
                        .evaluation()).getMessage());
        assertEquals("unknown --dcr 'median'; use one of mean, reference", assertThrows(HarmonicInputException.class,
                () -> cli(null, null, "median", null, null, null).evaluation()).getMessage());
        String epochs = assertThrows(HarmonicInputException.class,
                () -> new EvaluateOptions(Front.KNIME, null, null, null, null, null, null, null, null, null, null, null,
                        null, null, null, 0, null, null, null, null).lle()).getMessage();
        assertTrue(epochs.startsWith("'epochs' is 0; the classifier needs at least 1"), epochs);
        String words = assertThrows(HarmonicInputException.class,
                () -> cli(null, null, null, null, null, "good,bad").lle()).getMessage();
        assertTrue(words.startsWith("--lle-labels: "), words);
        assertEquals("--dlt-max-rows must be between 0 and 2147483647, got -1", assertThrows(HarmonicInputException.class,
                () -> new EvaluateOptions(Front.CLI, null, null, null, null, null, null, null, null, null, -1, null,
                        null, null, null, null, null, null, null, null).dlt()).getMessage());
    }

    @Test
    void mleRepeatsReachTheSettingsWithinTheirBounds() {
        assertEquals(1, EvaluateOptions.defaults(Front.CLI).evaluation().mleRepeats());
        assertEquals(5, repeats(Front.CLI, 5).evaluation().mleRepeats());
        assertEquals("--mle-repeats must be between 1 and 100, got 0", assertThrows(HarmonicInputException.class,
                () -> repeats(Front.CLI, 0).evaluation()).getMessage());
        assertEquals("'mle_repeats' must be between 1 and 100, got 101", assertThrows(HarmonicInputException.class,
                () -> repeats(Front.KNIME, 101).evaluation()).getMessage());
    }

    private static EvaluateOptions repeats(Front front, int n) {
        return new EvaluateOptions(front, null, null, null, null, null, null, n, null, null, null, null, null, null,
                null, null, null, null, null, null);
    }
}
