package org.harmonic.core.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The default training length of the from-scratch generator: about 2000 optimizer steps. */
class DefaultGeneratorTest {

    @Test
    void germanCreditGetsFourteenEpochsOfFour() {
        // 587 instructions (the reference label filter on 700 rows) in batches of 4: 147 steps an epoch
        int epochs = DefaultGenerator.epochsFor(587, DefaultGenerator.BATCH_SIZE);
        assertEquals(14, epochs);
        assertTrue(epochs * 147 >= DefaultGenerator.TARGET_STEPS && (epochs - 1) * 147 < DefaultGenerator.TARGET_STEPS);
    }

    @Test
    void smallAndLargeTablesStayWithinThreeToThirtyEpochs() {
        assertEquals(DefaultGenerator.MAX_EPOCHS, DefaultGenerator.epochsFor(40, 4), "40 rows would need 200 epochs");
        assertEquals(DefaultGenerator.MIN_EPOCHS, DefaultGenerator.epochsFor(45_211, 4), "bank-full: 3 epochs");
        assertEquals(DefaultGenerator.MIN_EPOCHS, DefaultGenerator.epochsFor(0, 4));
        assertEquals(4, DefaultGenerator.epochsFor(2_000, 4), "500 steps an epoch");
    }
}
