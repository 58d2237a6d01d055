package org.harmonic.core.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.harmonic.core.lm.train.TrainingConfig;
import org.harmonic.core.util.HarmonicInputException;
import org.junit.jupiter.api.Test;

/**
 * The default training length of the from-scratch generator: epochs for the 3,000-step cap over the
 * instructions left after the held-out ones (it ends earlier when it has learned); about 2,000 optimizer
 * steps when every planned step runs ({@code --patience 0}).
 */
class DefaultGeneratorTest {

    @Test
    void germanCreditGetsFourteenEpochsOfFour() {
        // 587 instructions (the reference label filter on 700 rows) in batches of 4: 147 steps an epoch
        int epochs = DefaultGenerator.epochsFor(587, DefaultGenerator.BATCH_SIZE);
        assertEquals(14, epochs);
        assertTrue(epochs * 147 >= DefaultGenerator.TARGET_STEPS && (epochs - 1) * 147 < DefaultGenerator.TARGET_STEPS);
    }

    /** The default: a training that ends when it has learned. */
    private static final org.harmonic.core.lm.train.StoppingRule LEARNED = DefaultGenerator.STOPPING;
    /** {@code --patience 0}: every planned step. */
    private static final org.harmonic.core.lm.train.StoppingRule PLANNED = new org.harmonic.core.lm.train.StoppingRule(
            0.1, 100, 0, 0, DefaultGenerator.MAX_STEPS, DefaultGenerator.ANNEAL_SHARE);

    @Test
    void aTrainingThatEndsWhenItHasLearnedPlansItsCapOverTheInstructionsItTrainsOn() {
        assertTrue(LEARNED.anneals());
        assertTrue(!PLANNED.anneals());
        // 587 instructions less 59 held out, in batches of 4: 132 steps an epoch, 23 epochs reach 3,000
        assertEquals(23, DefaultGenerator.epochsFor(587, 4, LEARNED));
        assertEquals(14, DefaultGenerator.epochsFor(587, 4, LEARNED.withMaxSteps(1800)));
        assertEquals(14, DefaultGenerator.epochsFor(587, 4, PLANNED), "the 2,000-step plan");
        assertEquals(DefaultGenerator.MIN_EPOCHS, DefaultGenerator.epochsFor(45_211, 4, LEARNED));
        assertEquals(DefaultGenerator.MAX_EPOCHS, DefaultGenerator.epochsFor(100, 4, LEARNED));
    }

    @Test
    void smallAndLargeTablesStayWithinThreeToThirtyEpochs() {
        assertEquals(DefaultGenerator.MAX_EPOCHS, DefaultGenerator.epochsFor(40, 4), "40 rows would need 200 epochs");
        assertEquals(DefaultGenerator.MIN_EPOCHS, DefaultGenerator.epochsFor(45_211, 4), "bank-full: 3 epochs");
        assertEquals(DefaultGenerator.MIN_EPOCHS, DefaultGenerator.epochsFor(0, 4));
        assertEquals(4, DefaultGenerator.epochsFor(2_000, 4), "500 steps an epoch");
    }

    @Test
    void defaultTrainingFillsOnlyWhatTheUserLeftOpen() {
        TrainingConfig scratch = FineTuner.defaultTraining(true, 587, null, null, null);
        assertEquals(4, scratch.batchSize());
        assertEquals(23, scratch.epochs(), "the cap's epochs: it ends when it has learned");
        assertTrue(scratch.stopping().anneals());
        assertEquals(TrainingConfig.defaults().learningRate(), scratch.learningRate());
        assertEquals(0.1, scratch.weightDecay(), "the from-scratch model's decay (docs/quality.md section 13)");
        assertEquals(12, FineTuner.defaultTraining(true, 587, 2, null, null).epochs(), "batches of 2: 264 steps an epoch");
        assertEquals(DefaultGenerator.MAX_EPOCHS, FineTuner.defaultTraining(true, 587, 4, 2, null).epochs(),
                "8 examples a step: 66 steps an epoch would need 46");
        assertEquals(5, FineTuner.defaultTraining(true, 587, null, null, 5).epochs());
        TrainingConfig base = FineTuner.defaultTraining(false, 587, null, null, null);
        assertEquals(FineTuner.PRETRAINED_LEARNING_RATE, base.learningRate());
        assertEquals(TrainingConfig.defaults().batchSize(), base.batchSize());
        assertEquals(TrainingConfig.defaults().epochs(), base.epochs());
        assertEquals(TrainingConfig.defaults().weightDecay(), base.weightDecay(),
                "a pretrained base keeps the general decay");
    }

    @Test
    void aBatchBelowOneIsABadInputNotADivisionByZero() {
        assertThrows(HarmonicInputException.class, () -> FineTuner.defaultTraining(true, 587, 0, null, null));
        assertThrows(HarmonicInputException.class, () -> FineTuner.defaultTraining(true, 587, 4, 0, null));
    }

    @Test
    void aLargeTablesTrainingIsCappedWhileGermanCreditsIsNot() {
        // the 26k-row table planned 3 epochs of 6,512 steps: 2.6 hours on 2 cores
        org.harmonic.core.lm.train.Trainer large = new org.harmonic.core.lm.train.Trainer(
                FineTuner.defaultTraining(true, 26_048, null, null, null), 0);
        assertEquals(DefaultGenerator.MAX_STEPS, large.totalSteps(26_048));
        org.harmonic.core.lm.train.Trainer german = new org.harmonic.core.lm.train.Trainer(
                FineTuner.defaultTraining(true, 587, null, null, null), 0);
        assertEquals(DefaultGenerator.MAX_STEPS, german.totalSteps(587 - 59), "23 epochs of 132 steps, capped");
        assertEquals(2500, german.expectedSteps(587), "progress expects 2,500 (measured: 1,950-2,250; bank-full 3,000)");
        // a --base model has no cap by default; --max-steps 0 lifts the cap
        assertEquals(0, FineTuner.defaultTraining(false, 26_048, null, null, null).stopping().maxSteps());
        TrainingConfig uncapped = FineTuner.defaultTraining(true, 26_048, null, null, null);
        uncapped = uncapped.withStopping(uncapped.stopping().withMaxSteps(0));
        assertEquals(3 * 6_512, new org.harmonic.core.lm.train.Trainer(uncapped, 0).totalSteps(26_048));
    }
}
