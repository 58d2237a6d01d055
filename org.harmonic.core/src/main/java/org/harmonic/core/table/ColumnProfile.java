package org.harmonic.core.table;

import java.util.List;

/**
 * What the synthesizer may emit for one column, learned from the training table and stored in the
 * generator's {@code harmonic.json}: the categories seen, or the numeric range and number format,
 * and whether the column has missing values.
 *
 * @param name          column name
 * @param type          column type
 * @param categories    categories in sorted order, as Python {@code str()} text (categorical, boolean)
 * @param hasMissing    the column has missing values, so {@code nan} is a valid value
 * @param min           smallest value (numbers)
 * @param max           largest value (numbers)
 * @param decimals      most fractional digits in the Python repr of a value (numeric columns)
 * @param integralFloat every value of a numeric column is a whole number ({@code 10.0}): emit {@code .0}
 */
public record ColumnProfile(String name, ColumnType type, List<String> categories, boolean hasMissing, double min,
        double max, int decimals, boolean integralFloat) {

    public ColumnProfile {
        categories = List.copyOf(categories);
    }

    /** Profiles one column. */
    public static ColumnProfile of(Column column) {
        boolean missing = false;
        java.util.TreeSet<String> categories = new java.util.TreeSet<>();
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        int decimals = 0;
        boolean integral = true;
        for (int r = 0; r < column.size(); r++) {
            if (column.isMissing(r)) {
                missing = true;
                continue;
            }
            if (column.type().isNumber()) {
                double v = column.number(r);
                min = Math.min(min, v);
                max = Math.max(max, v);
                if (column.type() == ColumnType.NUMERIC) {
                    String text = column.format(r);
                    int dot = text.indexOf('.');
                    if (dot >= 0 && text.indexOf('e') < 0) {
                        decimals = Math.max(decimals, text.length() - dot - 1);
                    } else if (text.indexOf('e') >= 0) {
                        decimals = Math.max(decimals, 17);
                    }
                    integral &= v == Math.rint(v);
                }
            } else {
                categories.add(column.format(r));
            }
        }
        if (!column.type().isNumber()) {
            min = Double.NaN;
            max = Double.NaN;
        } else if (min > max) {
            min = Double.NaN;
            max = Double.NaN;
        }
        return new ColumnProfile(column.name(), column.type(), List.copyOf(categories), missing, min, max, decimals,
                column.type() == ColumnType.NUMERIC && integral);
    }

    public boolean isNumber() {
        return type.isNumber();
    }

    /** Most categories of a text column with {@linkplain #fewValues() few values}. */
    public static final int FEW_CATEGORIES = 10;

    /** Widest range of a whole-number column with {@linkplain #fewValues() few values} (so at most 6 values). */
    public static final int FEW_WHOLE_NUMBERS_SPAN = 5;

    /**
     * Whether the column takes few distinct values, the ones a generator tends to sample too surely (see
     * {@code SynthesisConfig.DEFAULT_CATEGORY_TEMPERATURE}): a text column with at most
     * {@value #FEW_CATEGORIES} categories, or an integer column whose values span at most
     * {@value #FEW_WHOLE_NUMBERS_SPAN} (German credit's installment rate 1-4, people liable 1-2).
     */
    public boolean fewValues() {
        if (type == ColumnType.INTEGER) {
            return !Double.isNaN(min) && max - min <= FEW_WHOLE_NUMBERS_SPAN;
        }
        return !isNumber() && !categories.isEmpty() && categories.size() <= FEW_CATEGORIES;
    }

    /**
     * Whether the column holds numbers with fractions ({@code 33.6}): a float column whose values are not all whole
     * numbers ({@code 10.0}), sampled at {@code SynthesisConfig.DEFAULT_DECIMAL_TEMPERATURE}.
     */
    public boolean hasFractions() {
        return type == ColumnType.NUMERIC && !integralFloat;
    }

    /**
     * A cell's text as rows are compared by this column (the Synthesizer's copy guard and label
     * shares, DLT's rows): numbers at the column's precision (an integer column's whole numbers
     * without ".0", otherwise Python's float repr), text verbatim, a missing cell (null or "nan")
     * as "nan".
     */
    public String canonical(String cell) {
        if (cell == null || cell.equals("nan")) {
            return "nan";
        }
        if (type == ColumnType.INTEGER || type == ColumnType.NUMERIC) {
            try {
                double v = Double.parseDouble(cell);
                return type == ColumnType.INTEGER && v == Math.rint(v) && Math.abs(v) < 9e15
                        ? Long.toString((long) v) : PythonFormat.floatRepr(v);
            } catch (NumberFormatException e) {
                return cell;
            }
        }
        return cell;
    }
}
