package org.harmonic.core.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

class LabelQuotaTest {

    @Test
    void countsAreTheLargestRemainderRoundingOfTheRealShares() {
        // 494 / 206 of 700 for 333 rows: 235.01 and 97.99 -> 235 and 98
        assertEquals(Map.of("0", 235, "1", 98), LabelQuota.of(Map.of("0", 494, "1", 206), 333, 10).target());
        // three equal classes, 10 rows: 3.33 each; the one left over goes to the first label in text order
        assertEquals(Map.of("a", 4, "b", 3, "c", 3), LabelQuota.of(Map.of("c", 5, "b", 5, "a", 5), 10, 10).target());
        // a class too rare for its share to round up gets none
        assertEquals(Map.of("x", 3, "y", 0), LabelQuota.of(Map.of("x", 99, "y", 1), 3, 10).target());
    }

    @Test
    void aFullClassIsTurnedAwayWhileAnotherStillHasRoom() {
        LabelQuota quota = LabelQuota.of(Map.of("0", 2, "1", 1), 3, 100);
        assertTrue(quota.admits("1"));
        assertFalse(quota.isFull("1"));
        quota.take("1");
        assertTrue(quota.isFull("1"));
        assertFalse(quota.isFull("0"));
        assertFalse(quota.admits("1"), "class 1 has its one row");
        assertTrue(quota.admits("0"));
        quota.take("0");
        assertTrue(quota.admits("0"));
        quota.take("0");
        assertEquals(Map.of(), quota.shortfall());
    }

    @Test
    void aClassTheGeneratorNeverSamplesDoesNotStallSynthesis() {
        LabelQuota quota = LabelQuota.of(Map.of("common", 9, "rare", 1), 10, 5);
        for (int i = 0; i < 9; i++) {
            assertTrue(quota.admits("common"));
            quota.take("common");
        }
        for (int i = 0; i < 4; i++) {
            assertFalse(quota.admits("common"), "turned away " + (i + 1) + " times in a row");
        }
        assertTrue(quota.admits("common"), "the fifth in a row: the quota gives up");
        quota.take("common");
        assertEquals(Map.of("rare", 1), quota.shortfall());
    }
}
