package org.harmonic.core.table;

/** True/False column; {@code missing} is null when no value is missing. */
public final class BooleanColumn implements Column {
    private final String name;
    private final boolean[] values;
    private final boolean[] missing;

    public BooleanColumn(String name, boolean[] values, boolean[] missing) {
        this.name = name;
        this.values = values;
        this.missing = missing;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ColumnType type() {
        return ColumnType.BOOLEAN;
    }

    @Override
    public int size() {
        return values.length;
    }

    @Override
    public boolean isMissing(int row) {
        return missing != null && missing[row];
    }

    public boolean value(int row) {
        return values[row];
    }

    @Override
    public String format(int row) {
        if (isMissing(row)) {
            return MISSING_TEXT;
        }
        return values[row] ? "True" : "False";
    }

    @Override
    public double number(int row) {
        return isMissing(row) ? Double.NaN : (values[row] ? 1 : 0);
    }
}
