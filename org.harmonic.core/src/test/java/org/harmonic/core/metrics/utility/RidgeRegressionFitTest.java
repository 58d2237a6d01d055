package org.harmonic.core.metrics.utility;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.harmonic.core.table.CsvTableReader;
import org.harmonic.core.table.Table;
import org.harmonic.core.TestData;
import org.junit.jupiter.api.Test;
import smile.data.DataFrame;
import smile.data.formula.Formula;
import smile.data.vector.DoubleVector;
import smile.regression.LinearModel;
import smile.regression.RidgeRegression;

class RidgeRegressionFitTest {
    private static final List<String> FEATURES = List.of("Pregnancies", "Glucose", "BloodPressure", "SkinThickness",
            "Insulin", "DiabetesPedigreeFunction", "Age", "Outcome");

    private static double[][] features(Table t) {
        double[][] x = new double[t.rowCount()][FEATURES.size()];
        for (int j = 0; j < FEATURES.size(); j++) {
            org.harmonic.core.table.Column c = t.column(t.schema().indexOf(FEATURES.get(j)));
            for (int i = 0; i < x.length; i++) {
                x[i][j] = c.number(i);
            }
        }
        return x;
    }

    private static double[] target(Table t) {
        org.harmonic.core.table.Column c = t.column(t.schema().indexOf("BMI"));
        double[] y = new double[t.rowCount()];
        for (int i = 0; i < y.length; i++) {
            y[i] = c.number(i);
        }
        return y;
    }

    @Test
    void predictsAsSmilesRidgeRegressionOnDiabetes() {
        CsvTableReader reader = new CsvTableReader();
        Table train = reader.read(TestData.resource("data/diabetes_train.csv"));
        Table test = reader.read(TestData.resource("data/diabetes_test.csv"));
        double[][] x = features(train);
        double[] y = target(train);
        double[][] xt = features(test);
        String[] names = new String[FEATURES.size()];
        for (int j = 0; j < names.length; j++) {
            names[j] = "x" + j;
        }
        DataFrame data = DataFrame.of(x, names).merge(DoubleVector.of("y", y));
        for (double lambda : new double[] {0.01, 1, 10, 100}) {
            LinearModel smile = RidgeRegression.fit(Formula.lhs("y"), data, lambda);
            RidgeRegressionFit ours = RidgeRegressionFit.fit(x, y, lambda);
            DataFrame rows = DataFrame.of(xt, names).merge(DoubleVector.of("y", new double[xt.length]));
            double spread = 0;
            for (int i = 0; i < xt.length; i++) {
                double expected = smile.predict(rows.get(i));
                assertEquals(expected, ours.predict(xt[i]), 1e-9 * Math.max(1, Math.abs(expected)),
                        "lambda " + lambda + ", test row " + i);
                spread += Math.abs(expected - smile.intercept());
            }
            assertTrue(spread > xt.length * 0.1, "the coefficients matter, not only the intercept");
        }
    }

    @Test
    void aConstantColumnGetsNoWeightInsteadOfFailing() {
        double[][] x = {{1, 5}, {2, 5}, {3, 5}, {4, 5}};
        double[] y = {2, 4, 6, 8};
        RidgeRegressionFit fit = RidgeRegressionFit.fit(x, y, 0.0);
        assertEquals(10, fit.predict(new double[] {5, 5}), 1e-9);
        assertEquals(10, fit.predict(new double[] {5, 1000}), 1e-9, "the constant column is ignored");
    }
}
