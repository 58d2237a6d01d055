package org.knime.core.node;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.knime.core.data.DataRow;
import org.knime.core.data.DataTable;
import org.knime.core.data.DataTableSpec;

/**
 * What a running node gets from the framework: progress, cancellation and table creation. The
 * stand-in keeps tables in memory and remembers every table created through it (and its
 * sub-contexts), so tests can check that a canceled node left none behind. KNIME's public
 * constructors take framework internals; the stand-in's is package-private (see the harness in
 * the test jar).
 */
public class ExecutionContext extends ExecutionMonitor {
    private final List<BufferedDataTable> m_createdTables;

    ExecutionContext(final NodeProgressMonitor progress) {
        this(progress, Collections.synchronizedList(new ArrayList<>()));
    }

    private ExecutionContext(final NodeProgressMonitor progress, final List<BufferedDataTable> createdTables) {
        super(progress);
        m_createdTables = createdTables;
    }

    public BufferedDataContainer createDataContainer(final DataTableSpec spec) {
        return new BufferedDataContainer(spec, this);
    }

    public BufferedDataContainer createDataContainer(final DataTableSpec spec, final boolean initDomain) {
        return new BufferedDataContainer(spec, this);
    }

    public BufferedDataTable createBufferedDataTable(final DataTable table, final ExecutionMonitor subProgressMon)
            throws CanceledExecutionException {
        BufferedDataContainer c = createDataContainer(table.getDataTableSpec());
        for (DataRow row : table) {
            subProgressMon.checkCanceled();
            c.addRowToTable(row);
        }
        c.close();
        return c.getTable();
    }

    public ExecutionContext createSubExecutionContext(final double maxProg) {
        return new ExecutionContext(new SubNodeProgressMonitor(getProgressMonitor(), maxProg, false),
            m_createdTables);
    }

    public ExecutionContext createSilentSubExecutionContext(final double maxProg) {
        return new ExecutionContext(new SubNodeProgressMonitor(getProgressMonitor(), maxProg, true),
            m_createdTables);
    }

    void registerTable(final BufferedDataTable table) {
        m_createdTables.add(table);
    }

    /** Tables created through this context and its sub-contexts (stand-in only). */
    List<BufferedDataTable> createdTables() {
        return List.copyOf(m_createdTables);
    }
}
