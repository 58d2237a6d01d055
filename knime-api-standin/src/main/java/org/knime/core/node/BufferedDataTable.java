package org.knime.core.node;

import java.util.List;

import javax.swing.JComponent;

import org.knime.core.data.DataRow;
import org.knime.core.data.DataTable;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.container.CloseableRowIterator;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortType;
import org.knime.core.node.port.PortTypeRegistry;

/** A table owned by the framework; node code gets them from the {@link ExecutionContext}. */
public final class BufferedDataTable implements DataTable, PortObject {

    public static final PortType TYPE = PortTypeRegistry.getInstance().getPortType(BufferedDataTable.class);

    public static final PortType TYPE_OPTIONAL =
        PortTypeRegistry.getInstance().getPortType(BufferedDataTable.class, true);

    private static int lastId;

    private final DataTableSpec m_spec;
    private final List<DataRow> m_rows;
    private final int m_id;

    BufferedDataTable(final DataTableSpec spec, final List<DataRow> rows) {
        m_spec = spec;
        m_rows = List.copyOf(rows);
        synchronized (BufferedDataTable.class) {
            m_id = ++lastId;
        }
    }

    @Override
    public DataTableSpec getDataTableSpec() {
        return m_spec;
    }

    @Override
    public DataTableSpec getSpec() {
        return m_spec;
    }

    @Override
    public String getSummary() {
        return "Rows: " + size() + ", Cols: " + m_spec.getNumColumns();
    }

    @Override
    public CloseableRowIterator iterator() {
        return CloseableRowIterator.from(m_rows.iterator());
    }

    public long size() {
        return m_rows.size();
    }

    /** @deprecated use {@link #size()} */
    @Deprecated
    public int getRowCount() {
        return m_rows.size();
    }

    public Integer getBufferedTableId() {
        return m_id;
    }

    @Override
    public JComponent[] getViews() {
        return new JComponent[0];
    }
}
