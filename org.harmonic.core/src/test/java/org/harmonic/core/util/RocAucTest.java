package org.harmonic.core.util;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RocAucTest {

    @Test
    void countsOrderedPairsAndHalvesTies() {
        boolean[] positive = {true, false, true, false, false};
        // positives 0.9 and 0.4; negatives 0.1, 0.4, 0.5: 0.9 beats all three, 0.4 beats 0.1 and ties 0.4
        double[] score = {0.9, 0.1, 0.4, 0.4, 0.5};
        assertEquals((3 + 1.5) / 6, RocAuc.of(score, positive), 1e-12);
    }

    @Test
    void aPerfectAndAReversedRanking() {
        boolean[] positive = {true, true, false};
        assertEquals(1.0, RocAuc.of(new double[] {0.8, 0.7, 0.1}, positive), 1e-12);
        assertEquals(0.0, RocAuc.of(new double[] {0.1, 0.2, 0.7}, positive), 1e-12);
    }

    @Test
    void oneClassAloneRanksNothing() {
        assertEquals(0.5, RocAuc.of(new double[] {0.1, 0.9}, new boolean[] {true, true}), 1e-12);
    }
}
