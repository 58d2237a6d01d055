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
                null, null, null, loraDropout, null, dpDelta == null ? null : 8.0, dpDelta, null, null, null, null, null);
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
                null, null, null, null, null, 8.0, null, null, stage1Epochs, null, null, null);
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

    /** A fit from scratch choosing among {@code candidates} trainings, with the patience and epsilon given or null. */
    private static FitOptions candidates(Front front, Integer candidates, Integer patience, Double epsilon) {
        return new FitOptions(front, null, null, null, null, null, null, null, null, patience, null, null, null,
                null, null, null, null, null, epsilon, null, null, null, null, null, candidates);
    }

    @Test
    void candidatesAreOneByDefaultAndNeedTheHeldOutEvaluation() {
        assertEquals(1, candidates(Front.CLI, null, null, null).training(1, 0, 700).candidates());
        assertEquals(3, candidates(Front.KNIME, 3, null, null).training(1, 0, 700).candidates());
        assertEquals("'candidates' must be between 1 and 8, got 0", assertThrows(HarmonicInputException.class,
                () -> candidates(Front.KNIME, 0, null, null).check()).getMessage());
        String noHeldOut = assertThrows(HarmonicInputException.class,
                () -> candidates(Front.CLI, 2, 0, null).check()).getMessage();
        assertEquals("--candidates 2 chooses the training with the lowest held-out loss, and this training holds "
                + "nothing out (--patience 0, or a base model without --patience); give --patience a value above 0, "
                + "or leave it unset for the model from scratch", noHeldOut);
        String dp = assertThrows(HarmonicInputException.class,
                () -> candidates(Front.KNIME, 2, null, 8.0).check()).getMessage();
        assertEquals("'candidates' 2 chooses the training with the lowest held-out loss, and a DP training holds "
                + "nothing out (a held-out score would be a release outside the accounting); set it to 1 with "
                + "'dp_epsilon'", dp);
        // one training is always possible
        assertEquals(1, candidates(Front.CLI, 1, 0, 8.0).training(1, 0, 700).candidates());
    }
}
