package org.harmonic.core.lm.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The learning rate and length of a training that ends when it has learned (warm-up, stable, decay). */
class LearnedLengthTest {

    /** German credit's default: the epochs plan 3,036 steps, capped at 3,000; the decay half the steps so far. */
    private static LearnedLength german() {
        return new LearnedLength(2e-3, 0.05, 3000, 0.5, 100);
    }

    @Test
    void theRateWarmsUpThenStaysAtItsPeakUntilThePlateauThenDecaysToATenthAtTheEnd() {
        LearnedLength l = german();
        assertEquals(3000, l.cap());
        assertEquals(2e-3 / 150, l.rate(0), 1e-12, "warm-up over 5 % of the cap");
        assertEquals(2e-3, l.rate(149), 1e-12);
        for (int step = 150; step < 900; step++) {
            l.beforeStep(step);
            assertEquals(2e-3, l.rate(step), 1e-12, "stable at the peak before the plateau");
        }
        assertTrue(l.plateau(900));
        assertTrue(l.learned());
        assertEquals(1350, l.total(), "the decay lasts half the 900 steps before it");
        assertEquals(2e-3, l.rate(900), 1e-12);
        double previous = l.rate(900);
        for (int step = 901; step < 1350; step++) {
            l.beforeStep(step);
            assertTrue(l.rate(step) < previous, "falls every step: " + step);
            previous = l.rate(step);
        }
        assertEquals(2e-5, l.rate(1349), 2e-7, "ends at a hundredth of the peak");
        assertFalse(l.plateau(1000), "decided once");
        assertEquals(1350, l.total());
    }

    @Test
    void withoutAPlateauTheDecayStartsWhereItStillEndsAtTheCap() {
        LearnedLength l = german();
        for (int step = 0; step < 2000; step++) {
            l.beforeStep(step);
        }
        assertFalse(l.decaying());
        l.beforeStep(2000);
        assertTrue(l.decaying());
        assertFalse(l.learned(), "the cap, not the held-out loss, ended it");
        assertEquals(3000, l.total());
        assertEquals(2000, l.decayStart());
        assertFalse(l.plateau(2100), "too late to decide");
    }

    @Test
    void anEarlyPlateauStillDecaysForTheShortestDecay() {
        LearnedLength l = german();
        assertTrue(l.plateau(100));
        assertEquals(200, l.total(), "at least 100 decay steps");
        LearnedLength tiny = new LearnedLength(1e-2, 0.05, 60, 0.5, 10);
        for (int step = 0; step < 40; step++) {
            tiny.beforeStep(step);
        }
        assertFalse(tiny.decaying());
        tiny.beforeStep(40);
        assertTrue(tiny.decaying(), "from two thirds of the cap");
        assertEquals(60, tiny.total());
    }

    @Test
    void progressNeverMovesBackWhateverTheDecisionAndShowsTheForecastAtFirst() {
        for (int decision : new int[] {0, 300, 900, 1300, 1900}) {
            LearnedLength l = german();
            double shown = 0;
            for (int step = 0; step < l.total(); step++) {
                l.beforeStep(step);
                double fraction = (step + 1.0) / l.expectedTotal(step + 1);
                assertTrue(fraction >= shown - 1e-12, "decision " + decision + ", step " + step + ": " + fraction
                        + " < " + shown);
                shown = fraction;
                if (step + 1 == decision) {
                    l.plateau(step + 1);
                }
            }
            assertEquals(1.0, shown, 1e-12);
        }
        assertEquals(2500, german().expectedTotal(100), 0, "between the latest decay start and the cap");
    }
}
