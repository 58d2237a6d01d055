package org.harmonic.core.table;

/** Text-valued column; {@code null} marks a missing value. */
public final class CategoricalColumn implements Column {
    private final String name;
    private final String[] values;

    public CategoricalColumn(String name, String[] values) {
        this.name = name;
        this.values = values;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ColumnType type() {
        return ColumnType.CATEGORICAL;
    }

    @Override
    public int size() {
        return values.length;
    }

    @Override
    public boolean isMissing(int row) {
        return values[row] == null;
    }

    /** The category, or null when missing. */
    public String value(int row) {
        return values[row];
    }

    @Override
    public String format(int row) {
        return values[row] == null ? MISSING_TEXT : values[row];
    }

    @Override
    public double number(int row) {
        throw new UnsupportedOperationException("column '" + name + "' is categorical");
    }
}
