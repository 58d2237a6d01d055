package org.harmonic.core.lm.train;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.harmonic.core.util.HarmonicInputException;
import org.harmonic.core.util.Progress;
import org.junit.jupiter.api.Test;

/** A training too long to plan is bad input with the fix, before any memory or time is spent. */
class TrainingPlanTest {

    @Test
    void millionsOfEpochsAreRejectedUpFront() {
        List<TrainingExample> examples = new ArrayList<>();
        for (int i = 0; i < 587; i++) {
            examples.add(new TrainingExample(new int[] {1, 2, 3, 4}, 2));
        }
        Trainer trainer = new Trainer(TrainingConfig.defaults().withEpochs(1_000_000), 0);
        // no model is touched: the check comes first
        HarmonicInputException e = assertThrows(HarmonicInputException.class,
                () -> trainer.train(null, examples, null, Progress.none()));
        assertTrue(e.getMessage().contains("lower --epochs"), e.getMessage());
    }
}
