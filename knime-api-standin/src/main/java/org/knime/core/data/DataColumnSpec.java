package org.knime.core.data;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.config.ConfigRO;
import org.knime.core.node.config.ConfigWO;

/** Name and type of a column (created with {@link DataColumnSpecCreator}). */
public final class DataColumnSpec {
    private final String m_name;
    private final DataType m_type;

    DataColumnSpec(final String name, final DataType type) {
        m_name = name;
        m_type = type;
    }

    public String getName() {
        return m_name;
    }

    public DataType getType() {
        return m_type;
    }

    public boolean equalStructure(final DataColumnSpec cspec) {
        return cspec != null && m_name.equals(cspec.m_name) && m_type.equals(cspec.m_type);
    }

    public void save(final ConfigWO config) {
        config.addString("column_name", m_name);
        m_type.save(config.addConfig("column_type"));
    }

    public static DataColumnSpec load(final ConfigRO config) throws InvalidSettingsException {
        return new DataColumnSpec(config.getString("column_name"), DataType.load(config.getConfig("column_type")));
    }

    @Override
    public boolean equals(final Object obj) {
        return obj instanceof DataColumnSpec && equalStructure((DataColumnSpec)obj);
    }

    @Override
    public int hashCode() {
        return m_name.hashCode() ^ m_type.hashCode();
    }

    @Override
    public String toString() {
        return m_name + " (" + m_type + ")";
    }
}
