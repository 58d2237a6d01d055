package org.harmonic.core.table;

/** Floating-point column; NaN marks a missing value. */
public final class NumericColumn implements Column {
    private final String name;
    private final double[] values;

    public NumericColumn(String name, double[] values) {
        this.name = name;
        this.values = values;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ColumnType type() {
        return ColumnType.NUMERIC;
    }

    @Override
    public int size() {
        return values.length;
    }

    @Override
    public boolean isMissing(int row) {
        return Double.isNaN(values[row]);
    }

    @Override
    public String format(int row) {
        return PythonFormat.floatRepr(values[row]);
    }

    @Override
    public double number(int row) {
        return values[row];
    }
}
