package org.harmonic.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HeldOutLabelScoreTest {

    @Test
    void aucCountsOrderedPairsAndHalvesTies() {
        boolean[] positive = {true, false, true, false, false};
        // positives 0.9 and 0.4; negatives 0.1, 0.4, 0.5: 0.9 beats all three, 0.4 beats 0.1 and ties 0.4
        double[] score = {0.9, 0.1, 0.4, 0.4, 0.5};
        assertEquals((3 + 1.5) / 6, HeldOutLabelScore.auc(score, positive), 1e-12);
    }

    @Test
    void aucOfAPerfectAndAReversedRanking() {
        boolean[] positive = {true, true, false};
        assertEquals(1.0, HeldOutLabelScore.auc(new double[] {0.8, 0.7, 0.1}, positive), 1e-12);
        assertEquals(0.0, HeldOutLabelScore.auc(new double[] {0.1, 0.2, 0.7}, positive), 1e-12);
    }
}
