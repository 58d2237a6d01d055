package org.harmonic.core.table;

/**
 * One typed column of a {@link Table}. Values are read by row index; missing values are
 * allowed in every type (the type inference only produces integer and boolean columns without
 * them, but tables built from KNIME may carry them).
 */
public sealed interface Column permits NumericColumn, IntegerColumn, CategoricalColumn, BooleanColumn {

    String name();

    ColumnType type();

    int size();

    boolean isMissing(int row);

    /**
     * The value as Python's {@code str()} renders it after pandas parsed the CSV: integers
     * without decimals, floats in shortest round-trip repr ({@code 10.0}, {@code 1e-05}),
     * strings verbatim, booleans {@code True}/{@code False}, missing values {@code nan}. This is
     * the text the instruction rows and the synthetic CSV carry.
     */
    String format(int row);

    /** The value as a number (numeric, integer, boolean columns); NaN when missing. */
    double number(int row);

    /** The marker that missing values render as in instruction rows (pandas' NaN). */
    String MISSING_TEXT = "nan";
}
