package org.harmonic.knime.nodes.dlt;

import java.util.List;

import org.harmonic.core.api.Dlt;
import org.harmonic.core.options.EvaluateOptions;
import org.harmonic.core.table.Table;
import org.harmonic.knime.nodes.common.HarmonicNodeModel;
import org.harmonic.knime.nodes.common.NodeOptions;
import org.harmonic.knime.nodes.port.GeneratorPortObject;
import org.harmonic.knime.nodes.port.GeneratorPortObjectSpec;
import org.harmonic.knime.nodes.table.KnimeProgress;
import org.harmonic.knime.nodes.table.KnimeTables;
import org.knime.core.data.DataCell;
import org.knime.core.data.DataColumnSpecCreator;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataType;
import org.knime.core.data.RowKey;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.data.def.IntCell;
import org.knime.core.data.def.StringCell;
import org.knime.core.node.BufferedDataContainer;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.ExecutionMonitor;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.PortType;

/**
 * Data Leakage Test (DLT, method.md A.5, B 6.3): opens the generator from the generator port and
 * runs the core's {@link Dlt} (as {@code harmonic evaluate
 * --generator} does): the generator's mean perplexity of its real training rows minus that of the
 * synthetic rows. Strongly negative means the generator finds its training rows far more likely
 * than what it generates (memorisation). The node writes the two means and the gap as three rows.
 */
public final class DataLeakageTestNodeModel extends HarmonicNodeModel {
    static final String COL_SOURCE = "Source";
    static final String COL_MEASURE = "Measure";
    static final String COL_VALUE = "Value";
    static final String COL_ROWS = "Rows";
    static final String COL_ROWS_SCORED = "Rows scored";
    static final String COL_MEAN_TOKENS = "Mean tokens";
    static final String COL_DEFINITION = "Definition";
    static final String COL_SIGN = "Sign";

    static final String SOURCE_REAL = "real";
    static final String SOURCE_SYNTHETIC = "synthetic";
    static final String SOURCE_DLT = "dlt";

    private final DataLeakageTestSettings m_settings = new DataLeakageTestSettings();

    DataLeakageTestNodeModel() {
        super(new PortType[] {GeneratorPortObject.TYPE, BufferedDataTable.TYPE, BufferedDataTable.TYPE},
            new PortType[] {BufferedDataTable.TYPE});
    }

    static DataTableSpec scoresSpec() {
        return new DataTableSpec("DLT scores",
            new DataColumnSpecCreator(COL_SOURCE, StringCell.TYPE).createSpec(),
            new DataColumnSpecCreator(COL_MEASURE, StringCell.TYPE).createSpec(),
            new DataColumnSpecCreator(COL_VALUE, DoubleCell.TYPE).createSpec(),
            new DataColumnSpecCreator(COL_ROWS, IntCell.TYPE).createSpec(),
            new DataColumnSpecCreator(COL_ROWS_SCORED, IntCell.TYPE).createSpec(),
            new DataColumnSpecCreator(COL_MEAN_TOKENS, DoubleCell.TYPE).createSpec(),
            new DataColumnSpecCreator(COL_DEFINITION, StringCell.TYPE).createSpec(),
            new DataColumnSpecCreator(COL_SIGN, StringCell.TYPE).createSpec());
    }

    @Override
    protected PortObjectSpec[] configure(final PortObjectSpec[] inSpecs) throws InvalidSettingsException {
        m_settings.checkedOptions();
        checkTables((GeneratorPortObjectSpec)inSpecs[0], (DataTableSpec)inSpecs[1], (DataTableSpec)inSpecs[2]);
        return new PortObjectSpec[] {scoresSpec()};
    }

    /**
     * Both tables must hold the generator's columns (from the port spec). Before the generator is
     * trained its spec has no schema; then the synthetic table must at least have the real
     * table's columns.
     */
    static void checkTables(final GeneratorPortObjectSpec generator, final DataTableSpec real,
            final DataTableSpec synthetic) throws InvalidSettingsException {
        List<String> columns = generator == null ? List.of() : generator.getColumnNames();
        if (columns.isEmpty()) {
            if (real != null && synthetic != null) {
                DataLeakageTestSettings.requireColumns(List.of(real.getColumnNames()), synthetic, "synthetic");
            }
            return;
        }
        DataLeakageTestSettings.requireColumns(columns, real, "real training");
        DataLeakageTestSettings.requireColumns(columns, synthetic, "synthetic");
    }

    @Override
    protected PortObject[] execute(final PortObject[] inObjects, final ExecutionContext exec) throws Exception {
        GeneratorPortObject generator = (GeneratorPortObject)inObjects[0];
        BufferedDataTable realTable = (BufferedDataTable)inObjects[1];
        BufferedDataTable synTable = (BufferedDataTable)inObjects[2];
        EvaluateOptions options = m_settings.checkedOptions();
        checkTables(generator.getSpec(), realTable.getDataTableSpec(), synTable.getDataTableSpec());

        Table real = KnimeTables.toTable(realTable, exec.createSubProgress(0.02)).table();
        Table synthetic = KnimeTables.toTable(synTable, exec.createSubProgress(0.02)).table();
        // only the generator's columns are scored: a real table may carry more (the Synthesizer ignores them too);
        // the generator directory is the authority on them, its port spec may have been incomplete
        Dlt.Result result = KnimeProgress.run(exec.createSubProgress(0.96),
            progress -> Dlt.evaluate(generator.getDirectory(), real, synthetic, options, progress));
        exec.checkCanceled();
        getLogger().info(String.format("DLT %.4f: mean perplexity real %.4f (%d rows), synthetic %.4f (%d rows)",
            result.value(), result.real().mean(), result.real().scored(), result.synthetic().mean(),
            result.synthetic().scored()));
        return new PortObject[] {scoresTable(result, exec)};
    }

    /** Three rows: the mean perplexity of the real rows, of the synthetic rows, and DLT = real - synthetic. */
    static BufferedDataTable scoresTable(final Dlt.Result result, final ExecutionContext exec) {
        String definition = result.definition();
        BufferedDataContainer out = exec.createDataContainer(scoresSpec());
        out.addRowToTable(scored(SOURCE_REAL, "mean perplexity of the real training rows", result.real(), definition));
        out.addRowToTable(scored(SOURCE_SYNTHETIC, "mean perplexity of the synthetic rows", result.synthetic(),
            definition));
        DataCell missing = DataType.getMissingCell();
        out.addRowToTable(new DefaultRow(new RowKey(SOURCE_DLT), new StringCell(SOURCE_DLT),
            new StringCell("DLT = real - synthetic mean perplexity"), number(result.value()), missing, missing, missing,
            new StringCell(definition), new StringCell(Dlt.SIGN)));
        out.close();
        return out.getTable();
    }

    private static DefaultRow scored(final String source, final String measure, final Dlt.Perplexity s,
            final String definition) {
        return new DefaultRow(new RowKey(source), new StringCell(source), new StringCell(measure), number(s.mean()),
            new IntCell(s.rows()), new IntCell(s.scored()), number(s.meanTokens()),
            new StringCell(definition), new StringCell(Dlt.SIGN));
    }

    private static DataCell number(final Double value) {
        return value == null || !Double.isFinite(value) ? DataType.getMissingCell() : new DoubleCell(value);
    }

    @Override
    protected NodeOptions options() {
        return m_settings;
    }
}
