package org.harmonic.core.knn;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

import org.harmonic.core.neighbours.CategoricalEncoding;
import org.harmonic.core.neighbours.FeatureMatrix;
import org.harmonic.core.table.Table;
import org.harmonic.core.util.Permutation;
import org.harmonic.core.util.Progress;
import org.harmonic.core.util.RocAuc;

/**
 * Do the numbers decide the label where the neighbour search cannot see them? The question
 * {@link FilterMode#AUTO} asks of a table before it builds the instructions (docs/quality.md section 23).
 *
 * <p>The neighbour distance takes numbers min-max scaled beside unscaled category codes (the reference's,
 * method.md B 3.1), so a heavy-tailed number barely moves it. The lift filter trusts the neighbours: a
 * minority row whose neighbours rarely share its label is taken for label noise and its group dropped. On
 * bank marketing the label follows the call's duration: the neighbours rank "yes" rows at AUC 0.68, a
 * regression of the numeric columns at 0.85, and lift drops the long calls that teach the link; without a
 * filter, and with the label out of the neighbour search so that the model must read it from the row's own
 * columns, the generators learn the link and the MLE ratio rises from 0.72 to 0.96. On German credit the
 * numbers rank bad-credit rows worse than the neighbours do (0.64 against 0.70) and lift earns its margin
 * (1.16 against 0.97 without); on German credit with the property column as the label, the categories decide
 * it (a regression of every column: 0.90, of the numbers: 0.76, the neighbours: 0.71) and lift is better
 * too (docs/quality.md run 64): the categories' links survive the filter, a number's threshold does not.
 *
 * <p>So the check compares two rankings of the least common label against the rest: the neighbours' vote
 * (how many of the k nearest rows by the features carry it; a row is never its own neighbour) and a logistic
 * regression on the standardised numeric columns, L2-penalised, scored on 5 folds it was not fitted on. A
 * regression ahead by {@link #GAP} or more means the numbers decide the label and the neighbours miss them.
 * A table without numeric columns is never so. Both rank the same fixed random sample of at most
 * {@link #SAMPLE_ROWS} rows, with neighbours found within it. Everything is deterministic: a fixed sample,
 * fixed folds, full-batch gradient descent with a halving step.
 */
final class LabelFilterCheck {

    /** The regression's AUC ahead of the neighbours' by this much: the neighbours miss the numbers' signal. */
    static final double GAP = 0.12;

    /**
     * Rows the check ranks at most. The neighbours' vote improves with the table's size (neighbourhoods get
     * denser) while the regression does not: bank marketing's rows ranked 0.85 / 0.68 (regression / vote)
     * on 1,500 rows and 0.83 / 0.76 on 20,000, where lift still cost 0.12 of MLE ratio against no filter on
     * the mean of two seeds (0.28 and -0.04; docs/quality.md run 70). On a sample of fixed size the verdict is
     * the table's, not its size's; the six tables the rule was set on have at most 1,500 rows, so their
     * verdicts are unchanged. It also bounds the check's cost on large tables.
     */
    static final int SAMPLE_ROWS = 1500;
    private static final long SAMPLE_SEED = 11;
    private static final int FOLDS = 5;
    private static final long FOLD_SEED = 7;
    private static final int STEPS = 300;
    private static final double L2 = 1e-3;
    private static final double FIRST_STEP = 0.5;

    private LabelFilterCheck() {
    }

    /**
     * What the check found.
     *
     * @param minority        the least common label, ranked against the rest
     * @param regressionAuc   the cross-validated logistic regression's AUC (0.5 without numeric columns)
     * @param neighboursAuc   the AUC of the neighbours' vote
     */
    record Finding(String minority, double regressionAuc, double neighboursAuc) {

        /** True when the numbers decide the label and the neighbours miss them: every group, by the ranked features. */
        boolean neighboursMissTheLabel() {
            return regressionAuc - neighboursAuc >= GAP;
        }

