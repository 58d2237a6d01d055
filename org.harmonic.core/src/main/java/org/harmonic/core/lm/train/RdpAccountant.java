package org.harmonic.core.lm.train;

import java.util.Arrays;

import smile.math.special.Erf;

/**
 * Rényi-DP accountant of the sampled Gaussian mechanism (Mironov, Talwar and Zhang, "Rényi
 * Differential Privacy of the Sampled Gaussian Mechanism", 2019), the mechanism of one DP-SGD
 * step: each example joins the batch independently with probability q (Poisson sampling), the
 * sum of per-example gradients clipped to norm C gets Gaussian noise of standard deviation
 * sigma * C. Neighbouring datasets differ by adding or removing one example.
 *
 * <p>For an order alpha the step is (alpha, log(A_alpha) / (alpha - 1))-RDP with
 * A_alpha = E_{z ~ N(0, sigma^2)} [((1 - q) + q exp((2z - 1) / (2 sigma^2)))^alpha];
 * <ul>
 *   <li>integer alpha: the closed form (paper, section 3.3)
 *       A_alpha = sum_k binom(alpha, k) (1 - q)^(alpha - k) q^k exp((k^2 - k) / (2 sigma^2)),
 *       summed in log space;</li>
 *   <li>fractional alpha: the paper's two convergent series with the generalised binomial
 *       coefficient and erfc tails, summed until the terms fall below exp(-30).</li>
 * </ul>
 * RDP composes additively over steps. The conversion to (epsilon, delta) is the improved one of
 * Balle, Barthe, Gaboardi, Hsu and Sato, "Hypothesis Testing Interpretations and Renyi
 * Differential Privacy" (AISTATS 2020, theorem 21), the one Opacus and TF Privacy use:
 * epsilon = rdp + log((alpha - 1) / alpha) - (log(delta) + log(alpha)) / (alpha - 1),
 * minimised over the orders; {@link #classicEpsilon} gives Mironov's original
 * rdp + log(1 / delta) / (alpha - 1) for comparison (never smaller).
 */
public final class RdpAccountant {

    /** The usual orders (TF Privacy's set): fractional ones near 1 help small epsilons, large ones small q. */
    public static final double[] DEFAULT_ORDERS = defaultOrders();

    private final double[] orders;

    public RdpAccountant() {
        this(DEFAULT_ORDERS);
    }

    public RdpAccountant(double[] orders) {
        for (double a : orders) {
            if (!(a > 1)) {
                throw new IllegalArgumentException("RDP orders must exceed 1, got " + a);
            }
        }
        this.orders = orders.clone();
    }

    private static double[] defaultOrders() {
        double[] head = {1.25, 1.5, 1.75, 2, 2.25, 2.5, 3, 3.5, 4, 4.5};
        double[] out = Arrays.copyOf(head, head.length + 59 + 4);
        int i = head.length;
        for (int a = 5; a <= 63; a++) {
            out[i++] = a;
        }
        out[i++] = 64;
        out[i++] = 128;
        out[i++] = 256;
        out[i] = 512;
        return out;
    }

    public double[] orders() {
        return orders.clone();
    }

    /** What a training run spends: epsilon at delta and the order that attains it. */
    public record Spent(double epsilon, double delta, double order) {
    }

    /** RDP of {@code steps} compositions of the sampled Gaussian mechanism at every order. */
    public double[] rdp(double q, double sigma, long steps) {
        checkRate(q);
        double[] out = new double[orders.length];
        for (int i = 0; i < orders.length; i++) {
            out[i] = steps * stepRdp(q, sigma, orders[i]);
        }
        return out;
    }

    /** Epsilon after {@code steps} steps of sampling rate q and noise multiplier sigma (Balle et al.). */
    public Spent spent(double q, double sigma, long steps, double delta) {
        return epsilon(rdp(q, sigma, steps), delta);
    }

    /** The best (smallest) epsilon over the orders, with the improved conversion. */
    public Spent epsilon(double[] rdp, double delta) {
        checkDelta(delta);
        double best = Double.POSITIVE_INFINITY;
        double bestOrder = Double.NaN;
        for (int i = 0; i < orders.length; i++) {
            double a = orders[i];
            double eps = rdp[i] + Math.log((a - 1) / a) - (Math.log(delta) + Math.log(a)) / (a - 1);
            if (eps < best) {
                best = eps;
                bestOrder = a;
            }
        }
        return new Spent(Math.max(0, best), delta, bestOrder);
    }

