package org.harmonic.knime.nodes.finetune;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

import org.harmonic.core.api.Instruction;
import org.harmonic.core.api.LlmFineTuning;
import org.harmonic.core.options.FitOptions;
import org.harmonic.knime.nodes.common.HarmonicNodeModel;
import org.harmonic.knime.nodes.common.NodeOptions;
import org.harmonic.knime.nodes.instructions.KnnInstructionBuilderNodeModel;
import org.harmonic.knime.nodes.port.GeneratorPortObject;
import org.harmonic.knime.nodes.port.GeneratorPortObjectSpec;
import org.harmonic.knime.nodes.port.TempDirectories;
import org.harmonic.knime.nodes.table.KnimeProgress;
import org.knime.core.data.DataCell;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.StringValue;
import org.knime.core.data.container.CloseableRowIterator;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.ExecutionMonitor;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.PortType;

/**
 * LLM Fine-Tuner: reads the training instructions (prompt, answer) of an instruction table,
 * recovers the table schema and instruction settings the prompts show, and calls the core's
 * {@link FineTuner} (method.md A.2). The generator directory is written to a temporary directory
 * and carried by the generator port; a canceled or failed run leaves nothing behind.
 */
public final class LlmFineTunerNodeModel extends HarmonicNodeModel {
    /** Rows between two cancel checks while reading the instructions. */
    private static final int CHECK_EVERY = 256;

    private final LlmFineTunerSettings m_settings = new LlmFineTunerSettings();
    /** The directory of the last generator this node produced, deleted on reset. */
    private Path m_lastOutput;

    LlmFineTunerNodeModel() {
        super(new PortType[] {BufferedDataTable.TYPE}, new PortType[] {GeneratorPortObject.TYPE});
    }

    @Override
    protected PortObjectSpec[] configure(final PortObjectSpec[] inSpecs) throws InvalidSettingsException {
        m_settings.checkInput((DataTableSpec)inSpecs[0]);
        m_settings.checkOptions();
        m_settings.checkBaseModel();
        return new PortObjectSpec[] {plannedSpec()};
    }

    /** What configure knows: the base model and the settings; schema and training figures come with execute. */
    private GeneratorPortObjectSpec plannedSpec() throws InvalidSettingsException {
        return new GeneratorPortObjectSpec(m_settings.plannedSummary());
    }

    /** What the KNN Instruction Builder chose, as its flow variables say it. */
    private record BuildersChoice(String filter, String neighboursBy) {
    }

    /**
     * The label filter and neighbour search the KNN Instruction Builder used, from its flow variables where they
     * reach this node; null without them (a table from elsewhere): the generator then keeps the default preset's
     * automatic filter, which the Synthesizer resolves again from the table it is given.
     */
    private BuildersChoice buildersNeighbourhoods() throws InvalidSettingsException {
        String filter;
        String basis;
        try {
            filter = peekFlowVariableString(KnnInstructionBuilderNodeModel.VAR_LABEL_FILTER);
            basis = peekFlowVariableString(KnnInstructionBuilderNodeModel.VAR_NEIGHBOURS_BY);
        } catch (NoSuchElementException e) {
            return null;
        }
        try {
            LlmFineTuning.checkBuildersChoice(filter, basis);
            return new BuildersChoice(filter, basis);
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingsException("The flow variables " + KnnInstructionBuilderNodeModel.VAR_LABEL_FILTER
                + " = '" + filter + "' and " + KnnInstructionBuilderNodeModel.VAR_NEIGHBOURS_BY + " = '" + basis
                + "' are not what the KNN Instruction Builder writes; remove whatever overwrites them, or connect the "
                + "builder's output unchanged.");
        }
    }

