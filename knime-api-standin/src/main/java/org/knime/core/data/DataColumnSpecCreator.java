package org.knime.core.data;

/** Builds {@link DataColumnSpec}s. */
public final class DataColumnSpecCreator {
    private String m_name;
    private DataType m_type;

    public DataColumnSpecCreator(final String name, final DataType type) {
        setName(name);
        setType(type);
    }

    public DataColumnSpecCreator(final DataColumnSpec cspec) {
        this(cspec.getName(), cspec.getType());
    }

    public void setName(final String name) {
        if (name == null) {
            throw new NullPointerException("Name of DataColumnSpec must not be null!");
        }
        String trimmed = name.trim();
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("Column name must not be empty!");
        }
        m_name = name;
    }

    public void setType(final DataType type) {
        if (type == null) {
            throw new NullPointerException("Type of DataColumnSpec must not be null!");
        }
        m_type = type;
    }

    public DataType getType() {
        return m_type;
    }

    public DataColumnSpec createSpec() {
        return new DataColumnSpec(m_name, m_type);
    }
}
