package org.harmonic.core.options;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.harmonic.core.options.OptionSpec.Front;
import org.harmonic.core.util.HarmonicInputException;
import org.junit.jupiter.api.Test;

/** Fitting options out of bounds fail with the one bounds message, in each front-end's words. */
class FitOptionsTest {

    private static FitOptions with(Front front, Double learningRate, Double loraDropout, Double dpDelta) {
        return new FitOptions(front, null, null, null, learningRate, null, null, null, null, null, null, null, null,
                null, null, null, loraDropout, null, dpDelta == null ? null : 8.0, dpDelta, null, null, null, null);
    }

    @Test
    void numbersOutsideTheirBoundsNameTheOptionInTheFrontEndsWords() {
        assertEquals("--lr must be above 0 and at most 1, got 5", assertThrows(HarmonicInputException.class,
                () -> with(Front.CLI, 5.0, null, null).check()).getMessage());
        assertEquals("'learning_rate' must be between 0 and 1, got 5", assertThrows(HarmonicInputException.class,
                () -> with(Front.KNIME, 5.0, null, null).check()).getMessage());
        assertEquals("'lora_dropout' must be between 0 and 0.99, got 1.5", assertThrows(HarmonicInputException.class,
                () -> with(Front.KNIME, null, 1.5, null).training(1, 0, 100)).getMessage());
        // the DP settings alone are checked too (a node reads them before training)
        assertEquals("--dp-delta must be above 0 and at most 0.5, got 0.7", assertThrows(HarmonicInputException.class,
                () -> with(Front.CLI, null, null, 0.7).privacy()).getMessage());
        // KNIME stores 0 for "automatic"; on the command line, which leaves the option out instead, 0 is no value
        assertEquals("--lr must be above 0 and at most 1, got 0 (leave it out for its default)",
                assertThrows(HarmonicInputException.class, () -> with(Front.CLI, 0.0, null, null).check()).getMessage());
        assertEquals("--lr must be above 0 and at most 1, got NaN", assertThrows(HarmonicInputException.class,
                () -> with(Front.CLI, Double.NaN, null, null).check()).getMessage());
    }

    @Test
    void valuesWithinTheBoundsPass() {
        assertEquals(0.01, with(Front.CLI, 0.01, null, null).training(1, 0, 100).learningRate(), 0);
        assertEquals(1e-3, with(Front.KNIME, null, null, 1e-3).privacy().delta(), 0);
    }

    /** A private fit from scratch, with the batch and stage-1 epochs given or (null) automatic. */
    private static FitOptions privateFit(Integer batch, Integer stage1Epochs) {
        return new FitOptions(Front.CLI, null, null, null, null, batch, null, null, null, null, null, null, null,
                null, null, null, null, null, 8.0, null, null, stage1Epochs, null, null);
    }

    @Test
    void privateTrainingFromScratchTakesLargeBatchesAndALongPublicStage() {
        // DP-SGD's noise on the mean gradient falls with the batch; the public stage teaches neighbourhoods
        assertEquals(org.harmonic.core.generator.DefaultGenerator.DP_BATCH_SIZE,
                privateFit(null, null).training(1, 700, 700).batchSize());
        assertEquals(40, privateFit(null, null).training(1, 40, 40).batchSize(), "at most the instructions");
        assertEquals(org.harmonic.core.generator.DefaultGenerator.DP_STAGE1_EPOCHS,
                privateFit(null, null).privacy().stage1Epochs());
        // what the user gives stands
        assertEquals(16, privateFit(16, null).training(1, 700, 700).batchSize());
        assertEquals(0, privateFit(null, 0).privacy().stage1Epochs());
        // without DP the default model keeps its batch
        assertEquals(org.harmonic.core.generator.DefaultGenerator.BATCH_SIZE,
                with(Front.CLI, null, null, null).training(1, 700, 700).batchSize());
    }
}
