package org.knime.core.data;

import java.io.Serializable;

/** An immutable table cell. */
public abstract class DataCell implements DataValue, Serializable {
    private static final long serialVersionUID = 1L;

    public final DataType getType() {
        return DataType.getType(getClass());
    }

    public boolean isMissing() {
        return false;
    }

    @Override
    public final boolean equals(final Object o) {
        if (o == this) {
            return true;
        }
        if (!(o instanceof DataCell)) {
            return false;
        }
        DataCell other = (DataCell)o;
        if (isMissing() || other.isMissing()) {
            return isMissing() && other.isMissing();
        }
        return getClass() == other.getClass() && equalsDataCell(other);
    }

    protected abstract boolean equalsDataCell(DataCell dc);

    @Override
    public abstract int hashCode();

    @Override
    public abstract String toString();
}
