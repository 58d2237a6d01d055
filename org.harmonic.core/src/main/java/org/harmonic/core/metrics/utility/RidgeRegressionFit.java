package org.harmonic.core.metrics.utility;

/**
 * Ridge regression as Smile 3.1.1's {@code RidgeRegression.fit(formula, data, lambda)} computes it,
 * in plain Java: Smile solves it through its BLAS binding, whose native OpenBLAS library would
 * have to ship for every platform KNIME runs on (about 18 MB each), for one of MLE's eight models.
 *
 * <p>The same arithmetic as Smile: columns centred and divided by their population standard
 * deviation; {@code (Xs' Xs + lambda I) w = Xs' y} solved by Cholesky; the coefficients divided by
 * the deviations; the intercept {@code mean(y) - w . means}. Only the order of the sums differs,
 * so predictions agree with Smile's to rounding. One deliberate difference: a constant column,
 * which Smile rejects with an exception that would end the whole evaluation, gets coefficient 0
 * (it carries nothing to learn from).
 */
final class RidgeRegressionFit {
    private final double[] coefficients;
    private final double intercept;

    private RidgeRegressionFit(double[] coefficients, double intercept) {
        this.coefficients = coefficients;
        this.intercept = intercept;
    }

    /**
     * Fits {@code y ~ x} with penalty {@code lambda} on the standardised coefficients.
     *
     * @throws IllegalArgumentException when there are no rows or the lambda is negative
     */
    static RidgeRegressionFit fit(double[][] x, double[] y, double lambda) {
        int n = x.length;
        if (n == 0 || y.length != n) {
            throw new IllegalArgumentException("ridge regression needs rows and one target per row: " + n + " rows, "
                    + y.length + " targets");
        }
        if (!(lambda >= 0)) {
            throw new IllegalArgumentException("ridge regression lambda must be >= 0, not " + lambda);
        }
        int p = x[0].length;
        double[] mean = new double[p];
        double[] sd = new double[p];
        for (int j = 0; j < p; j++) {
            double sum = 0;
            double squares = 0;
            for (double[] row : x) {
                sum += row[j];
                squares += row[j] * row[j];
            }
            mean[j] = sum / n;
            sd[j] = Math.sqrt(squares / n - mean[j] * mean[j]);
        }
        boolean[] used = new boolean[p];
        for (int j = 0; j < p; j++) {
            used[j] = sd[j] > 1e-10; // Smile's MathEx.isZero threshold
        }
        // Xs' Xs (lower half is enough for Cholesky) and Xs' y over the standardised columns
        double[][] gram = new double[p][p];
        double[] xty = new double[p];
        double[] s = new double[p];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                s[j] = used[j] ? (x[i][j] - mean[j]) / sd[j] : 0;
            }
            for (int j = 0; j < p; j++) {
                if (s[j] == 0) {
                    continue;
                }
                xty[j] += s[j] * y[i];
                double[] gj = gram[j];
                for (int k = 0; k <= j; k++) {
                    gj[k] += s[j] * s[k];
                }
            }
        }
        for (int j = 0; j < p; j++) {
            // a constant column: a unit diagonal and a zero right-hand side give it weight 0
            gram[j][j] += used[j] ? lambda : 1;
        }
        double[] w = choleskySolve(gram, xty);
        double dot = 0;
        for (int j = 0; j < p; j++) {
            w[j] = used[j] ? w[j] / sd[j] : 0;
            dot += w[j] * mean[j];
        }
        double yMean = 0;
        for (double v : y) {
            yMean += v;
        }
        yMean /= n;
        return new RidgeRegressionFit(w, yMean - dot);
    }

    /** Solves {@code a z = b} for symmetric positive definite {@code a} given by its lower half. */
    private static double[] choleskySolve(double[][] a, double[] b) {
        int p = b.length;
        double[][] l = new double[p][p];
        for (int j = 0; j < p; j++) {
            double d = a[j][j];
            for (int k = 0; k < j; k++) {
                d -= l[j][k] * l[j][k];
            }
            if (!(d > 0)) {
                throw new IllegalArgumentException("ridge regression: the penalised Gram matrix is not positive "
                        + "definite (lambda 0 with collinear columns)");
            }
            l[j][j] = Math.sqrt(d);
            for (int i = j + 1; i < p; i++) {
                double v = a[i][j];
                for (int k = 0; k < j; k++) {
                    v -= l[i][k] * l[j][k];
                }
                l[i][j] = v / l[j][j];
            }
        }
        double[] z = new double[p];
        for (int i = 0; i < p; i++) {
            double v = b[i];
            for (int k = 0; k < i; k++) {
                v -= l[i][k] * z[k];
            }
            z[i] = v / l[i][i];
        }
        for (int i = p - 1; i >= 0; i--) {
            double v = z[i];
            for (int k = i + 1; k < p; k++) {
                v -= l[k][i] * z[k];
            }
            z[i] = v / l[i][i];
        }
        return z;
    }

    double predict(double[] row) {
        double v = intercept;
        for (int j = 0; j < coefficients.length; j++) {
            v += coefficients[j] * row[j];
        }
        return v;
    }

    double[] predict(double[][] rows) {
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = predict(rows[i]);
        }
        return out;
    }
}
