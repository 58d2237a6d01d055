package org.knime.core.data;

import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;

import javax.swing.JComponent;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.config.ConfigRO;
import org.knime.core.node.config.ConfigWO;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.PortObjectSpecZipInputStream;
import org.knime.core.node.port.PortObjectSpecZipOutputStream;

/** The columns of a table: unique names and types, in order. */
public final class DataTableSpec implements PortObjectSpec, Iterable<DataColumnSpec> {
    private static final String DEFAULT_NAME = "default";

    private final String m_name;
    private final DataColumnSpec[] m_columns;
    private final Map<String, Integer> m_index = new HashMap<>();

    public DataTableSpec() {
        this(DEFAULT_NAME);
    }

    public DataTableSpec(final DataColumnSpec... colSpecs) {
        this(DEFAULT_NAME, colSpecs);
    }

    public DataTableSpec(final String name) {
        this(name, new DataColumnSpec[0]);
    }

    public DataTableSpec(final String name, final DataColumnSpec... colSpecs) {
        m_name = name;
        m_columns = colSpecs.clone();
        for (int i = 0; i < m_columns.length; i++) {
            if (m_index.put(m_columns[i].getName(), i) != null) {
                throw new IllegalArgumentException("Multiple columns with identical names: \""
                        + m_columns[i].getName() + "\"");
            }
        }
    }

    public DataTableSpec(final String[] names, final DataType[] types) {
        this(DEFAULT_NAME, names, types);
    }

    public DataTableSpec(final String name, final String[] names, final DataType[] types) {
        this(name, createColumnSpecs(names, types));
    }

    public static final DataColumnSpec[] createColumnSpecs(final String[] names, final DataType[] types) {
        if (names.length != types.length) {
            throw new IllegalArgumentException("names and types differ in length");
        }
        DataColumnSpec[] specs = new DataColumnSpec[names.length];
        for (int i = 0; i < names.length; i++) {
            specs[i] = new DataColumnSpecCreator(names[i], types[i]).createSpec();
        }
        return specs;
    }

    public int getNumColumns() {
        return m_columns.length;
    }

    public DataColumnSpec getColumnSpec(final int index) {
        return m_columns[index];
    }

    public DataColumnSpec getColumnSpec(final String column) {
        Integer i = m_index.get(column);
        return i == null ? null : m_columns[i];
    }

    public int findColumnIndex(final String columnName) {
        Integer i = m_index.get(columnName);
        return i == null ? -1 : i;
    }

    public boolean containsName(final String columnName) {
        return m_index.containsKey(columnName);
    }

    public final String[] getColumnNames() {
        return Arrays.stream(m_columns).map(DataColumnSpec::getName).toArray(String[]::new);
    }

    public boolean containsCompatibleType(final Class<? extends DataValue> valueClass) {
        return stream().anyMatch(c -> c.getType().isCompatible(valueClass));
    }

    public String getName() {
        return m_name;
    }

    public boolean equalStructure(final DataTableSpec spec) {
        if (spec == null || spec.m_columns.length != m_columns.length) {
            return false;
        }
        for (int i = 0; i < m_columns.length; i++) {
            if (!m_columns[i].equalStructure(spec.m_columns[i])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public Iterator<DataColumnSpec> iterator() {
        return Arrays.asList(m_columns).iterator();
    }

    public Stream<DataColumnSpec> stream() {
        return Arrays.stream(m_columns);
    }

    @Override
    public JComponent[] getViews() {
        return new JComponent[0];
    }

    public void save(final ConfigWO config) {
        config.addString("spec_name", m_name);
        config.addInt("number_columns", m_columns.length);
        for (int i = 0; i < m_columns.length; i++) {
            m_columns[i].save(config.addConfig("column_spec_" + i));
        }
    }

    public static DataTableSpec load(final ConfigRO config) throws InvalidSettingsException {
        int n = config.getInt("number_columns");
        DataColumnSpec[] columns = new DataColumnSpec[n];
        for (int i = 0; i < n; i++) {
            columns[i] = DataColumnSpec.load(config.getConfig("column_spec_" + i));
        }
        return new DataTableSpec(config.getString("spec_name"), columns);
    }

    @Override
    public boolean equals(final Object obj) {
        return obj instanceof DataTableSpec && equalStructure((DataTableSpec)obj)
                && ((DataTableSpec)obj).m_name.equals(m_name);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(m_columns);
    }

    @Override
    public String toString() {
        return "name=" + m_name + ",columns=" + Arrays.toString(m_columns);
    }

    /** Writes the spec as settings XML into the zip stream. */
    public static final class Serializer extends PortObjectSpecSerializer<DataTableSpec> {

        @Override
        public void savePortObjectSpec(final DataTableSpec portObjectSpec, final PortObjectSpecZipOutputStream out)
                throws IOException {
            NodeSettings settings = new NodeSettings("spec");
            portObjectSpec.save(settings);
            out.putNextEntry(new ZipEntry("spec.xml"));
            settings.saveToXML(out);
            out.closeEntry();
        }

        @Override
        public DataTableSpec loadPortObjectSpec(final PortObjectSpecZipInputStream in) throws IOException {
            ZipEntry entry = in.getNextEntry();
            if (entry == null || !"spec.xml".equals(entry.getName())) {
                throw new IOException("expected zip entry spec.xml");
            }
            NodeSettingsRO settings = NodeSettings.loadFromXML(new java.io.ByteArrayInputStream(in.readAllBytes()));
            try {
                return load(settings);
            } catch (InvalidSettingsException e) {
                throw new IOException(e.getMessage(), e);
            }
        }
    }
}
