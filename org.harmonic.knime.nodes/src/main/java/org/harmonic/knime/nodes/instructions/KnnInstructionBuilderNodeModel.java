package org.harmonic.knime.nodes.instructions;

import java.util.List;

import org.harmonic.core.api.Instruction;
import org.harmonic.core.api.KnnInstructions;
import org.harmonic.core.options.InstructionsOptions;
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
import org.knime.core.data.def.IntCell;
import org.knime.core.data.def.StringCell;
import org.knime.core.node.BufferedDataContainer;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.ExecutionMonitor;
import org.knime.core.node.InvalidSettingsException;

/**
 * KNN Instruction Builder: converts the input table, calls the core's {@link KnnInstructions}
 * and writes one row per instruction (method.md A.1). Training instructions come first (their
 * answer is the row the neighbours describe), then the optional generation prompts (empty answer).
 */
public final class KnnInstructionBuilderNodeModel extends HarmonicNodeModel {
    static final String COL_PROMPT = "Prompt";
    static final String COL_ANSWER = "Answer";
    static final String COL_GROUP = "Group ID";
    static final String COL_KIND = "Kind";
    static final String COL_TARGET_ROW = "Target row ID";
    /**
     * The input rows an instruction shows, as 0-based positions in the input table: a training instruction's
     * answer row first, then its neighbours in the prompt's order (a generation prompt: its rows). The
     * Fine-Tuner counts them for differential privacy (the default delta is 1 / the rows shown, as the
     * command line's 1 / rows) and for how many instructions one row takes part in.
     */
    public static final String COL_ROW_INDEXES = "Row indexes";
    /**
     * Flow variables with the label filter and neighbour search the instructions were built with (lower case,
     * as {@code report.json} writes them): the prompts do not show them, and the LLM Fine-Tuner needs them so
     * that the Synthesizer draws generation prompts as the training groups were drawn.
     */
    public static final String VAR_LABEL_FILTER = "harmonic.label_filter";
    public static final String VAR_NEIGHBOURS_BY = "harmonic.neighbours_by";
    static final String KIND_TRAINING = "training";
    static final String KIND_GENERATION = "generation";

    /** Rows between two cancel checks while writing the output. */
    private static final int CHECK_EVERY = 256;

    private final KnnInstructionBuilderSettings m_settings = new KnnInstructionBuilderSettings();

    KnnInstructionBuilderNodeModel() {
        super(1, 1);
    }

    /** The output columns; they do not depend on the input. */
    static DataTableSpec outputSpec() {
        return new DataTableSpec("Instructions",
            new DataColumnSpecCreator(COL_PROMPT, StringCell.TYPE).createSpec(),
            new DataColumnSpecCreator(COL_ANSWER, StringCell.TYPE).createSpec(),
            new DataColumnSpecCreator(COL_GROUP, IntCell.TYPE).createSpec(),
            new DataColumnSpecCreator(COL_KIND, StringCell.TYPE).createSpec(),
            new DataColumnSpecCreator(COL_TARGET_ROW, StringCell.TYPE).createSpec(),
            new DataColumnSpecCreator(COL_ROW_INDEXES, StringCell.TYPE).createSpec());
    }

    @Override
    protected DataTableSpec[] configure(final DataTableSpec[] inSpecs) throws InvalidSettingsException {
        m_settings.checkInput(inSpecs[0]);
        m_settings.checkedOptions();
        return new DataTableSpec[] {outputSpec()};
    }

    @Override
    protected BufferedDataTable[] execute(final BufferedDataTable[] inData, final ExecutionContext exec)
            throws Exception {
        m_settings.checkInput(inData[0].getDataTableSpec());
        InstructionsOptions options = m_settings.checkedOptions();

        KnimeTables.Converted input = KnimeTables.toTable(inData[0], exec.createSubProgress(0.05));
        KnnInstructions.Result set = KnimeProgress.run(exec.createSubProgress(0.85),
            progress -> KnnInstructions.build(input.table(), options, progress));
        for (String note : set.notes()) {
            getLogger().info(note);
        }
        pushFlowVariableString(VAR_LABEL_FILTER, set.filter());
        pushFlowVariableString(VAR_NEIGHBOURS_BY, set.neighboursBy());

        ExecutionMonitor writing = exec.createSubProgress(0.1);
        BufferedDataContainer out = exec.createDataContainer(outputSpec());
        long total = (long)set.training().size() + set.prompts().size();
        long row = 0;
        row = write(out, set.training(), KIND_TRAINING, input.rowIds(), row, total, writing);
        write(out, set.prompts(), KIND_GENERATION, input.rowIds(), row, total, writing);
        out.close();
        return new BufferedDataTable[] {out.getTable()};
    }

    private static long write(final BufferedDataContainer out, final List<Instruction> examples,
            final String kind, final List<String> rowIds, final long firstRow, final long total,
            final ExecutionMonitor exec) throws Exception {
        long row = firstRow;
        int id = 1;
        for (Instruction e : examples) {
            if (row % CHECK_EVERY == 0) {
                exec.checkCanceled();
                exec.setProgress(row / (double)total, "writing instructions");
            }
            DataCell targetRow = e.targetRow() < 0 ? DataType.getMissingCell() : new StringCell(rowIds.get(e.targetRow()));
            out.addRowToTable(new DefaultRow(RowKey.createRowKey(row), new StringCell(e.prompt()),
                new StringCell(e.answer()), new IntCell(id++), new StringCell(kind), targetRow,
                new StringCell(rowIndexes(e))));
            row++;
        }
        return row;
    }

    /** {@link #COL_ROW_INDEXES}' text: the answer row (training only), then the rows of the prompt. */
    static String rowIndexes(final Instruction e) {
        StringBuilder b = new StringBuilder();
        if (e.targetRow() >= 0) {
            b.append(e.targetRow());
        }
        for (int r : e.exampleRows()) {
            b.append(b.length() == 0 ? "" : " ").append(r);
        }
        return b.toString();
    }

    @Override
    protected NodeOptions options() {
        return m_settings;
    }
}
