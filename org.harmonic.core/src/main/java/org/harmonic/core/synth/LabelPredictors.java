package org.harmonic.core.synth;

import java.util.BitSet;
import java.util.TreeSet;
import org.harmonic.core.table.Column;
import org.harmonic.core.table.ColumnProfile;
import org.harmonic.core.table.Table;
import org.harmonic.core.table.TableProfile;
import org.harmonic.core.util.RocAuc;

/**
 * The number column that on its own predicts a classification label best, where it predicts it strongly: its values
 * alone rank some class above the others at an AUC of at least {@link #STRONG_AUC} (or at most 1 - it). Sampling its
 * values at {@link SynthesisConfig#predictorTemperature} keeps each row's value closer to what its neighbourhood
 * (whose rows mostly share a class) makes likely, so the classes stay as far apart as in the real table; on the weaker
 * columns the same sharpening costs fidelity for little (docs/quality.md section 44), and on a table where many
 * columns predict the label strongly, sharpening them all costs utility and column shapes (section 45).
 */
final class LabelPredictors {

    /**
     * How well a column must rank a class on its own. Measured on Diabetes (docs/quality.md section 44): Glucose
     * (AUC 0.78) sampled at 0.7 lifted the MLE ratio by 0.027, Age (0.69) by 0.008, Insulin (0.54) not at all; German
     * credit's strongest number, the duration (0.64), gained nothing beyond noise and cost column shapes and pair
     * trends, so no German column qualifies.
     */
    static final double STRONG_AUC = 0.75;

    /**
     * How well a column with fractions must rank a class on its own to keep {@link SynthesisConfig#decimalTemperature}
     * (|AUC - 0.5| at least this). Measured (docs/quality.md section 44): on red wine, whose eleven columns all have
     * fractions, the decimal temperature on the four columns from 0.1 up (0.12-0.25) instead of all eleven gained 0.019
     * +- 0.004 of MLE ratio over nine tables with pair trends +0.008 and column shapes +0.006; on Diabetes (BMI 0.20
     * keeps it, the pedigree 0.0999 returns to 1) level.
     */
    static final double DECIMAL_SEPARATION = 0.1;

    private LabelPredictors() {
    }

    /**
     * The schema index of the strongest predictor among the columns whose separation ({@link #separations}) is
     * measured (the number columns with more than a few values, {@link ColumnProfile#fewValues()}), where it reaches
     * {@link #STRONG_AUC}; the first of equals. Empty when none does or there is no class label.
     *
     * <p>One column at most: on breast cancer (Wisconsin, nine 1-10 scores, eight of them at AUC 0.88-0.97) all eight
     * at the predictor temperature lost 0.011 +- 0.004 of MLE ratio and 0.015 of column shapes against none, the
     * strongest alone 0.003 and nothing of the shapes (docs/quality.md section 45). Diabetes (Glucose) and bank
     * marketing (the call duration) have one such column, and their tables are the same as with the rule before.
     */
    static BitSet strong(double[] separations) {
        int best = -1;
        for (int c = 0; c < separations.length; c++) {
            if (separations[c] >= STRONG_AUC - 0.5 && (best < 0 || separations[c] > separations[best])) {
                best = c;
            }
        }
        BitSet strong = new BitSet();
        if (best >= 0) {
            strong.set(best);
        }
        return strong;
    }

    /**
     * By schema index, how well each number column of {@code real} (not the label, not one with few values) ranks one
     * of the label's classes on its own ({@link #separation}); NaN for the other columns, and for every column where
     * there is no class label ({@code labelColumn} -1).
     */
    static double[] separations(Table real, TableProfile schema, int labelColumn) {
        double[] out = new double[schema.columns().size()];
        java.util.Arrays.fill(out, Double.NaN);
        if (labelColumn < 0) {
            return out;
        }
        String[] labels = Synthesizer.canonicalLabels(real, labelColumn, schema.columns().get(labelColumn));
        TreeSet<String> classes = new TreeSet<>(java.util.Arrays.asList(labels));
        for (int c = 0; c < schema.columns().size(); c++) {
            ColumnProfile profile = schema.columns().get(c);
            if (c != labelColumn && profile.isNumber() && !profile.fewValues()) {
                out[c] = separation(real.column(c), labels, classes);
            }
        }
        return out;
    }

    /**
     * Whether a column with fractions of this separation ({@link #separations}) keeps the decimal temperature: where it
     * predicts the label at least a little, or where nothing was measured (no class label, a DP generator: NaN).
     */
    static boolean keepsDecimal(double separation) {
        return Double.isNaN(separation) || separation >= DECIMAL_SEPARATION;
    }

    /** The largest |AUC - 0.5| of the column's values ranking one class against the rest (rows with a value). */
    static double separation(Column column, String[] labels, java.util.Collection<String> classes) {
        int classCount = classes.size();
        int n = 0;
        for (int r = 0; r < labels.length; r++) {
            n += column.isMissing(r) ? 0 : 1;
        }
        double[] values = new double[n];
        int[] rows = new int[n];
        for (int r = 0, i = 0; r < labels.length; r++) {
            if (!column.isMissing(r)) {
                values[i] = column.number(r);
                rows[i++] = r;
            }
        }
        double best = 0;
        for (String cls : classes) {
            boolean[] positive = new boolean[n];
            for (int i = 0; i < n; i++) {
                positive[i] = labels[rows[i]].equals(cls);
            }
            best = Math.max(best, Math.abs(RocAuc.of(values, positive) - 0.5));
            if (classCount == 2) {
                break; // the other class's AUC is 1 minus this one: the same distance from 0.5
            }
        }
        return best;
    }
}
