package org.harmonic.knime.nodes.finetune;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

import org.harmonic.core.generator.DefaultGenerator;
import org.harmonic.core.generator.FineTuner;
import org.harmonic.core.generator.GeneratorInfo;
import org.harmonic.core.knn.FilterMode;
import org.harmonic.core.knn.InstructionConfig;
import org.harmonic.core.knn.InstructionExample;
import org.harmonic.core.knn.InstructionReader;
import org.harmonic.core.knn.NeighbourBasis;
import org.harmonic.core.lm.train.DpConfig;
import org.harmonic.core.lm.train.TrainingConfig;
import org.harmonic.core.osgi.BundleEngine;
import org.harmonic.core.table.Table;
import org.harmonic.core.table.TableProfile;
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
        Path base = m_settings.baseModel();
        TrainingConfig training = m_settings.toTraining(0);
        Map<String, Object> planned = new LinkedHashMap<>();
        planned.put("epochs", m_settings.m_epochs.getIntValue() > 0 || base != null ? training.epochs()
            : "auto (about " + DefaultGenerator.TARGET_STEPS + " steps, " + DefaultGenerator.MIN_EPOCHS + " to "
                + DefaultGenerator.MAX_EPOCHS + ")");
        planned.put("learningRate", training.learningRate());
        planned.put("batchSize", training.batchSize());
        planned.put("seed", training.seed());
        planned.put("loraRank", m_settings.m_loraRank.getIntValue());
        planned.put("device", m_settings.device());
        if (base == null) {
            planned.put("modelSize", m_settings.m_modelSize.getStringValue());
        }
        DpConfig dp = training.privacy();
        if (dp != null) {
            // the spent epsilon and sigma are known after training (harmonic.json's privacy entry)
            Map<String, Object> privacy = new LinkedHashMap<>();
            privacy.put("target_epsilon", dp.epsilon());
            privacy.put("delta", Double.isNaN(dp.delta()) ? "1/n (n = the table rows the instructions show)"
                : dp.delta());
            privacy.put("clip_norm", dp.clipNorm());
            privacy.put("stage1_epochs", dp.stage1Epochs());
            privacy.put("sampling", dp.poisson() ? "poisson" : "shuffled");
            planned.put("privacy", privacy);
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("format", GeneratorInfo.FORMAT);
        summary.put("baseModel", base == null ? "default" : base.toAbsolutePath().toString());
        summary.put("planned", planned);
        return new GeneratorPortObjectSpec(summary);
    }

    /**
     * {@code config} with the label filter and neighbour search the KNN Instruction Builder used, from its flow
     * variables where they reach this node. Without them (a table from elsewhere) the generator keeps the
     * default preset's automatic filter, which the Synthesizer resolves again from the table it is given.
     */
    private InstructionConfig buildersNeighbourhoods(final InstructionConfig config) throws InvalidSettingsException {
        String filter;
        String basis;
        try {
            filter = peekFlowVariableString(KnnInstructionBuilderNodeModel.VAR_LABEL_FILTER);
            basis = peekFlowVariableString(KnnInstructionBuilderNodeModel.VAR_NEIGHBOURS_BY);
        } catch (NoSuchElementException e) {
            return config;
        }
        try {
            return config.withFilter(FilterMode.parse(filter)).withNeighboursBy(NeighbourBasis.parse(basis));
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

        List<InstructionExample> examples = readExamples(instructions, exec.createSubProgress(0.02));
        if (examples.isEmpty()) {
            throw new InvalidSettingsException("The instruction table has no training instructions (every answer is "
                + "empty or missing); connect the KNN Instruction Builder's output, whose training rows carry answers.");
        }
        Table rows = InstructionReader.rows(examples, "the instruction table");
        String target = rows.schema().get(rows.columnCount() - 1).name();
        TableProfile schema = TableProfile.of(rows, target);
        InstructionConfig config = buildersNeighbourhoods(InstructionReader.settings(examples, target));
        String description = m_settings.m_description.getStringValue();
        if (description != null && !description.isBlank()) {
            config = config.withDescription(description.trim());
        }
        Path base = m_settings.baseModel();

        Path parent = TempDirectories.create("harmonic-fit-");
        Path out = parent.resolve("generator");
        boolean done = false;
        try {
            InstructionConfig instructionConfig = config;
            GeneratorInfo info = BundleEngine.call(() -> {
                TrainingConfig training = m_settings.toTraining(examples.size());
                FineTuner.Request request = new FineTuner.Request(examples, schema, instructionConfig, base, training,
                    m_settings.device(), m_settings.size());
                return KnimeProgress.run(exec.createSubProgress(0.98),
                    progress -> new FineTuner().fit(request, out, progress));
            });
            GeneratorInfo.TrainingSummary t = info.training();
            getLogger().info(String.format("trained %s model (%,d parameters) on %d instructions: %d steps, loss %.3f "
                + "-> %.3f, %.0f s", info.baseModel(), t.parameters(), t.examples(), t.steps(), t.firstLoss(),
                t.finalLoss(), t.seconds()));
            GeneratorPortObject port = GeneratorPortObject.of(out);
            if (info.privacy() != null) {
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
    private List<InstructionExample> readExamples(final BufferedDataTable table, final ExecutionMonitor exec)
            throws Exception {
        DataTableSpec spec = table.getDataTableSpec();
        int promptIndex = spec.findColumnIndex(m_settings.m_promptColumn.getStringValue());
        int answerIndex = spec.findColumnIndex(m_settings.m_answerColumn.getStringValue());
        // the builder's row positions, where the table has them (older instruction tables do not)
        int rowsIndex = spec.findColumnIndex(KnnInstructionBuilderNodeModel.COL_ROW_INDEXES);
        List<InstructionExample> examples = new ArrayList<>();
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
                examples.add(new InstructionExample(shown.length == 0 ? -1 : shown[0],
                    shown.length == 0 ? shown : Arrays.copyOfRange(shown, 1, shown.length), new int[0],
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
