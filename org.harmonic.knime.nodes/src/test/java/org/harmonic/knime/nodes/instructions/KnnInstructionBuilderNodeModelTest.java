package org.harmonic.knime.nodes.instructions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.harmonic.core.knn.InstructionBuilder;
import org.harmonic.core.knn.InstructionConfig;
import org.harmonic.core.knn.InstructionSet;
import org.harmonic.core.knn.TaskType;
import org.harmonic.core.table.Table;
import org.harmonic.core.util.Progress;
import org.harmonic.knime.nodes.TestTables;
import org.harmonic.knime.nodes.TestTables.RecordingMonitor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.IntValue;
import org.knime.core.data.StringValue;
import org.knime.core.data.def.IntCell;
import org.knime.core.data.def.StringCell;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeDialogPane;
import org.knime.core.node.NodeModelHarness;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.NotConfigurableException;
import org.knime.core.node.defaultnodesettings.DefaultNodeSettingsPane;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;

/** The KNN Instruction Builder node on the stand-in, with the German credit table. */
class KnnInstructionBuilderNodeModelTest {
    private static final KnnInstructionBuilderNodeFactory FACTORY = new KnnInstructionBuilderNodeFactory();
    private static BufferedDataTable german;

    @BeforeAll
    static void readGerman() throws Exception {
        german = TestTables.germanKnime();
    }

    /** The reference settings of the golden files: seed 416, k 5, binary classification. */
    private static KnnInstructionBuilderNodeModel referenceModel(final int prompts) throws Exception {
        KnnInstructionBuilderNodeModel model = NodeModelHarness.create(FACTORY);
        NodeSettings s = NodeModelHarness.saveSettings(model);
        s.addString("target", "status");
        s.addString("description", "user credit scores");
        s.addString("task", "binary classification");
        s.addString("preset", "reference");
        s.addInt("seed", 416);
        s.addInt("generation_prompts", prompts);
        NodeModelHarness.loadSettings(model, s);
        return model;
    }

    private static BufferedDataTable run(final KnnInstructionBuilderNodeModel model, final ExecutionContext exec)
            throws Exception {
        PortObject[] out = NodeModelHarness.execute(model, exec, german);
        return (BufferedDataTable)out[0];
    }

    private static List<DataRow> rows(final BufferedDataTable table) {
        List<DataRow> rows = new ArrayList<>();
        table.iterator().forEachRemaining(rows::add);
        return rows;
    }

    @Test
    void descriptionDeclaresNameIconAndPorts() {
        assertEquals("KNN Instruction Builder", FACTORY.getNodeName());
        assertNotNull(FACTORY.getIcon());
        assertEquals("Training table", FACTORY.getInportName(0));
        assertEquals("Instructions", FACTORY.getOutportName(0));
        assertEquals(0, NodeModelHarness.viewCount(FACTORY));
        assertTrue(List.of(FACTORY.getKeywords()).contains("synthetic data"));
    }

    @Test
    void configureGivesInstructionSpec() throws Exception {
        KnnInstructionBuilderNodeModel model = referenceModel(0);
        PortObjectSpec[] specs = NodeModelHarness.configure(model, german.getDataTableSpec());
        DataTableSpec out = (DataTableSpec)specs[0];
        assertArrayEquals(new String[] {"Prompt", "Answer", "Group ID", "Kind", "Target row ID", "Row indexes"},
            out.getColumnNames());
        assertEquals(StringCell.TYPE, out.getColumnSpec("Prompt").getType());
        assertEquals(StringCell.TYPE, out.getColumnSpec("Answer").getType());
        assertEquals(IntCell.TYPE, out.getColumnSpec("Group ID").getType());
        assertEquals(StringCell.TYPE, out.getColumnSpec("Target row ID").getType());
        assertEquals(StringCell.TYPE, out.getColumnSpec("Row indexes").getType());
    }

