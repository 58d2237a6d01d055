package org.harmonic.core.metrics.utility;

/**
 * Prediction scores of the MLE protocol, as scikit-learn defines them.
 *
 * <pre>
 *   accuracy     = #{ y = yhat } / n
 *   MCC          = (c n - sum_k t_k p_k) / sqrt((n^2 - sum_k p_k^2)(n^2 - sum_k t_k^2))
 *                  (Gorodkin; c = correct, t_k / p_k = true / predicted count of class k; 0 if undefined;
 *                  for two classes equal to (TP TN - FP FN) / sqrt((TP+FP)(TP+FN)(TN+FP)(TN+FN)))
 *   weighted F1  = sum_k (t_k / n) F1_k,  F1_k = 2 TP_k / (2 TP_k + FP_k + FN_k) (0 if undefined)
 *   R^2          = 1 - sum (y - yhat)^2 / sum (y - mean y)^2
 * </pre>
 */
public record MleScores(double mcc, double f1Weighted, double accuracy) {

    public static MleScores classification(int[] truth, int[] predicted, int classes) {
        long[][] confusion = new long[classes][classes];
        for (int i = 0; i < truth.length; i++) {
            confusion[truth[i]][predicted[i]]++;
        }
        double n = truth.length;
        double correct = 0;
        double[] t = new double[classes];
        double[] p = new double[classes];
        for (int a = 0; a < classes; a++) {
            correct += confusion[a][a];
            for (int b = 0; b < classes; b++) {
                t[a] += confusion[a][b];
                p[b] += confusion[a][b];
            }
        }
        double tp = 0;
        double pp = 0;
        double tt = 0;
        for (int k = 0; k < classes; k++) {
            tp += t[k] * p[k];
            pp += p[k] * p[k];
            tt += t[k] * t[k];
        }
        double denominator = Math.sqrt((n * n - pp) * (n * n - tt));
        double mcc = denominator == 0 ? 0 : (correct * n - tp) / denominator;
        double f1 = 0;
        for (int k = 0; k < classes; k++) {
            double tpk = confusion[k][k];
            double fpk = p[k] - tpk;
            double fnk = t[k] - tpk;
            double d = 2 * tpk + fpk + fnk;
            double f1k = d == 0 ? 0 : 2 * tpk / d;
            f1 += t[k] / n * f1k;
        }
        return new MleScores(mcc, f1, correct / n);
    }

    static double r2(double[] truth, double[] predicted) {
        double mean = 0;
        for (double v : truth) {
            mean += v;
        }
        mean /= truth.length;
        double res = 0;
        double tot = 0;
        for (int i = 0; i < truth.length; i++) {
            res += (truth[i] - predicted[i]) * (truth[i] - predicted[i]);
            tot += (truth[i] - mean) * (truth[i] - mean);
        }
        return tot == 0 ? (res == 0 ? 1 : 0) : 1 - res / tot;
    }
}