    /** Mironov's original conversion, epsilon = min over orders of rdp + log(1/delta) / (alpha - 1). */
    public double classicEpsilon(double[] rdp, double delta) {
        checkDelta(delta);
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < orders.length; i++) {
            best = Math.min(best, rdp[i] - Math.log(delta) / (orders[i] - 1));
        }
        return best;
    }

    /**
     * The smallest noise multiplier whose epsilon after {@code steps} steps is at most the target,
     * found by bisection (epsilon falls monotonically as sigma grows) to within 0.1 % of the target.
     *
     * @throws IllegalArgumentException when even sigma = 10^4 spends more than the target
     */
    public double calibrateSigma(double targetEpsilon, double delta, double q, long steps) {
        if (!(targetEpsilon > 0)) {
            throw new IllegalArgumentException("the target epsilon must be positive, got " + targetEpsilon);
        }
        double low = 0.05;
        double high = 1;
        while (spent(q, high, steps, delta).epsilon() > targetEpsilon) {
            low = high;
            high *= 2;
            if (high > 1e4) {
                throw new IllegalArgumentException("epsilon " + targetEpsilon + " at delta " + delta
                        + " cannot be reached with " + steps + " steps at sampling rate " + q
                        + "; raise epsilon or train fewer epochs");
            }
        }
        if (spent(q, low, steps, delta).epsilon() <= targetEpsilon) {
            return low;
        }
        // invariant: eps(low) > target >= eps(high)
        for (int i = 0; i < 100; i++) {
            double mid = 0.5 * (low + high);
            double eps = spent(q, mid, steps, delta).epsilon();
            if (eps > targetEpsilon) {
                low = mid;
            } else {
                high = mid;
                if (eps >= 0.999 * targetEpsilon) {
                    break;
                }
            }
        }
        return high;
    }

    // ------------------------------------------------------------------ one step

    /** RDP of one step at order alpha. */
    static double stepRdp(double q, double sigma, double alpha) {
        if (q == 0) {
            return 0;
        }
        if (sigma == 0) {
            return Double.POSITIVE_INFINITY;
        }
        if (q == 1) {
            return alpha / (2 * sigma * sigma); // the plain Gaussian mechanism
        }
        double logA = alpha == Math.rint(alpha) ? logAInteger(q, sigma, (long) alpha) : logAFractional(q, sigma, alpha);
        return logA / (alpha - 1);
    }

    /** log A_alpha for integer alpha: the binomial expansion, in log space. */
    static double logAInteger(double q, double sigma, long alpha) {
        double logA = Double.NEGATIVE_INFINITY;
        double logBinom = 0; // log binom(alpha, 0)
        for (long k = 0; k <= alpha; k++) {
            if (k > 0) {
                logBinom += Math.log((double) (alpha - k + 1) / k);
            }
            double term = logBinom + k * Math.log(q) + (alpha - k) * Math.log1p(-q)
                    + (k * (double) k - k) / (2 * sigma * sigma);
            logA = logAdd(logA, term);
        }
        return logA;
    }

    /**
     * log A_alpha for fractional alpha (Mironov et al. 2019, section 3.3): split the expectation at
     * z0 = sigma^2 log(1/q - 1) + 1/2, where the two mixture components cross, and expand each
     * part as a binomial series; the series converge for alpha > 1.
     */
    static double logAFractional(double q, double sigma, double alpha) {
        double s2 = sigma * sigma;
        double z0 = s2 * Math.log(1 / q - 1) + 0.5;
        double logA0 = Double.NEGATIVE_INFINITY;
        double logA1 = Double.NEGATIVE_INFINITY;
        double logCoef = 0; // log |binom(alpha, i)|
        boolean positive = true;
        for (int i = 0; i < 100_000; i++) {
            if (i > 0) {
                double ratio = (alpha - i + 1) / i; // binom(alpha, i) = binom(alpha, i - 1) (alpha - i + 1) / i
                logCoef += Math.log(Math.abs(ratio));
                if (ratio < 0) {
                    positive = !positive;
                }
            }
            double j = alpha - i;
            double logT0 = logCoef + i * Math.log(q) + j * Math.log1p(-q);
            double logT1 = logCoef + j * Math.log(q) + i * Math.log1p(-q);
            double logE0 = Math.log(0.5) + logErfc((i - z0) / (Math.sqrt(2) * sigma));
            double logE1 = Math.log(0.5) + logErfc((z0 - j) / (Math.sqrt(2) * sigma));
            double logS0 = logT0 + (i * (double) i - i) / (2 * s2) + logE0;
            double logS1 = logT1 + (j * j - j) / (2 * s2) + logE1;
            if (positive) {
                logA0 = logAdd(logA0, logS0);
                logA1 = logAdd(logA1, logS1);
            } else {
                logA0 = logSub(logA0, logS0);
                logA1 = logSub(logA1, logS1);
            }
            if (Math.max(logS0, logS1) < -30) {
                break;
            }
        }
        return logAdd(logA0, logA1);
    }

    /** log(erfc(x)), accurate where erfc underflows (asymptotic expansion beyond x = 10). */
    static double logErfc(double x) {
        if (x < 10) {
            return Math.log(Erf.erfc(x));
        }
        double x2 = x * x;
        double series = 1 - 1 / (2 * x2) + 3 / (4 * x2 * x2) - 15 / (8 * x2 * x2 * x2) + 105 / (16 * x2 * x2 * x2 * x2);
        return -x2 - Math.log(x) - 0.5 * Math.log(Math.PI) + Math.log(series);
    }

    private static double logAdd(double a, double b) {
        double hi = Math.max(a, b);
        double lo = Math.min(a, b);
        if (hi == Double.NEGATIVE_INFINITY) {
            return hi;
        }
        return hi + Math.log1p(Math.exp(lo - hi));
    }

    /** log(exp(a) - exp(b)) for a >= b; -infinity when they are equal (rounding may make b slightly larger). */
    private static double logSub(double a, double b) {
        if (b == Double.NEGATIVE_INFINITY) {
            return a;
        }
        if (b >= a) {
            return Double.NEGATIVE_INFINITY;
        }
        return a + Math.log(-Math.expm1(b - a));
    }

    private static void checkRate(double q) {
        if (!(q >= 0 && q <= 1)) {
            throw new IllegalArgumentException("the sampling rate must lie in [0, 1], got " + q);
        }
    }

    private static void checkDelta(double delta) {
        if (!(delta > 0 && delta < 1)) {
            throw new IllegalArgumentException("delta must lie in (0, 1), got " + delta);
        }
    }
}