    @Override
    protected PortObject[] execute(final PortObject[] inObjects, final ExecutionContext exec) throws Exception {
        BufferedDataTable instructions = (BufferedDataTable)inObjects[0];
        m_settings.checkInput(instructions.getDataTableSpec());
        m_settings.checkOptions();
        m_settings.checkBaseModel();

        List<Instruction> examples = readExamples(instructions, exec.createSubProgress(0.02));
        if (examples.isEmpty()) {
            throw new InvalidSettingsException("The instruction table has no training instructions (every answer is "
                + "empty or missing); connect the KNN Instruction Builder's output, whose training rows carry answers.");
        }
        BuildersChoice builders = buildersNeighbourhoods();
        FitOptions options = m_settings.checkedOptions();

        Path parent = TempDirectories.create("harmonic-fit-");
        Path out = parent.resolve("generator");
        boolean done = false;
        try {
            LlmFineTuning.Result t = KnimeProgress.run(exec.createSubProgress(0.98),
                progress -> LlmFineTuning.fit(examples, m_settings.m_description.getStringValue(),
                    builders == null ? null : builders.filter(), builders == null ? null : builders.neighboursBy(),
                    options, m_settings.seed(), out, progress));
            getLogger().info(String.format("trained %s model (%,d parameters) on %d instructions: %d steps, loss %.3f "
                + "-> %.3f, %.0f s", t.baseModel(), t.parameters(), t.examples(), t.steps(), t.firstLoss(),
                t.finalLoss(), t.seconds()));
            GeneratorPortObject port = GeneratorPortObject.of(out);
            if (t.isPrivate()) {
                getLogger().info(port.getSpec().describePrivacy());
            }
            m_lastOutput = parent;
            done = true;
            return new PortObject[] {port};
        } finally {
            if (!done) {
                TempDirectories.deleteQuietly(parent);
            }
        }
    }

    /** The rows with an answer, in table order (generation prompts, with empty answers, are skipped). */
    private List<Instruction> readExamples(final BufferedDataTable table, final ExecutionMonitor exec)
            throws Exception {
        DataTableSpec spec = table.getDataTableSpec();
        int promptIndex = spec.findColumnIndex(m_settings.m_promptColumn.getStringValue());
        int answerIndex = spec.findColumnIndex(m_settings.m_answerColumn.getStringValue());
        // the builder's row positions, where the table has them (older instruction tables do not)
        int rowsIndex = spec.findColumnIndex(KnnInstructionBuilderNodeModel.COL_ROW_INDEXES);
        List<Instruction> examples = new ArrayList<>();
        long size = table.size();
        long row = 0;
        try (CloseableRowIterator it = table.iterator()) {
            while (it.hasNext()) {
                DataRow r = it.next();
                if (row % CHECK_EVERY == 0) {
                    exec.checkCanceled();
                    exec.setProgress(size == 0 ? 1 : row / (double)size, "reading instructions");
                }
                row++;
                DataCell prompt = r.getCell(promptIndex);
                DataCell answer = r.getCell(answerIndex);
                if (prompt.isMissing() || answer.isMissing() || ((StringValue)answer).getStringValue().isEmpty()) {
                    continue;
                }
                int[] shown = rowsIndex < 0 ? new int[0] : rowIndexes(r.getCell(rowsIndex), row);
                examples.add(new Instruction(shown.length == 0 ? -1 : shown[0],
                    shown.length == 0 ? shown : Arrays.copyOfRange(shown, 1, shown.length),
                    ((StringValue)prompt).getStringValue(), ((StringValue)answer).getStringValue()));
            }
        }
        exec.setProgress(1, "instructions read");
        return examples;
    }

    /**
     * A training instruction's row positions (its answer row first); none for a missing cell.
     *
     * @param row the table row's 1-based number, for the message
     */
    static int[] rowIndexes(final DataCell cell, final long row) throws InvalidSettingsException {
        if (cell.isMissing()) {
            return new int[0];
        }
        String text = ((StringValue)cell).getStringValue().trim();
        try {
            int[] rows = text.isEmpty() ? new int[0] : Arrays.stream(text.split("\\s+")).mapToInt(Integer::parseInt)
                .toArray();
            if (Arrays.stream(rows).allMatch(i -> i >= 0)) {
                return rows;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidSettingsException("row " + row + " of the instruction table: column '"
            + KnnInstructionBuilderNodeModel.COL_ROW_INDEXES + "' holds '" + text + "', not row positions; connect "
            + "the KNN Instruction Builder's output unchanged, or remove that column (then the default DP delta is "
            + "1 / the number of instructions)");
    }

    @Override
    protected void reset() {
        // the generator this node wrote is no longer an output (after loading a saved workflow the port
        // object lives in its own unpacked directory, which this does not touch)
        if (m_lastOutput != null) {
            TempDirectories.deleteQuietly(m_lastOutput);
            m_lastOutput = null;
        }
    }

    @Override
    protected void onDispose() {
        reset();
    }

    @Override
    protected NodeOptions options() {
        return m_settings;
    }
}
