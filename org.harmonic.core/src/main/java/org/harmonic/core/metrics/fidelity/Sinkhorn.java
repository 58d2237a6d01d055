package org.harmonic.core.metrics.fidelity;

import java.util.ArrayList;
import java.util.List;

import org.harmonic.core.util.Progress;
import org.harmonic.core.metrics.ParallelRows;

/**
 * The debiased Sinkhorn divergence between two point clouds with uniform weights, computed as
 * geomloss' {@code SamplesLoss("sinkhorn", p=2, blur, scaling, debias=True)} does with its
 * tensorized backend (which is what synthcity's {@code WassersteinDistance} calls), in the log
 * domain and without ever holding an N x M matrix:
 *
 * <pre>
 *   cost        C(x, y) = |x - y|^2 / 2
 *   softmin     smin_eps(C, h)_i = -eps * log sum_j exp(h_j - C(x_i, y_j) / eps)
 *   epsilons    eps_0 = D^2, exp(2 ln D + k * 2 ln scaling) while above 2 ln blur, then blur^2
 *               (D = diameter of the joint bounding box)
 *   init        a_x = smin(C_xx, ln a), b_y = smin(C_yy, ln b), a_y = smin(C_yx, ln a), b_x = smin(C_xy, ln b)
 *   per eps     each potential f <- (f + smin_eps(C, ln w + g / eps)) / 2   (symmetrised updates)
 *   last step   one full (undamped) update at eps = blur^2
 *   S           = <a, b_x - a_x> + <b, a_y - b_y>
 * </pre>
 *
 * S = OT_eps(a, b) - OT_eps(a, a)/2 - OT_eps(b, b)/2 is 0 for identical clouds and, as blur goes
 * to 0, tends to half the squared 2-Wasserstein distance.
 */
final class Sinkhorn {

    /** The value and how it was reached. */
    record Outcome(double divergence, double diameter, List<Double> epsilons) {
    }

    private final double blur;
    private final double scaling;

    Sinkhorn(double blur, double scaling) {
        this.blur = blur;
        this.scaling = scaling;
    }

    /**
     * @param x rows of the first cloud, row-major (n x dims)
     * @param y rows of the second cloud, row-major (m x dims)
     */
    Outcome divergence(double[] x, double[] y, int dims, ParallelRows rows, Progress progress) {
        int n = x.length / dims;
        int m = y.length / dims;
        double diameter = diameter(x, y, dims);
        List<Double> eps = epsilonSchedule(diameter);
        double logA = Math.log(1.0 / n);
        double logB = Math.log(1.0 / m);
        double[] zerosX = new double[n];
        double[] zerosY = new double[m];
        double e0 = eps.get(0);
        double[] ax = softmin(e0, x, x, dims, weights(logA, zerosX, e0), rows);
        double[] by = softmin(e0, y, y, dims, weights(logB, zerosY, e0), rows);
        double[] ay = softmin(e0, y, x, dims, weights(logA, zerosX, e0), rows);
        double[] bx = softmin(e0, x, y, dims, weights(logB, zerosY, e0), rows);
        int steps = eps.size() + 1;
        for (int i = 0; i < eps.size(); i++) {
            progress.checkCanceled();
            progress.report((double) i / steps, "Sinkhorn divergence");
            double e = eps.get(i);
            double[] atx = softmin(e, x, x, dims, weights(logA, ax, e), rows);
            double[] bty = softmin(e, y, y, dims, weights(logB, by, e), rows);
            double[] aty = softmin(e, y, x, dims, weights(logA, bx, e), rows);
            double[] btx = softmin(e, x, y, dims, weights(logB, ay, e), rows);
            average(ax, atx);
            average(by, bty);
            average(ay, aty);
            average(bx, btx);
        }
        double e = eps.get(eps.size() - 1);
        // last extrapolation: a full update at the final epsilon; the cross pair uses the old values
        double[] ax2 = softmin(e, x, x, dims, weights(logA, ax, e), rows);
        double[] by2 = softmin(e, y, y, dims, weights(logB, by, e), rows);
        double[] ay2 = softmin(e, y, x, dims, weights(logA, bx, e), rows);
        double[] bx2 = softmin(e, x, y, dims, weights(logB, ay, e), rows);
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += (bx2[i] - ax2[i]) / n;
        }
        double t = 0;
        for (int j = 0; j < m; j++) {
            t += (ay2[j] - by2[j]) / m;
        }
        progress.report(1, "Sinkhorn divergence");
        return new Outcome(s + t, diameter, List.copyOf(eps));
    }

    /** geomloss' epsilon-scaling schedule for p = 2 (numpy's arange semantics). */
    List<Double> epsilonSchedule(double diameter) {
        List<Double> eps = new ArrayList<>();
        eps.add(diameter * diameter);
        double start = 2 * Math.log(diameter);
        double stop = 2 * Math.log(blur);
        double step = 2 * Math.log(scaling);
        long count = (long) Math.ceil((stop - start) / step);
        for (long k = 0; k < count; k++) {
            eps.add(Math.exp(start + k * step));
        }
        eps.add(blur * blur);
        return eps;
    }

    /** Norm of the extent of the joint bounding box. */
    static double diameter(double[] x, double[] y, int dims) {
        double sum = 0;
        for (int d = 0; d < dims; d++) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (int i = d; i < x.length; i += dims) {
                lo = Math.min(lo, x[i]);
                hi = Math.max(hi, x[i]);
            }
            for (int i = d; i < y.length; i += dims) {
                lo = Math.min(lo, y[i]);
                hi = Math.max(hi, y[i]);
            }
            sum += (hi - lo) * (hi - lo);
        }
        return Math.sqrt(sum);
    }

    /** h_j = ln w + g_j / eps, the exponent offsets of a softmin. */
    private static double[] weights(double logW, double[] potential, double eps) {
        double[] h = new double[potential.length];
        for (int j = 0; j < h.length; j++) {
            h[j] = logW + potential[j] / eps;
        }
        return h;
    }

    private static void average(double[] f, double[] update) {
        for (int i = 0; i < f.length; i++) {
            f[i] = 0.5 * (f[i] + update[i]);
        }
    }

    /** out_i = -eps * logsumexp_j(h_j - |a_i - b_j|^2 / (2 eps)), row by row, stable (max-shifted). */
    static double[] softmin(double eps, double[] a, double[] b, int dims, double[] h, ParallelRows rows) {
        int na = a.length / dims;
        int nb = b.length / dims;
        double[] out = new double[na];
        double inv = 1 / eps;
        rows.forEach(na, (from, to) -> {
            double[] t = new double[nb];
            for (int i = from; i < to; i++) {
                int ai = i * dims;
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < nb; j++) {
                    int bj = j * dims;
                    double sq = 0;
                    for (int d = 0; d < dims; d++) {
                        double diff = a[ai + d] - b[bj + d];
                        sq += diff * diff;
                    }
                    double v = h[j] - 0.5 * sq * inv;
                    t[j] = v;
                    if (v > max) {
                        max = v;
                    }
                }
                double sum = 0;
                for (int j = 0; j < nb; j++) {
                    double e = t[j] - max;
                    // terms below e^-50 change a sum >= 1 by less than 1e-21: skip the costly exp
                    if (e > -50) {
                        sum += Math.exp(e);
                    }
                }
                out[i] = -eps * (max + Math.log(sum));
            }
        });
        return out;
    }
}
