package org.harmonic.core.metrics;

import org.harmonic.core.table.Column;
import org.harmonic.core.table.PythonFormat;
import org.harmonic.core.table.TypeInference;

/**
 * One column of a table read in the role the column has in the <em>real</em> table: as numbers
 * (NaN = missing) for a numerical column, as category keys (null = missing) for a categorical one.
 * A synthetic column whose own type differs (DM counts that) is converted: text that is not a
 * number becomes missing in a numerical column and is counted in {@link #unparsable()}.
 *
 * @param name       column name
 * @param numerical  role: true for numbers, false for categories
 * @param numbers    values of a numerical column, else null
 * @param categories values of a categorical column, else null
 * @param unparsable how many present cells were not numbers although the role is numerical
 */
public record ColumnValues(String name, boolean numerical, double[] numbers, String[] categories, int unparsable) {

    public int size() {
        return numerical ? numbers.length : categories.length;
    }

    public boolean isMissing(int row) {
        return numerical ? Double.isNaN(numbers[row]) : categories[row] == null;
    }

    /** Number of non-missing values. */
    public int presentCount() {
        int n = 0;
        for (int r = 0; r < size(); r++) {
            if (!isMissing(r)) {
                n++;
            }
        }
        return n;
    }

    /** Reads a column as numbers (NaN for missing and for text that is not a number). */
    public static ColumnValues numerical(Column column) {
        int n = column.size();
        double[] out = new double[n];
        int bad = 0;
        for (int r = 0; r < n; r++) {
            if (column.isMissing(r)) {
                out[r] = Double.NaN;
            } else if (column.type().isNumber() || column.type() == org.harmonic.core.table.ColumnType.BOOLEAN) {
                out[r] = column.number(r);
            } else {
                String text = column.format(r).trim();
                if (TypeInference.isNumber(text)) {
                    out[r] = TypeInference.parseNumber(text);
                } else {
                    out[r] = Double.NaN;
                    bad++;
                }
            }
        }
        return new ColumnValues(column.name(), true, out, null, bad);
    }

    /**
     * Reads a column as category keys. When the real column holds numbers, every cell that is a
     * number is keyed by its value ({@code 1} and {@code 1.0} are the same class), so a target
     * read as integers in one table and as floats in another still matches.
     */
    public static ColumnValues categorical(Column column, boolean keyNumbersByValue) {
        int n = column.size();
        String[] out = new String[n];
        for (int r = 0; r < n; r++) {
            if (column.isMissing(r)) {
                continue;
            }
            String text = column.format(r);
            if (keyNumbersByValue && (column.type().isNumber() || TypeInference.isNumber(text.trim()))) {
                double v = column.type().isNumber() ? column.number(r) : TypeInference.parseNumber(text.trim());
                out[r] = numberKey(v);
            } else {
                out[r] = text;
            }
        }
        return new ColumnValues(column.name(), false, null, out, 0);
    }

    /** Integers without decimals ("1"), other numbers in Python's repr ("0.5"). */
    static String numberKey(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return PythonFormat.floatRepr(v);
    }
}