        /** One line for the log: the numbers and what was chosen. */
        String describe() {
            String aucs = String.format(Locale.ROOT, "'%s' rows ranked at AUC %.2f by a logistic regression of the "
                    + "numeric columns, %.2f by their nearest rows", minority, regressionAuc, neighboursAuc);
            return neighboursMissTheLabel()
                    ? "label filter auto: none, neighbours by the features by rank (" + aucs + ": the numbers "
                            + "decide the label and the neighbour search misses them, so the model reads it from the "
                            + "row's own columns, with every column spread by rank in the distance)"
                    : "label filter auto: lift (" + aucs + ")";
        }
    }

    /**
     * The rows the check ranks, ascending: every row of a table of at most {@link #SAMPLE_ROWS}, else a fixed
     * random sample of that many.
     */
    static int[] sample(int rows) {
        if (rows <= SAMPLE_ROWS) {
            return java.util.stream.IntStream.range(0, rows).toArray();
        }
        int[] picked = Arrays.copyOf(Permutation.shuffled(rows, new SplittableRandom(SAMPLE_SEED)), SAMPLE_ROWS);
        Arrays.sort(picked);
        return picked;
    }

    /**
     * Checks {@code table} on the rows {@code sample} names ({@link #sample}).
     *
     * @param labels             every row's label text (of the whole table)
     * @param featureNeighbours  every sampled row's k nearest sampled rows by the features alone, itself
     *                           excluded, as positions in {@code sample}
     */
    static Finding check(Table table, int target, String[] labels, int[] sample, int[][] featureNeighbours,
            Progress progress) {
        int n = sample.length;
        Map<String, Integer> counts = new TreeMap<>();
        for (int r : sample) {
            counts.merge(labels[r], 1, Integer::sum);
        }
        String minority = null;
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            if (minority == null || e.getValue() < counts.get(minority)) {
                minority = e.getKey();
            }
        }
        boolean[] positive = new boolean[n];
        double[] vote = new double[n];
        for (int i = 0; i < n; i++) {
            positive[i] = labels[sample[i]].equals(minority);
            for (int j : featureNeighbours[i]) {
                vote[i] += labels[sample[j]].equals(minority) ? 1 : 0;
            }
        }
        Set<Integer> left = new java.util.TreeSet<>(Set.of(target)); // text columns, identifiers among them
        for (int c = 0; c < table.columnCount(); c++) {
            if (!table.column(c).type().isNumber()) {
                left.add(c);
            }
        }
        double[][] x = standardised(FeatureMatrix.encode(table, target, CategoricalEncoding.LABEL, left).rows(sample));
        double[] scores = x.length == 0 ? new double[n] : crossValidated(x, positive, progress);
        return new Finding(minority, RocAuc.of(scores, positive), RocAuc.of(vote, positive));
    }

    /** Every row's logit from a regression fitted on the other folds. */
    private static double[] crossValidated(double[][] x, boolean[] positive, Progress progress) {
        int n = positive.length;
        int folds = Math.min(FOLDS, n);
        int[] fold = new int[n];
        int[] order = Permutation.shuffled(n, new SplittableRandom(FOLD_SEED));
        for (int i = 0; i < n; i++) {
            fold[order[i]] = i % folds;
        }
        double[] scores = new double[n];
        // folds are independent and each writes only its own rows' scores: the same result in parallel
        java.util.stream.IntStream.range(0, folds).parallel().forEach(f -> {
            int m = 0;
            for (int r = 0; r < n; r++) {
                m += fold[r] != f ? 1 : 0;
            }
            double[][] xt = new double[x.length][m];
            double[] yt = new double[m];
            int j = 0;
            for (int r = 0; r < n; r++) {
                if (fold[r] != f) {
                    for (int d = 0; d < x.length; d++) {
                        xt[d][j] = x[d][r];
                    }
                    yt[j++] = positive[r] ? 1 : 0;
                }
            }
            double[] w = fit(xt, yt, progress);
            for (int r = 0; r < n; r++) {
                if (fold[r] == f) {
                    double z = w[x.length];
                    for (int d = 0; d < x.length; d++) {
                        z += w[d] * x[d][r];
                    }
                    scores[r] = z;
                }
            }
        });
        return scores;
    }

    /** Dimension-major values with every dimension at mean 0 and variance 1 (constant ones at 0). */
    private static double[][] standardised(FeatureMatrix m) {
        int n = m.rows();
        double[][] out = new double[m.dimensions()][n];
        for (int d = 0; d < out.length; d++) {
            double sum = 0;
            for (int r = 0; r < n; r++) {
                sum += m.value(d, r);
            }
            double mean = sum / n;
            double squares = 0;
            for (int r = 0; r < n; r++) {
                double v = m.value(d, r) - mean;
                squares += v * v;
            }
            double sd = Math.sqrt(squares / n);
            for (int r = 0; r < n; r++) {
                out[d][r] = sd == 0 ? 0 : (m.value(d, r) - mean) / sd;
            }
        }
        return out;
    }

    /**
     * A logistic regression's weights (the intercept last), fitted by full-batch gradient descent; a step
     * that raises the penalised loss is halved and retried, so it converges whatever the scale.
     */
    private static double[] fit(double[][] x, double[] y, Progress progress) {
        int n = y.length;
        int dims = x.length;
        double[] w = new double[dims + 1];
        double[] z = new double[n];
        double loss = loss(x, y, w, z);
        double step = FIRST_STEP;
        double[] gradient = new double[dims + 1];
        double[] trial = new double[dims + 1];
        double[] trialZ = new double[n];
        double[] residual = new double[n];
        for (int s = 0; s < STEPS && step > 1e-8; s++) {
            progress.checkCanceled();
            double intercept = 0;
            for (int r = 0; r < n; r++) {
                residual[r] = sigmoid(z[r]) - y[r];
                intercept += residual[r];
            }
            gradient[dims] = intercept / n;
            for (int d = 0; d < dims; d++) {
                double sum = 0;
                double[] column = x[d];
                for (int r = 0; r < n; r++) {
                    sum += residual[r] * column[r];
                }
                gradient[d] = sum / n + L2 * w[d];
            }
            while (step > 1e-8) {
                for (int d = 0; d <= dims; d++) {
                    trial[d] = w[d] - step * gradient[d];
                }
                double trialLoss = loss(x, y, trial, trialZ);
                if (trialLoss <= loss) {
                    System.arraycopy(trial, 0, w, 0, w.length);
                    System.arraycopy(trialZ, 0, z, 0, n);
                    loss = trialLoss;
                    break;
                }
                step /= 2;
            }
        }
        return w;
    }

    /** The penalised mean log-loss at {@code w}; fills {@code z} with the rows' logits. */
    private static double loss(double[][] x, double[] y, double[] w, double[] z) {
        int n = y.length;
        int dims = x.length;
        Arrays.fill(z, w[dims]);
        for (int d = 0; d < dims; d++) {
            double wd = w[d];
            if (wd != 0) {
                double[] column = x[d];
                for (int r = 0; r < n; r++) {
                    z[r] += wd * column[r];
                }
            }
        }
        double sum = 0;
        for (int r = 0; r < n; r++) {
            // log(1 + e^z) - y z, computed without overflow
            double zr = z[r];
            sum += Math.max(zr, 0) + Math.log1p(Math.exp(-Math.abs(zr))) - y[r] * zr;
        }
        double penalty = 0;
        for (int d = 0; d < dims; d++) {
            penalty += w[d] * w[d];
        }
        return sum / n + 0.5 * L2 * penalty;
    }

    private static double sigmoid(double z) {
        return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
    }
}
