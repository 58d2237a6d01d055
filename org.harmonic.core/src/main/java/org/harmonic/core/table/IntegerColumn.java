package org.harmonic.core.table;

/** Integer column; {@code missing} is null when no value is missing. */
public final class IntegerColumn implements Column {
    private final String name;
    private final long[] values;
    private final boolean[] missing;

    public IntegerColumn(String name, long[] values, boolean[] missing) {
        this.name = name;
        this.values = values;
        this.missing = missing;
    }

    public IntegerColumn(String name, long[] values) {
        this(name, values, null);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ColumnType type() {
        return ColumnType.INTEGER;
    }

    @Override
    public int size() {
        return values.length;
    }

    @Override
    public boolean isMissing(int row) {
        return missing != null && missing[row];
    }

    public long value(int row) {
        return values[row];
    }

    @Override
    public String format(int row) {
        return isMissing(row) ? MISSING_TEXT : Long.toString(values[row]);
    }

    @Override
    public double number(int row) {
        return isMissing(row) ? Double.NaN : values[row];
    }
}
