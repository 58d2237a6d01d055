package org.harmonic.core.lm.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

import org.harmonic.core.TestData;
import org.junit.jupiter.api.Test;

/**
 * The accountant against values computed independently from the published RDP formulas:
 * {@code src/test/resources/dp/rdp_expected.py} integrates the definition of A_alpha numerically
 * with mpmath (checked against the binomial closed form with scipy for integer orders) and wrote
 * {@code rdp_expected.csv}.
 */
class RdpAccountantTest {
    private final RdpAccountant accountant = new RdpAccountant();

    private static List<String[]> expected() throws IOException {
        return Files.readAllLines(TestData.resource("dp/rdp_expected.csv")).stream().skip(1).map(l -> l.split(","))
                .toList();
    }

    @Test
    void perStepRdpMatchesNumericalIntegrationAtIntegerAndFractionalOrders() throws IOException {
        int checked = 0;
        for (String[] row : expected()) {
            if (row[0].equals("step_rdp")) {
                double q = Double.parseDouble(row[1]);
                double sigma = Double.parseDouble(row[2]);
                double order = Double.parseDouble(row[4]);
                double want = Double.parseDouble(row[5]);
                double got = RdpAccountant.stepRdp(q, sigma, order);
                assertEquals(want, got, 1e-6 * Math.abs(want), "q=" + q + " sigma=" + sigma + " order=" + order);
                checked++;
            }
        }
        assertEquals(40, checked);
    }

    @Test
    void epsilonOfKnownSettingsMatchesTheIndependentComputation() throws IOException {
        int checked = 0;
        for (String[] row : expected()) {
            if (row[0].endsWith("epsilon")) {
                double q = Double.parseDouble(row[1]);
                double sigma = Double.parseDouble(row[2]);
                long steps = Long.parseLong(row[3]);
                double delta = Double.parseDouble(row[4]);
                double want = Double.parseDouble(row[5]);
                double[] rdp = accountant.rdp(q, sigma, steps);
                double got = row[0].equals("epsilon") ? accountant.epsilon(rdp, delta).epsilon()
                        : accountant.classicEpsilon(rdp, delta);
                assertEquals(want, got, 1e-6 * want, String.join(",", row));
                checked++;
            }
        }
        assertEquals(10, checked);
    }

    @Test
    void calibratedSigmaHitsTheTargetEpsilonWithinOnePercent() {
        double delta = 1.0 / 700;
        for (double target : new double[] {0.5, 1, 3, 8, 20}) {
            double q = 8.0 / 700;
            long steps = 3 * 88;
            double sigma = accountant.calibrateSigma(target, delta, q, steps);
            double eps = accountant.spent(q, sigma, steps, delta).epsilon();
            assertTrue(eps <= target && eps >= 0.99 * target, "target " + target + ": sigma " + sigma + " gives " + eps);
        }
    }

    @Test
    void moreNoiseFewerStepsOrSmallerSamplingSpendLess() {
        double delta = 1e-5;
        double base = accountant.spent(0.01, 1.0, 1000, delta).epsilon();
        assertTrue(accountant.spent(0.01, 1.5, 1000, delta).epsilon() < base);
        assertTrue(accountant.spent(0.01, 1.0, 500, delta).epsilon() < base);
        assertTrue(accountant.spent(0.005, 1.0, 1000, delta).epsilon() < base);
        // q = 1 is the plain Gaussian mechanism: rdp(alpha) = steps * alpha / (2 sigma^2)
        assertEquals(10 * 2.0 / 2, accountant.rdp(1, 1, 10)[3], 1e-12);
    }
}