    @Test
    void referencePresetGives587InstructionsEqualToTheCoreBuilders() throws Exception {
        BufferedDataTable out = run(referenceModel(0), NodeModelHarness.newContext());

        Table csv = TestTables.germanCore();
        InstructionConfig config = InstructionConfig.of(InstructionConfig.Preset.REFERENCE, "status")
            .withDescription("user credit scores").withTask(TaskType.BINARY_CLASSIFICATION).withSeed(416)
            .withPromptCount(0);
        InstructionSet expected = new InstructionBuilder().build(csv, config, Progress.none());

        assertEquals(587, out.size());
        List<DataRow> rows = rows(out);
        for (int i = 0; i < rows.size(); i++) {
            DataRow row = rows.get(i);
            assertEquals(expected.training().get(i).prompt(), ((StringValue)row.getCell(0)).getStringValue());
            assertEquals(expected.training().get(i).answer(), ((StringValue)row.getCell(1)).getStringValue());
            assertEquals(i + 1, ((IntValue)row.getCell(2)).getIntValue());
            assertEquals("training", ((StringValue)row.getCell(3)).getStringValue());
            assertEquals("Row" + expected.training().get(i).targetRow(), ((StringValue)row.getCell(4)).getStringValue());
            // the answer row, then the neighbours in the prompt's order, as the core's builder shows them
            StringBuilder shown = new StringBuilder().append(expected.training().get(i).targetRow());
            for (int r : expected.training().get(i).exampleRows()) {
                shown.append(' ').append(r);
            }
            assertEquals(shown.toString(), ((StringValue)row.getCell(5)).getStringValue());
        }
        assertTrue(((StringValue)rows.get(0).getCell(0)).getStringValue()
            .contains("user credit scores"), "prompt header names the description");
    }

    @Test
    void theFilterAndNeighbourSearchUsedGoDownstreamAsFlowVariables() throws Exception {
        // the reference preset's vote; the default preset's automatic filter resolves to lift on German credit
        KnnInstructionBuilderNodeModel reference = referenceModel(0);
        run(reference, NodeModelHarness.newContext());
        assertEquals(Map.of(KnnInstructionBuilderNodeModel.VAR_LABEL_FILTER, "reference",
            KnnInstructionBuilderNodeModel.VAR_NEIGHBOURS_BY, "features-and-label"),
            NodeModelHarness.flowVariables(reference));
        KnnInstructionBuilderNodeModel auto = NodeModelHarness.create(FACTORY);
        NodeSettings s = NodeModelHarness.saveSettings(auto);
        s.addString("target", "status");
        NodeModelHarness.loadSettings(auto, s);
        run(auto, NodeModelHarness.newContext());
        assertEquals("lift", NodeModelHarness.flowVariables(auto).get(KnnInstructionBuilderNodeModel.VAR_LABEL_FILTER));
    }

    @Test
    void generationPromptsFollowTheTrainingInstructions() throws Exception {
        BufferedDataTable out = run(referenceModel(700), NodeModelHarness.newContext());
        assertEquals(587 + 700, out.size());
        List<DataRow> rows = rows(out);
        DataRow firstPrompt = rows.get(587);
        assertEquals("generation", ((StringValue)firstPrompt.getCell(3)).getStringValue());
        assertEquals("", ((StringValue)firstPrompt.getCell(1)).getStringValue());
        assertEquals(1, ((IntValue)firstPrompt.getCell(2)).getIntValue());
        assertTrue(firstPrompt.getCell(4).isMissing());
    }

    @Test
    void settingsRoundTripThroughXml() throws Exception {
        KnnInstructionBuilderNodeModel model = referenceModel(12);
        NodeSettings s = NodeModelHarness.saveSettings(model);
        s.addString("encoding", "one-hot");
        s.addBoolean("permute", true);
        s.addInt("k", 7);
        s.addString("filter", "majority");
        NodeModelHarness.loadSettings(model, s);

        NodeSettings again = NodeModelHarness.roundTripThroughXml(FACTORY, model);
        assertEquals(NodeModelHarness.saveSettings(model), again);
        assertEquals(7, again.getInt("k"));
        assertEquals("one-hot", again.getString("encoding"));
        assertTrue(again.getBoolean("permute"));
        assertEquals(12, again.getInt("generation_prompts"));
    }

    @Test
    void configureRejectsMissingOrUnknownTarget() throws Exception {
        KnnInstructionBuilderNodeModel model = NodeModelHarness.create(FACTORY);
        InvalidSettingsException none = assertThrows(InvalidSettingsException.class,
            () -> NodeModelHarness.configure(model, german.getDataTableSpec()));
        assertTrue(none.getMessage().contains("No target column selected"), none.getMessage());

        NodeSettings s = NodeModelHarness.saveSettings(model);
        s.addString("target", "credit score");
        NodeModelHarness.loadSettings(model, s);
        InvalidSettingsException unknown = assertThrows(InvalidSettingsException.class,
            () -> NodeModelHarness.configure(model, german.getDataTableSpec()));
        assertTrue(unknown.getMessage().contains("'credit score' is not in the input table"), unknown.getMessage());
        assertTrue(unknown.getMessage().contains("status"), "lists the available columns");
    }

