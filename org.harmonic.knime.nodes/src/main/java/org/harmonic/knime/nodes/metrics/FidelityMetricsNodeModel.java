package org.harmonic.knime.nodes.metrics;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.harmonic.core.metrics.fidelity.CorrelationSimilarity;
import org.harmonic.core.metrics.fidelity.DataMismatch;
import org.harmonic.core.metrics.evaluation.Evaluation;
import org.harmonic.core.metrics.EvaluationConfig;
import org.harmonic.core.metrics.evaluation.EvaluationReport;
import org.harmonic.core.metrics.MetricResult;
import org.harmonic.core.metrics.fidelity.WassersteinDistance;
import org.harmonic.core.table.Column;
import org.harmonic.core.table.Table;
import org.harmonic.core.util.JsonText;
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
 * {@link Evaluation} and writes the report as two tables: one row per metric (value and the id of
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
        m_settings.toConfig(test != null);
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
        EvaluationConfig config = m_settings.toConfig(testTable != null);
        String target = m_settings.m_target.getStringValue();

        Table real = KnimeTables.toTable(realTable, exec.createSubProgress(0.02)).table();
        Table synthetic = KnimeTables.toTable(synTable, exec.createSubProgress(0.02)).table();
        Table test = testTable == null ? null : KnimeTables.toTable(testTable, exec.createSubProgress(0.02)).table();
        EvaluationReport report = KnimeProgress.run(exec.createSubProgress(0.92),
            progress -> Evaluation.evaluate(real, synthetic, test, target, config, progress));
        for (String warning : report.warnings()) {
            getLogger().warn(warning);
        }
        if (!report.warnings().isEmpty()) {
            setWarningMessage(String.join("\n", report.warnings()));
        }
        exec.checkCanceled();
        return new PortObject[] {metricsTable(report, exec), columnsTable(report, real, synthetic, exec)};
    }

    private static BufferedDataTable metricsTable(final EvaluationReport report, final ExecutionContext exec) {
        BufferedDataContainer out = exec.createDataContainer(metricsSpec());
        long row = 0;
        for (MetricResult r : report.results()) {
            out.addRowToTable(new DefaultRow(RowKey.createRowKey(row++), new StringCell(r.id()), number(r.value()),
                new StringCell(r.definition()), new StringCell(JsonText.write(r.parameters())),
                new StringCell(JsonText.write(r.details()))));
        }
        out.close();
        return out.getTable();
    }

    /** One row per real column: what DM, WD and CS say about it (missing where the metric was not run). */
    private static BufferedDataTable columnsTable(final EvaluationReport report, final Table real,
            final Table synthetic, final ExecutionContext exec) {
        Set<String> mismatched = new HashSet<>();
        boolean dm = report.get("dm", DataMismatch.Result.class).map(r -> {
            r.mismatches().forEach(m -> mismatched.add(m.column()));
            return true;
        }).orElse(false);
        Map<String, Double> w1 = report.get("wd", WassersteinDistance.Result.class)
            .map(WassersteinDistance.Result::perColumnW1).orElse(Map.of());
        Map<String, CorrelationSimilarity.PropertyScore> shapes = new HashMap<>();
        report.get("cs", CorrelationSimilarity.Result.class)
            .ifPresent(r -> r.columnShapes().forEach(s -> shapes.put(s.columns(), s)));

        BufferedDataContainer out = exec.createDataContainer(columnsSpec());
        for (int c = 0; c < real.columnCount(); c++) {
            Column column = real.column(c);
            String name = column.name();
            int s = synthetic.schema().indexOf(name);
            CorrelationSimilarity.PropertyScore shape = shapes.get(name);
            out.addRowToTable(new DefaultRow(RowKey.createRowKey((long)c), new StringCell(name),
                new StringCell(typeName(column)), s < 0 ? DataType.getMissingCell() : new StringCell(typeName(
                    synthetic.column(s))),
                dm ? BooleanCell.BooleanCellFactory.create(mismatched.contains(name)) : DataType.getMissingCell(),
                number(w1.get(name)),
                shape == null ? DataType.getMissingCell() : new StringCell(shape.metric()),
                shape == null ? DataType.getMissingCell() : number(shape.score())));
        }
        out.close();
        return out.getTable();
    }

    private static String typeName(final Column column) {
        return column.type().name().toLowerCase(java.util.Locale.ROOT);
    }

    private static DataCell number(final Double value) {
        return value == null || !Double.isFinite(value) ? DataType.getMissingCell() : new DoubleCell(value);
    }

    @Override
    protected NodeOptions options() {
        return m_settings;
    }
}
