package org.knime.core.data;

/** A missing value, optionally with the reason. */
@SuppressWarnings("serial")
public final class MissingCell extends DataCell implements MissingValue {
    private final String m_error;

    public MissingCell(final String error) {
        m_error = error;
    }

    @Override
    public String getError() {
        return m_error;
    }

    @Override
    public boolean isMissing() {
        return true;
    }

    @Override
    protected boolean equalsDataCell(final DataCell dc) {
        return true;
    }

    @Override
    public int hashCode() {
        return 0;
    }

    @Override
    public String toString() {
        return "?";
    }
}
