package org.harmonic.knime.nodes.lle;

import java.util.ArrayList;
import java.util.List;

import org.harmonic.core.api.Lle;
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
 * LLM Effectiveness (LLE, method.md A.5): converts the real training, synthetic and real test
 * tables and runs the core's {@link Lle} (as
 * {@code harmonic evaluate --metrics lle} does). The core fine-tunes one classifier on the
 * synthetic rows and one on the real training rows ("original"), both scored on the real test
 * rows; the node writes one row per classifier, the synthetic row also carrying the ratio of its
 * MCC to the original's (the paper reads LLE as this ratio).
 */
public final class LlmEffectivenessNodeModel extends HarmonicNodeModel {
    static final String COL_SOURCE = "Source";
    static final String COL_MCC = "MCC";
    static final String COL_F1 = "F1 (weighted)";
    static final String COL_ACCURACY = "Accuracy";
    static final String COL_TRAINING_ROWS = "Training rows";
    static final String COL_TEST_ROWS = "Test rows";
    static final String COL_RATIO = "MCC / original MCC";
    static final String COL_DEFINITION = "Definition";
    static final String COL_DETAILS = "Details (JSON)";

    static final String SOURCE_SYNTHETIC = Lle.SYNTHETIC;
    static final String SOURCE_ORIGINAL = Lle.ORIGINAL;

    private final LlmEffectivenessSettings m_settings = new LlmEffectivenessSettings();

    LlmEffectivenessNodeModel() {
        super(new PortType[] {BufferedDataTable.TYPE, BufferedDataTable.TYPE, BufferedDataTable.TYPE},
            new PortType[] {BufferedDataTable.TYPE});
    }

    static DataTableSpec scoresSpec() {
        return new DataTableSpec("LLE scores",
            new DataColumnSpecCreator(COL_SOURCE, StringCell.TYPE).createSpec(),
            new DataColumnSpecCreator(COL_MCC, DoubleCell.TYPE).createSpec(),
            new DataColumnSpecCreator(COL_F1, DoubleCell.TYPE).createSpec(),
            new DataColumnSpecCreator(COL_ACCURACY, DoubleCell.TYPE).createSpec(),
            new DataColumnSpecCreator(COL_TRAINING_ROWS, IntCell.TYPE).createSpec(),
            new DataColumnSpecCreator(COL_TEST_ROWS, IntCell.TYPE).createSpec(),
            new DataColumnSpecCreator(COL_RATIO, DoubleCell.TYPE).createSpec(),
            new DataColumnSpecCreator(COL_DEFINITION, StringCell.TYPE).createSpec(),
            new DataColumnSpecCreator(COL_DETAILS, StringCell.TYPE).createSpec());
    }

    @Override
    protected PortObjectSpec[] configure(final PortObjectSpec[] inSpecs) throws InvalidSettingsException {
        m_settings.checkedOptions();
        m_settings.checkInput((DataTableSpec)inSpecs[0], (DataTableSpec)inSpecs[1], (DataTableSpec)inSpecs[2]);
        return new PortObjectSpec[] {scoresSpec()};
    }

    @Override
    protected PortObject[] execute(final PortObject[] inObjects, final ExecutionContext exec) throws Exception {
        BufferedDataTable realTable = (BufferedDataTable)inObjects[0];
        BufferedDataTable synTable = (BufferedDataTable)inObjects[1];
        BufferedDataTable testTable = (BufferedDataTable)inObjects[2];
        EvaluateOptions options = m_settings.checkedOptions();
        String target = m_settings.checkInput(realTable.getDataTableSpec(), synTable.getDataTableSpec(),
            testTable.getDataTableSpec());

        Table real = KnimeTables.toTable(realTable, exec.createSubProgress(0.01)).table();
        Table synthetic = KnimeTables.toTable(synTable, exec.createSubProgress(0.01)).table();
        Table test = KnimeTables.toTable(testTable, exec.createSubProgress(0.01)).table();
        Lle.Result result = KnimeProgress.run(exec.createSubProgress(0.97),
            progress -> Lle.evaluate(real, synthetic, test, target, options, progress));
        exec.checkCanceled();
        for (String note : result.notes()) {
            getLogger().warn(note);
        }
        List<String> warnings = new ArrayList<>(result.warnings());
        warnings.addAll(result.notes());
        if (!warnings.isEmpty()) {
            setWarningMessage(String.join("\n", warnings));
        }
        getLogger().info(String.format("LLE: MCC synthetic %.4f, original %.4f on %d test rows",
            result.scores().get(0).mcc(), result.scores().get(1).mcc(), result.testRows()));
        return new PortObject[] {scoresTable(result, exec)};
    }

    /** The two rows of the scores table: the synthetic-trained classifier, then the original. */
    static BufferedDataTable scoresTable(final Lle.Result result, final ExecutionContext exec) {
        BufferedDataContainer out = exec.createDataContainer(scoresSpec());
        for (Lle.Scores s : result.scores()) {
            out.addRowToTable(new DefaultRow(new RowKey(s.source()), new StringCell(s.source()), number(s.mcc()),
                number(s.f1Weighted()), number(s.accuracy()), new IntCell(s.trainingRows()),
                new IntCell(result.testRows()), number(s.ratio()), new StringCell(Lle.DEFINITION),
                new StringCell(s.detailsJson())));
        }
        out.close();
        return out.getTable();
    }

    private static DataCell number(final Double value) {
        return value == null || !Double.isFinite(value) ? DataType.getMissingCell() : new DoubleCell(value);
    }

    @Override
    protected NodeOptions options() {
        return m_settings;
    }
}
