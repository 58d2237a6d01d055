package org.harmonic.core.metrics.utility;

import org.harmonic.core.util.Seeds;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import smile.base.cart.Loss;
import smile.base.cart.SplitRule;
import smile.classification.Classifier;
import smile.classification.DataFrameClassifier;
import smile.classification.GradientTreeBoost;
import smile.classification.LogisticRegression;
import smile.classification.OneVersusRest;
import smile.classification.RandomForest;
import smile.data.DataFrame;
import smile.data.formula.Formula;
import smile.data.vector.DoubleVector;
import smile.data.vector.IntVector;
import smile.math.MathEx;
import smile.math.kernel.GaussianKernel;
import smile.regression.DataFrameRegression;
import smile.regression.Regression;
import org.harmonic.core.metrics.Json;
import org.harmonic.core.metrics.RowSample;

/**
 * The four model families of the MLE protocol (Smile 3.1.1), each with a small hyper-parameter
 * grid. Classification: L2 logistic regression, RBF SVM (one-versus-rest for more than two
 * classes), random forest, gradient boosting. Regression: ridge regression, RBF support vector
 * regression, random forest, gradient boosting (least squares). The RBF width follows
 * scikit-learn's {@code gamma="scale"}: gamma = 1 / (features * Var(X)), Smile's sigma = sqrt(1 / (2 gamma)).
 * Every random choice is seeded, so a run is reproducible.
 */
enum MleModel {
    LINEAR("logistic_regression", "ridge_regression"),
    SVM("svm", "svr"),
    RANDOM_FOREST("random_forest", "random_forest"),
    GRADIENT_BOOSTING("gradient_boosting", "gradient_boosting");

    /** Kernel machines are quadratic in the rows: larger training tables are subsampled (seeded). */
    static final int SVM_MAX_ROWS = 5000;

    private final String classifierId;
    private final String regressorId;

    MleModel(String classifierId, String regressorId) {
        this.classifierId = classifierId;
        this.regressorId = regressorId;
    }

    String id(boolean classification) {
        return classification ? classifierId : regressorId;
    }

    /** Predicts class codes or values for design-matrix rows. */
    interface Predictor {
        double[] predict(double[][] x);
    }

    /** The hyper-parameter grid, in the order tried (the first best one wins ties). */
    List<Map<String, Object>> grid(boolean classification) {
        List<Map<String, Object>> grid = new ArrayList<>();
        switch (this) {
            case LINEAR:
                for (double lambda : new double[] {0.01, 0.1, 1, 10}) {
                    grid.add(Json.map("lambda", lambda));
                }
                break;
            case SVM:
                for (double c : new double[] {0.1, 1, 10}) {
                    grid.add(Json.map("C", c, "kernel", "rbf", "gamma", "scale"));
                }
                break;
            case RANDOM_FOREST:
                for (int depth : new int[] {8, 20}) {
                    for (int node : new int[] {1, 5}) {
                        grid.add(Json.map("trees", 100, "max_depth", depth, "node_size", classification ? node : node + 1));
                    }
                }
                break;
            default:
                for (int depth : new int[] {3, 5}) {
                    for (double shrinkage : new double[] {0.05, 0.1}) {
                        grid.add(Json.map("trees", 100, "max_depth", depth, "shrinkage", shrinkage));
                    }
                }
        }
        return grid;
    }

    Predictor fitClassifier(Map<String, Object> p, double[][] x, int[] y, int classes, long seed) {
        MathEx.setSeed(seed); // Smile's per-thread generator: the same seed gives the same model
        switch (this) {
            case LINEAR: {
                LogisticRegression model = LogisticRegression.fit(x, y, num(p, "lambda"), 1E-5, 500);
                return rows -> toDouble(model.predict(rows));
            }
            case SVM: {
                int[] keep = RowSample.of(x.length, SVM_MAX_ROWS, seed);
                double[][] xs = pick(x, keep);
                int[] ys = new int[keep.length];
                for (int i = 0; i < keep.length; i++) {
                    ys[i] = y[keep[i]];
                }
                GaussianKernel kernel = new GaussianKernel(sigma(xs));
                double c = num(p, "C");
                if (classes == 2) {
                    int[] pm = new int[ys.length];
                    for (int i = 0; i < ys.length; i++) {
                        pm[i] = ys[i] == 1 ? 1 : -1;
                    }
                    Classifier<double[]> model = smile.classification.SVM.fit(xs, pm, kernel, c, 1E-3);
                    return rows -> {
                        double[] out = new double[rows.length];
                        for (int i = 0; i < rows.length; i++) {
                            out[i] = model.predict(rows[i]) == 1 ? 1 : 0;
                        }
                        return out;
                    };
                }
                OneVersusRest<double[]> model = OneVersusRest.fit(xs, ys,
                        (xi, yi) -> smile.classification.SVM.fit(xi, yi, kernel, c, 1E-3));
                return rows -> toDouble(model.predict(rows));
            }
            case RANDOM_FOREST: {
                DataFrame data = frame(x, IntVector.of("y", y));
                int mtry = p.containsKey("mtry") ? (int) num(p, "mtry") : Math.max(1, (int) Math.floor(Math.sqrt(x[0].length)));
                RandomForest model = RandomForest.fit(Formula.lhs("y"), data, (int) num(p, "trees"), mtry,
                        SplitRule.GINI, (int) num(p, "max_depth"), x.length, (int) num(p, "node_size"), 1.0, null,
                        LongStream.range(0, (int) num(p, "trees")).map(i -> Seeds.nth(seed, i)));
                return rows -> predictFrame(model, rows, classes);
            }
            default: {
                DataFrame data = frame(x, IntVector.of("y", y));
                int depth = (int) num(p, "max_depth");
                GradientTreeBoost model = GradientTreeBoost.fit(Formula.lhs("y"), data, (int) num(p, "trees"), depth,
                        1 << depth, 5, num(p, "shrinkage"), 1.0);
                return rows -> predictFrame(model, rows, classes);
            }
        }
    }

