package org.harmonic.core.table;

/**
 * The kind of values a column holds. Inference follows what the HARMONIC reference relies on
 * (pandas' defaults): integer when every value parses as an integer and none is missing,
 * numeric when every present value parses as a number, boolean for True/False columns without
 * missing values, categorical otherwise.
 */
public enum ColumnType {
    INTEGER,
    NUMERIC,
    CATEGORICAL,
    BOOLEAN;

    /** Integer and numeric columns are numbers for scaling, distances and correlations. */
    public boolean isNumber() {
        return this == INTEGER || this == NUMERIC;
    }
}