    @Test
    void invalidValuesAreRejectedBeforeTheyAreTakenOver() throws Exception {
        KnnInstructionBuilderNodeModel model = referenceModel(0);
        String[][] bad = {{"preset", "fancy"}, {"task", "clustering"}, {"filter", "strict"}, {"encoding", "hash"}};
        for (String[] b : bad) {
            NodeSettings s = NodeModelHarness.saveSettings(model);
            s.addString(b[0], b[1]);
            InvalidSettingsException e =
                assertThrows(InvalidSettingsException.class, () -> NodeModelHarness.loadSettings(model, s));
            assertTrue(e.getMessage().contains("'" + b[0] + "'") && e.getMessage().contains(b[1]), e.getMessage());
        }
        NodeSettings k = NodeModelHarness.saveSettings(model);
        k.addInt("k", 12);
        assertThrows(InvalidSettingsException.class, () -> NodeModelHarness.loadSettings(model, k));
        NodeSettings missingKey = new NodeSettings("model");
        assertThrows(InvalidSettingsException.class, () -> NodeModelHarness.loadSettings(model, missingKey));

        // the rejected values did not replace the valid ones
        assertEquals("reference", NodeModelHarness.saveSettings(model).getString("preset"));
        assertEquals(5, NodeModelHarness.saveSettings(model).getInt("k"));
    }

    @Test
    void cancelingStopsAndLeavesNoOutput() throws Exception {
        RecordingMonitor monitor = new RecordingMonitor() {
            @Override
            public void setProgress(final double progress) {
                super.setProgress(progress);
                if (progress > 0.3) {
                    setExecuteCanceled();
                }
            }
        };
        ExecutionContext exec = NodeModelHarness.newContext(monitor);
        assertThrows(CanceledExecutionException.class, () -> run(referenceModel(700), exec));
        // stopped inside the instruction builder, at its next check (judged by how far it got,
        // not by seconds: a wall-clock limit fails at random on a busy machine)
        assertFalse(monitor.messages.contains("instructions built"), monitor.messages.toString());
        assertFalse(monitor.messages.contains("writing instructions"), monitor.messages.toString());
        assertTrue(NodeModelHarness.createdTables(exec).isEmpty(), "no output table was created");
        double last = monitor.fractions.get(monitor.fractions.size() - 1);
        assertTrue(last < 0.95, "stopped before writing the output, at " + last);
    }

    @Test
    void progressIsReportedFromZeroToOne() throws Exception {
        RecordingMonitor monitor = new RecordingMonitor();
        run(referenceModel(0), NodeModelHarness.newContext(monitor));
        assertTrue(monitor.fractions.size() > 5, "several progress reports: " + monitor.fractions.size());
        double previous = 0;
        for (double f : monitor.fractions) {
            assertTrue(f >= previous - 1e-9, "progress never goes back: " + monitor.fractions);
            previous = f;
        }
        assertEquals(1.0, previous, 0.02);
        assertTrue(monitor.messages.contains("instruction examples"), monitor.messages.toString());
    }

    @Test
    void coreInputErrorsReachTheUserVerbatim() throws Exception {
        KnnInstructionBuilderNodeModel model = referenceModel(0);
        NodeSettings s = NodeModelHarness.saveSettings(model);
        s.addString("target", "foreign worker"); // A201/A202: a valid target
        s.addInt("k", 9);
        NodeModelHarness.loadSettings(model, s);
        BufferedDataTable tiny = NodeModelHarness.table(NodeModelHarness.newContext(), german.getDataTableSpec(),
            rows(german).subList(0, 5));
        RuntimeException e = assertThrows(RuntimeException.class,
            () -> NodeModelHarness.execute(model, NodeModelHarness.newContext(), tiny));
        assertTrue(e.getMessage().contains("k = 9") && e.getMessage().contains("5"), e.getMessage());
    }

    @Test
    void dialogLoadsAndSavesTheModelsSettings() throws Exception {
        KnnInstructionBuilderNodeModel model = referenceModel(3);
        NodeSettings saved = NodeModelHarness.saveSettings(model);
        DefaultNodeSettingsPane dialog = (DefaultNodeSettingsPane)NodeModelHarness.dialog(FACTORY);
        dialog.loadSettingsFrom(saved, new PortObjectSpec[] {german.getDataTableSpec()});
        NodeSettings fromDialog = new NodeSettings("model");
        dialog.saveSettingsTo(fromDialog);
        assertEquals(saved, fromDialog);

        NodeDialogPane unconfigured = NodeModelHarness.dialog(FACTORY);
        assertThrows(NotConfigurableException.class,
            () -> ((DefaultNodeSettingsPane)unconfigured).loadSettingsFrom(saved, new PortObjectSpec[] {null}));
    }

    @Test
    void resetKeepsSettingsAndWarnsAboutNothing() throws Exception {
        KnnInstructionBuilderNodeModel model = referenceModel(0);
        NodeModelHarness.reset(model);
        assertNull(NodeModelHarness.warning(model));
        assertFalse(NodeModelHarness.saveSettings(model).getString("target").isEmpty());
    }
}