    Predictor fitRegressor(Map<String, Object> p, double[][] x, double[] y, long seed) {
        MathEx.setSeed(seed);
        switch (this) {
            case LINEAR: {
                RidgeRegressionFit model = RidgeRegressionFit.fit(x, y, num(p, "lambda"));
                return model::predict;
            }
            case SVM: {
                int[] keep = RowSample.of(x.length, SVM_MAX_ROWS, seed);
                double[][] xs = pick(x, keep);
                double mean = 0;
                for (int i : keep) {
                    mean += y[i];
                }
                mean /= keep.length;
                double var = 0;
                for (int i : keep) {
                    var += (y[i] - mean) * (y[i] - mean);
                }
                double std = Math.sqrt(var / keep.length);
                double scale = std > 0 ? std : 1;
                double[] ys = new double[keep.length];
                for (int i = 0; i < keep.length; i++) {
                    ys[i] = (y[keep[i]] - mean) / scale; // SVR on a standardised target, epsilon = 0.1
                }
                Regression<double[]> model = smile.regression.SVM.fit(xs, ys, new GaussianKernel(sigma(xs)), 0.1,
                        num(p, "C"), 1E-3);
                double m = mean;
                return rows -> {
                    double[] out = new double[rows.length];
                    for (int i = 0; i < rows.length; i++) {
                        out[i] = model.predict(rows[i]) * scale + m;
                    }
                    return out;
                };
            }
            case RANDOM_FOREST: {
                DataFrame data = frame(x, DoubleVector.of("y", y));
                int mtry = Math.max(1, x[0].length / 3);
                smile.regression.RandomForest model = smile.regression.RandomForest.fit(Formula.lhs("y"), data,
                        (int) num(p, "trees"), mtry, (int) num(p, "max_depth"), x.length, (int) num(p, "node_size"),
                        1.0, LongStream.range(0, (int) num(p, "trees")).map(i -> Seeds.nth(seed, i)));
                return rows -> predictFrame(model, rows);
            }
            default: {
                DataFrame data = frame(x, DoubleVector.of("y", y));
                int depth = (int) num(p, "max_depth");
                smile.regression.GradientTreeBoost model = smile.regression.GradientTreeBoost.fit(Formula.lhs("y"),
                        data, Loss.ls(), (int) num(p, "trees"), depth, 1 << depth, 5, num(p, "shrinkage"), 1.0);
                return rows -> predictFrame(model, rows);
            }
        }
    }

    private static double num(Map<String, Object> p, String key) {
        return ((Number) p.get(key)).doubleValue();
    }

    /** sigma of Smile's Gaussian kernel exp(-|x-y|^2 / (2 sigma^2)) for gamma = 1 / (features * Var(X)). */
    static double sigma(double[][] x) {
        double sum = 0;
        double sq = 0;
        long count = 0;
        for (double[] row : x) {
            for (double v : row) {
                sum += v;
                sq += v * v;
                count++;
            }
        }
        double mean = sum / count;
        double var = sq / count - mean * mean;
        double gamma = var > 0 ? 1 / (x[0].length * var) : 1;
        return Math.sqrt(1 / (2 * gamma));
    }

    private static double[][] pick(double[][] x, int[] rows) {
        double[][] out = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = x[rows[i]];
        }
        return out;
    }

    private static DataFrame frame(double[][] x, smile.data.vector.BaseVector<?, ?, ?> y) {
        String[] names = new String[x[0].length];
        for (int i = 0; i < names.length; i++) {
            names[i] = "x" + i;
        }
        return DataFrame.of(x, names).merge(y);
    }

    /** Class of the highest averaged posterior (soft voting, as scikit-learn's forests predict). */
    private static double[] predictFrame(DataFrameClassifier model, double[][] rows, int classes) {
        DataFrame data = frame(rows, IntVector.of("y", new int[rows.length]));
        double[] out = new double[rows.length];
        double[] posterior = new double[classes];
        for (int i = 0; i < rows.length; i++) {
            out[i] = model.soft() ? model.predict(data.get(i), posterior) : model.predict(data.get(i));
        }
        return out;
    }

    private static double[] predictFrame(DataFrameRegression model, double[][] rows) {
        DataFrame data = frame(rows, DoubleVector.of("y", new double[rows.length]));
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = model.predict(data.get(i));
        }
        return out;
    }

    private static double[] toDouble(int[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }
}
