package org.harmonic.core.options;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.harmonic.core.options.OptionSpec.Front;
import org.harmonic.core.util.HarmonicInputException;
import org.junit.jupiter.api.Test;

/** The bounds of an option whose automatic number (-1) marks "not given" below values that start at 0. */
class OptionSpecTest {

    @Test
    void knimeStoresMinusOneForAutomaticAndNothingElseBelowZeroIsAValue() {
        OptionSpec spec = SynthesizeOptions.LABEL_TEMPERATURE;
        assertDoesNotThrow(() -> spec.checkBounds(Front.KNIME, -1.0));
        assertDoesNotThrow(() -> spec.checkBounds(Front.KNIME, 0.0));
        assertDoesNotThrow(() -> spec.checkBounds(Front.CLI, 0.0));
        assertEquals("'label_temperature' must be between 0 and 100, or -1 for automatic, got -0.5",
                assertThrows(HarmonicInputException.class, () -> spec.checkBounds(Front.KNIME, -0.5)).getMessage());
        assertEquals("--label-temperature must be between 0 and 100, got -0.5",
                assertThrows(HarmonicInputException.class, () -> spec.checkBounds(Front.CLI, -0.5)).getMessage());
        // the whole-number options with the same marker read alike
        assertEquals("'dp_stage1_epochs' must be between 0 and 10000, or -1 for automatic, got -2",
                assertThrows(HarmonicInputException.class,
                        () -> FitOptions.DP_STAGE1_EPOCHS.checkBounds(Front.KNIME, -2)).getMessage());
    }

    @Test
    void theAutomaticLabelTemperatureIsLeftToTheGenerator() {
        SynthesizeOptions knime = new SynthesizeOptions(Front.KNIME, null, null, null, null, java.util.List.of(), null,
                null, null, null, -1.0, null, null, null, null, null, null, null);
        assertEquals(Double.NaN, knime.config(10, 1).labelTemperature());
        assertEquals(Double.NaN, SynthesizeOptions.defaults().config(10, 1).labelTemperature());
        SynthesizeOptions given = new SynthesizeOptions(Front.CLI, null, null, null, null, java.util.List.of(), null,
                null, null, null, 0.0, null, null, null, null, null, null, null);
        assertEquals(0.0, given.config(10, 1).labelTemperature());
    }

    @Test
    void theAutomaticSamplingTemperatureIsLeftToTheGenerator() {
        SynthesizeOptions knime = new SynthesizeOptions(Front.KNIME, null, -1.0, null, null, java.util.List.of(), null,
                null, null, null, null, null, null, null, null, null, null, null);
        assertEquals(Double.NaN, knime.config(10, 1).sampling().temperature());
        assertEquals(Double.NaN, SynthesizeOptions.defaults().config(10, 1).sampling().temperature());
        SynthesizeOptions greedy = new SynthesizeOptions(Front.CLI, null, 0.0, null, null, java.util.List.of(), null,
                null, null, null, null, null, null, null, null, null, null, null);
        assertEquals(0.0, greedy.config(10, 1).sampling().temperature());
        assertEquals("'temperature' must be between 0 and 100, or -1 for automatic, got -0.5",
                assertThrows(HarmonicInputException.class,
                        () -> SynthesizeOptions.TEMPERATURE.checkBounds(Front.KNIME, -0.5)).getMessage());
    }

    @Test
    void theAutomaticGuidanceIsLeftToTheGenerator() {
        SynthesizeOptions knime = new SynthesizeOptions(Front.KNIME, null, null, null, null, java.util.List.of(), null,
                null, null, null, null, null, null, null, -1.0, null, null, null);
        assertEquals(Double.NaN, knime.config(10, 1).guidance());
        assertEquals(Double.NaN, SynthesizeOptions.defaults().config(10, 1).guidance());
        SynthesizeOptions off = new SynthesizeOptions(Front.CLI, null, null, null, null, java.util.List.of(), null,
                null, null, null, null, null, null, null, 0.0, null, null, null);
        assertEquals(0.0, off.config(10, 1).guidance());
        assertEquals("--guidance must be between 0 and 10, got -1 (leave it out for its default)",
                assertThrows(HarmonicInputException.class,
                        () -> SynthesizeOptions.GUIDANCE.checkBounds(Front.CLI, -1.0)).getMessage());
    }

    @Test
    void theAutomaticRowsPerPromptAreLeftToTheTablesSize() {
        assertEquals(0, SynthesizeOptions.defaults().config(10, 1).rowsPerPrompt());
        assertEquals(1, SynthesizeOptions.defaults().config(10, 1).rowsPerPromptFor(1_999));
        assertEquals(4, SynthesizeOptions.defaults().config(10, 1).rowsPerPromptFor(2_000));
        SynthesizeOptions two = new SynthesizeOptions(Front.CLI, null, null, null, null, java.util.List.of(), null,
                null, null, null, null, null, null, null, null, null, 2, null);
        assertEquals(2, two.config(10, 1).rowsPerPromptFor(45_000));
        assertEquals("--rows-per-prompt must be between 1 and 16, got 0 (leave it out for its default)",
                assertThrows(HarmonicInputException.class,
                        () -> SynthesizeOptions.ROWS_PER_PROMPT.checkBounds(Front.CLI, 0)).getMessage());
        assertEquals("'rows_per_prompt' must be between 0 and 16, got 17",
                assertThrows(HarmonicInputException.class,
                        () -> SynthesizeOptions.ROWS_PER_PROMPT.checkBounds(Front.KNIME, 17)).getMessage());
    }
}
