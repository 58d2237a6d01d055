package org.knime.core.data;

/** The unique id of a row. */
public final class RowKey implements RowKeyValue {
    private final String m_id;

    public RowKey(final String id) {
        if (id == null) {
            throw new NullPointerException("Row key must not be null.");
        }
        m_id = id;
    }

    @Override
    public String getString() {
        return m_id;
    }

    /** "Row" + index, as KNIME numbers rows. */
    public static RowKey createRowKey(final long rowIndex) {
        return new RowKey("Row" + rowIndex);
    }

    @Override
    public boolean equals(final Object obj) {
        return obj instanceof RowKey && ((RowKey)obj).m_id.equals(m_id);
    }

    @Override
    public int hashCode() {
        return m_id.hashCode();
    }

    @Override
    public String toString() {
        return m_id;
    }
}
