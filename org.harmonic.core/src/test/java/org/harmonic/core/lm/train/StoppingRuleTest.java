package org.harmonic.core.lm.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.harmonic.core.util.HarmonicInputException;
import org.junit.jupiter.api.Test;

/** How many instructions early stopping holds out, and what turns it off. */
class StoppingRuleTest {

    @Test
    void aTenthIsHeldOutBetweenEightAndSixtyFour() {
        StoppingRule rule = new StoppingRule(0.1, 100, 3, 0);
        assertEquals(59, rule.heldOutCount(587), "German credit's 587 instructions");
        assertEquals(8, rule.heldOutCount(50), "at least 8 for a stable mean");
        assertEquals(StoppingRule.MAX_HELD_OUT, rule.heldOutCount(45_000), "at most 64: scored in seconds");
        assertEquals(0, rule.heldOutCount(39), "tiny sets keep every instruction for training");
    }

    @Test
    void patienceZeroHoldsNothingOut() {
        StoppingRule off = new StoppingRule(0.1, 100, 0, 0);
        assertFalse(off.evaluates());
        assertEquals(0, off.heldOutCount(587));
        assertFalse(StoppingRule.none().evaluates());
        assertTrue(new StoppingRule(0.1, 100, 3, 0).evaluates());
        assertEquals(5.0, off.withMaxMinutes(5).maxMinutes());
    }

    @Test
    void badValuesNameTheOption() {
        assertThrows(HarmonicInputException.class, () -> new StoppingRule(0.6, 100, 3, 0));
        assertThrows(HarmonicInputException.class, () -> new StoppingRule(0.1, 0, 3, 0));
        assertThrows(HarmonicInputException.class, () -> new StoppingRule(0.1, 100, -1, 0));
        HarmonicInputException e = assertThrows(HarmonicInputException.class,
                () -> new StoppingRule(0.1, 100, 3, -2));
        assertTrue(e.getMessage().contains("--max-minutes"), e.getMessage());
    }

    @Test
    void theStepCapBoundsThePlanAndZeroMeansNone() {
        assertEquals(3000, StoppingRule.none().withMaxSteps(3000).capSteps(18_735));
        assertEquals(2058, StoppingRule.none().withMaxSteps(3000).capSteps(2058));
        assertEquals(18_735, StoppingRule.none().capSteps(18_735));
        assertThrows(HarmonicInputException.class, () -> StoppingRule.none().withMaxSteps(-1));
    }
}
