package org.harmonic.core.metrics.fidelity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;

import org.harmonic.core.util.Progress;
import org.harmonic.core.metrics.ParallelRows;
import org.harmonic.core.metrics.Percentiles;
import org.harmonic.core.metrics.Statistics;
import org.junit.jupiter.api.Test;

/** Closed-form cases of the building blocks. */
class MetricUnitTest {

    @Test
    void sinkhornOfTwoDiracsIsHalfTheSquaredDistanceAndZeroForIdenticalClouds() {
        try (ParallelRows rows = new ParallelRows(2)) {
            Sinkhorn s = new Sinkhorn(0.05, 0.5);
            // point masses: every plan is the product plan, so S = C(x, y) = |x - y|^2 / 2
            double d = s.divergence(new double[] {0, 0}, new double[] {3, 4}, 2, rows, Progress.none()).divergence();
            assertEquals(12.5, d, 1e-9);
            SplittableRandom random = new SplittableRandom(1);
            double[] x = new double[300 * 3];
            for (int i = 0; i < x.length; i++) {
                x[i] = random.nextDouble();
            }
            assertEquals(0, s.divergence(x, x.clone(), 3, rows, Progress.none()).divergence(), 1e-12);
        }
    }

    @Test
    void epsilonScheduleFollowsGeomloss() {
        // diameter 1, blur 0.05, scaling 0.5: 1, then exp(0), exp(-2 ln 2), ... while > 0.0025, then 0.0025
        java.util.List<Double> eps = new Sinkhorn(0.05, 0.5).epsilonSchedule(1);
        double[] expected = {1.0, 1.0, 0.25, 0.0625, 0.015625, 0.00390625, 0.0025};
        assertEquals(expected.length, eps.size(), eps.toString());
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], eps.get(i), 1e-15);
        }
    }

    @Test
    void oneDimensionalWassersteinAndKs() {
        // scipy: wasserstein_distance([0, 1, 3], [5, 6, 8]) = 5; ks_2samp([1,2,3],[2,3,4]).statistic = 1/3
        assertEquals(5, WassersteinDistance.wasserstein1(new double[] {0, 1, 3}, new double[] {5, 6, 8}), 1e-12);
        assertEquals(1.0 / 3, Statistics.ksStatistic(new double[] {1, 2, 3}, new double[] {2, 3, 4}), 1e-12);
        assertEquals(0.75, Statistics.tvComplement(new String[] {"a", "a", "b", "b"},
                new String[] {"a", "a", "a", "b"}), 1e-12);
    }

    @Test
    void percentilesInterpolateLikeNumpy() {
        // numpy.percentile([1, 2, 3, 4, 10], 5) = 1.2; 50 -> 3
        assertEquals(1.2, Percentiles.percentile(new double[] {10, 2, 3, 1, 4}, 5), 1e-12);
        assertEquals(3, Percentiles.percentile(new double[] {10, 2, 3, 1, 4}, 50), 1e-12);
    }
}
