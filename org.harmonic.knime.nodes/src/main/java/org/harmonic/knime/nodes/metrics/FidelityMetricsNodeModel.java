package org.harmonic.knime.nodes.metrics;

import org.harmonic.core.api.FidelityMetrics;
import org.harmonic.core.options.EvaluateOptions;
import org.harmonic.core.table.Table;
import org.harmonic.knime.nodes.common.HarmonicNodeModel;
import org.harmonic.knime.nodes.common.NodeOptions;
import org.harmonic.knime.nodes.table.KnimeProgress;
import org.harmonic.knime.nodes.table.KnimeTables;
import org.knime.core.data.DataCell;
import org.knime.core.data.DataColumnSpecCreator;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataType;
import org.knime.core.data.RowKey;
import org.knime.core.data.def.BooleanCell;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.data.def.DoubleCell;
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
 * Fidelity Metrics: converts the real, synthetic and (optional) test tables, calls the core's
 * {@link FidelityMetrics} and writes the report as two tables: one row per metric (value and the id of
 * the exact definition computed, as in report.json) and one row per column (type mismatch, W1
 * distance, column-shape score).
 */
public final class FidelityMetricsNodeModel extends HarmonicNodeModel {
    static final String COL_METRIC = "Metric";
    static final String COL_VALUE = "Value";
    static final String COL_DEFINITION = "Definition";
    static final String COL_PARAMETERS = "Parameters (JSON)";
    static final String COL_DETAILS = "Details (JSON)";

    static final String COL_COLUMN = "Column";
    static final String COL_REAL_TYPE = "Real type";
    static final String COL_SYNTHETIC_TYPE = "Synthetic type";
    static final String COL_TYPE_MISMATCH = "Type mismatch (DM)";
    static final String COL_W1 = "Wasserstein-1 (WD)";
    static final String COL_SHAPE_METRIC = "Shape metric (CS)";
    static final String COL_SHAPE_SCORE = "Shape score (CS)";

    private final FidelityMetricsSettings m_settings = new FidelityMetricsSettings();

    FidelityMetricsNodeModel() {
        super(new PortType[] {BufferedDataTable.TYPE, BufferedDataTable.TYPE, BufferedDataTable.TYPE_OPTIONAL},
            new PortType[] {BufferedDataTable.TYPE, BufferedDataTable.TYPE});
    }

    static DataTableSpec metricsSpec() {
        return new DataTableSpec("Metrics",
            new DataColumnSpecCreator(COL_METRIC, StringCell.TYPE).createSpec(),
            new DataColumnSpecCreator(COL_VALUE, DoubleCell.TYPE).createSpec(),
            new DataColumnSpecCreator(COL_DEFINITION, StringCell.TYPE).createSpec(),
            new DataColumnSpecCreator(COL_PARAMETERS, StringCell.TYPE).createSpec(),
            new DataColumnSpecCreator(COL_DETAILS, StringCell.TYPE).createSpec());
    }

    static DataTableSpec columnsSpec() {
        return new DataTableSpec("Per column",
            new DataColumnSpecCreator(COL_COLUMN, StringCell.TYPE).createSpec(),
            new DataColumnSpecCreator(COL_REAL_TYPE, StringCell.TYPE).createSpec(),
            new DataColumnSpecCreator(COL_SYNTHETIC_TYPE, StringCell.TYPE).createSpec(),
            new DataColumnSpecCreator(COL_TYPE_MISMATCH, BooleanCell.TYPE).createSpec(),
            new DataColumnSpecCreator(COL_W1, DoubleCell.TYPE).createSpec(),
            new DataColumnSpecCreator(COL_SHAPE_METRIC, StringCell.TYPE).createSpec(),
            new DataColumnSpecCreator(COL_SHAPE_SCORE, DoubleCell.TYPE).createSpec());
    }

    @Override
    protected PortObjectSpec[] configure(final PortObjectSpec[] inSpecs) throws InvalidSettingsException {
        DataTableSpec test = (DataTableSpec)inSpecs[2];
        m_settings.checkInput((DataTableSpec)inSpecs[0], (DataTableSpec)inSpecs[1], test);
        m_settings.checkedOptions(test != null);
        if (m_settings.mleSkipped(test != null)) {
            setWarningMessage("MLE is skipped: it needs the real test table at the third input.");
        }
        return new PortObjectSpec[] {metricsSpec(), columnsSpec()};
    }

    @Override
    protected PortObject[] execute(final PortObject[] inObjects, final ExecutionContext exec) throws Exception {
        BufferedDataTable realTable = (BufferedDataTable)inObjects[0];
        BufferedDataTable synTable = (BufferedDataTable)inObjects[1];
        BufferedDataTable testTable = (BufferedDataTable)inObjects[2];
        m_settings.checkInput(realTable.getDataTableSpec(), synTable.getDataTableSpec(),
            testTable == null ? null : testTable.getDataTableSpec());
        EvaluateOptions options = m_settings.checkedOptions(testTable != null);
        String target = m_settings.m_target.getStringValue();

        Table real = KnimeTables.toTable(realTable, exec.createSubProgress(0.02)).table();
        Table synthetic = KnimeTables.toTable(synTable, exec.createSubProgress(0.02)).table();
        Table test = testTable == null ? null : KnimeTables.toTable(testTable, exec.createSubProgress(0.02)).table();
        FidelityMetrics.Report report = KnimeProgress.run(exec.createSubProgress(0.92),
            progress -> FidelityMetrics.evaluate(real, synthetic, test, target, options, progress));
        for (String warning : report.warnings()) {
            getLogger().warn(warning);
        }
        if (!report.warnings().isEmpty()) {
            setWarningMessage(String.join("\n", report.warnings()));
        }
        exec.checkCanceled();
        return new PortObject[] {metricsTable(report, exec), columnsTable(report, exec)};
    }

    private static BufferedDataTable metricsTable(final FidelityMetrics.Report report, final ExecutionContext exec) {
        BufferedDataContainer out = exec.createDataContainer(metricsSpec());
        long row = 0;
        for (FidelityMetrics.Metric r : report.metrics()) {
            out.addRowToTable(new DefaultRow(RowKey.createRowKey(row++), new StringCell(r.id()), number(r.value()),
                new StringCell(r.definition()), new StringCell(r.parametersJson()), new StringCell(r.detailsJson())));
        }
        out.close();
        return out.getTable();
    }

    /** One row per real column: what DM, WD and CS say about it (missing where the metric was not run). */
    private static BufferedDataTable columnsTable(final FidelityMetrics.Report report, final ExecutionContext exec) {
        BufferedDataContainer out = exec.createDataContainer(columnsSpec());
        long row = 0;
        for (FidelityMetrics.ColumnScores c : report.columns()) {
            out.addRowToTable(new DefaultRow(RowKey.createRowKey(row++), new StringCell(c.name()),
                new StringCell(c.type()), text(c.syntheticType()),
                c.mismatched() == null ? DataType.getMissingCell()
                    : BooleanCell.BooleanCellFactory.create(c.mismatched()),
                number(c.w1()), text(c.shapeMetric()), number(c.shapeScore())));
        }
        out.close();
        return out.getTable();
    }

    private static DataCell text(final String value) {
        return value == null ? DataType.getMissingCell() : new StringCell(value);
    }

    private static DataCell number(final Double value) {
        return value == null || !Double.isFinite(value) ? DataType.getMissingCell() : new DoubleCell(value);
    }

    @Override
    protected NodeOptions options() {
        return m_settings;
    }
}
