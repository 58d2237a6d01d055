package org.knime.core.data.container;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTable;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.RowIterator;
import org.knime.core.data.RowKey;

/**
 * Collects rows into a table. The stand-in keeps them in memory and checks what KNIME checks:
 * the container is open, each row has one cell per column, each cell's type fits its column,
 * row keys are unique.
 */
public class DataContainer implements RowAppender, RowFlushable {
    private final DataTableSpec m_spec;
    private final List<DataRow> m_rows = new ArrayList<>();
    private final Set<RowKey> m_keys = new HashSet<>();
    private boolean m_closed;

    public DataContainer(final DataTableSpec spec) {
        this(spec, false);
    }

    public DataContainer(final DataTableSpec spec, final boolean initDomain) {
        if (spec == null) {
            throw new NullPointerException("Spec must not be null!");
        }
        m_spec = spec;
    }

    @Override
    public void addRowToTable(final DataRow row) {
        if (m_closed) {
            throw new IllegalStateException("Cannot add row: container has already been closed.");
        }
        if (row.getNumCells() != m_spec.getNumColumns()) {
            throw new IllegalArgumentException("Cell count in row \"" + row.getKey() + "\" is not equal to length of "
                    + "column names array: " + row.getNumCells() + " vs. " + m_spec.getNumColumns());
        }
        for (int i = 0; i < row.getNumCells(); i++) {
            DataCell cell = row.getCell(i);
            if (!cell.isMissing() && !m_spec.getColumnSpec(i).getType().isASuperTypeOf(cell.getType())) {
                throw new IllegalArgumentException("Runtime type of cell #" + i + " (" + cell.getType()
                        + ") in row \"" + row.getKey() + "\" is not compatible with column spec type "
                        + m_spec.getColumnSpec(i).getType());
            }
        }
        if (!m_keys.add(row.getKey())) {
            throw new IllegalArgumentException("Encountered duplicate row ID \"" + row.getKey() + "\"");
        }
        m_rows.add(row);
    }

    public void close() {
        if (m_closed) {
            throw new IllegalStateException("Container has already been closed.");
        }
        m_closed = true;
    }

    public boolean isOpen() {
        return !m_closed;
    }

    public boolean isClosed() {
        return m_closed;
    }

    public long size() {
        return m_rows.size();
    }

    public DataTableSpec getTableSpec() {
        return m_spec;
    }

    public DataTable getTable() {
        if (!m_closed) {
            throw new IllegalStateException("Cannot get table: container is not closed.");
        }
        List<DataRow> rows = Collections.unmodifiableList(m_rows);
        return new DataTable() {
            @Override
            public DataTableSpec getDataTableSpec() {
                return m_spec;
            }

            @Override
            public RowIterator iterator() {
                return CloseableRowIterator.from(rows.iterator());
            }
        };
    }
}
