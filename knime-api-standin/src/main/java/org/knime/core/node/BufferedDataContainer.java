package org.knime.core.node;

import java.util.ArrayList;
import java.util.List;

import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.container.DataContainer;

/** A container whose table is a {@link BufferedDataTable}; created by the {@link ExecutionContext}. */
public class BufferedDataContainer extends DataContainer {
    private final ExecutionContext m_context;
    private BufferedDataTable m_table;

    BufferedDataContainer(final DataTableSpec spec, final ExecutionContext context) {
        super(spec);
        m_context = context;
    }

    @Override
    public BufferedDataTable getTable() {
        if (m_table == null) {
            List<DataRow> rows = new ArrayList<>();
            super.getTable().iterator().forEachRemaining(rows::add);
            m_table = new BufferedDataTable(getTableSpec(), rows);
            m_context.registerTable(m_table);
        }
        return m_table;
    }
}
