package org.harmonic.knime.nodes.lle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.harmonic.core.api.Lle;
import org.harmonic.core.generator.DefaultGenerator;
import org.harmonic.core.metrics.evaluation.Evaluation;
import org.harmonic.core.metrics.EvaluationConfig;
import org.harmonic.core.metrics.lm.LlmEffectiveness;
import org.harmonic.core.table.Table;
import org.harmonic.core.util.Progress;
import org.harmonic.knime.nodes.TestTables;
import org.harmonic.knime.nodes.TestTables.RecordingMonitor;
import org.harmonic.knime.nodes.table.KnimeTables;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataColumnSpecCreator;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DoubleValue;
import org.knime.core.data.IntValue;
import org.knime.core.data.StringValue;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeModelHarness;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.defaultnodesettings.DefaultNodeSettingsPane;
import org.knime.core.node.port.PortObjectSpec;

/**
 * The LLE node on the stand-in. German credit's training split is cut in three: the "real"
 * training table, a stand-in "synthetic" table and a "test" table; the classifiers are tiny and
 * see few rows for one epoch, so the test checks the node's plumbing against the core's numbers,
 * not the metric's quality.
 */
class LlmEffectivenessNodeModelTest {
    private static final LlmEffectivenessNodeFactory FACTORY = new LlmEffectivenessNodeFactory();
    private static final int TRAIN_ROWS = 64;
    private static final int TEST_ROWS = 40;
    private static final int EPOCHS = 2;
    private static BufferedDataTable real;
    private static BufferedDataTable synthetic;
    private static BufferedDataTable test;

    @BeforeAll
    static void split() throws Exception {
        BufferedDataTable german = TestTables.germanKnime();
        List<DataRow> rows = new ArrayList<>();
        german.forEach(rows::add);
        DataTableSpec spec = german.getDataTableSpec();
        real = NodeModelHarness.table(NodeModelHarness.newContext(), spec, rows.subList(0, 200));
        synthetic = NodeModelHarness.table(NodeModelHarness.newContext(), spec, rows.subList(200, 400));
        test = NodeModelHarness.table(NodeModelHarness.newContext(), spec, rows.subList(400, 500));
    }

    /** Test-sized settings (tiny model, one epoch, few rows) plus the given overrides. */
    private static NodeSettings settings(final LlmEffectivenessNodeModel model, final Object... keyValues) {
        NodeSettings s = NodeModelHarness.saveSettings(model);
        s.addString("target", "status");
        s.addString("model_size", "tiny");
        s.addInt("epochs", EPOCHS);
        s.addInt("max_train_rows", TRAIN_ROWS);
        s.addInt("max_test_rows", TEST_ROWS);
        s.addString("label_words", "0=good,1=bad");
        s.addInt("seed", 7);
        for (int i = 0; i < keyValues.length; i += 2) {
            if (keyValues[i + 1] instanceof Integer) {
                s.addInt((String)keyValues[i], (Integer)keyValues[i + 1]);
            } else {
                s.addString((String)keyValues[i], keyValues[i + 1].toString());
            }
        }
        return s;
    }

    private static LlmEffectivenessNodeModel model(final Object... keyValues) throws Exception {
        LlmEffectivenessNodeModel model = NodeModelHarness.create(FACTORY);
        NodeModelHarness.loadSettings(model, settings(model, keyValues));
        return model;
    }

    private static Map<String, DataRow> bySource(final BufferedDataTable table) {
        Map<String, DataRow> rows = new LinkedHashMap<>();
        for (DataRow r : table) {
            rows.put(((StringValue)r.getCell(0)).getStringValue(), r);
        }
        return rows;
    }

    private static double number(final DataRow row, final int column) {
        return ((DoubleValue)row.getCell(column)).getDoubleValue();
    }

    private static DataTableSpec replaced(final DataTableSpec spec, final int index, final DataColumnSpec column) {
        DataColumnSpec[] columns = new DataColumnSpec[spec.getNumColumns()];
        for (int c = 0; c < columns.length; c++) {
            columns[c] = c == index ? column : spec.getColumnSpec(c);
        }
        return new DataTableSpec(columns);
    }

    @Test
    void descriptionDeclaresNameIconAndPorts() {
        assertEquals("LLM Effectiveness (LLE)", FACTORY.getNodeName());
        assertNotNull(FACTORY.getIcon());
        assertEquals("Real training table", FACTORY.getInportName(0));
        assertEquals("Synthetic table", FACTORY.getInportName(1));
        assertEquals("Real test table", FACTORY.getInportName(2));
        assertEquals("Scores", FACTORY.getOutportName(0));
    }

    @Test
    void configureGivesTheScoresSpec() throws Exception {
        PortObjectSpec[] specs = NodeModelHarness.configure(model(), real.getSpec(), synthetic.getSpec(),
            test.getSpec());
        assertArrayEquals(new String[] {"Source", "MCC", "F1 (weighted)", "Accuracy", "Training rows", "Test rows",
            "MCC / original MCC", "Definition", "Details (JSON)"}, ((DataTableSpec)specs[0]).getColumnNames());
        // inputs not connected yet: the spec is still known
        assertEquals(specs[0], NodeModelHarness.configure(model(), null, null, null)[0]);
    }

    @Test
    void executeGivesTheCoresScoresForTheSameTablesAndSeed() throws Exception {
        RecordingMonitor monitor = new RecordingMonitor();
        long start = System.nanoTime();
        BufferedDataTable out = (BufferedDataTable)NodeModelHarness.execute(model(),
            NodeModelHarness.newContext(monitor), real, synthetic, test)[0];
        System.out.printf("LLE node (tiny, %d epochs, %d training and %d test rows, twice): %.1f s%n", EPOCHS,
            TRAIN_ROWS, TEST_ROWS, (System.nanoTime() - start) / 1e9);

        Table r = KnimeTables.toTable(real, NodeModelHarness.newContext()).table();
        Table s = KnimeTables.toTable(synthetic, NodeModelHarness.newContext()).table();
        Table t = KnimeTables.toTable(test, NodeModelHarness.newContext()).table();
        LlmEffectiveness.Settings settings = LlmEffectiveness.Settings.defaults()
            .withSize(DefaultGenerator.Size.tiny())
            .withTraining(LlmEffectiveness.Settings.defaults().training().withEpochs(EPOCHS))
            .withLabelWords(Map.of("0", "good", "1", "bad")).withMaxTrainRows(TRAIN_ROWS).withMaxTestRows(TEST_ROWS);
        LlmEffectiveness.Result expected = Evaluation.evaluate(r, s, t, "status", EvaluationConfig.defaults()
            .withSeed(7).withMetrics(List.of("lle")).withExtraMetric(new LlmEffectiveness(settings)), Progress.none())
            .get("lle", LlmEffectiveness.Result.class).orElseThrow();

        System.out.printf("LLE MCC synthetic %.4f, original %.4f%n", expected.synthetic().mcc(),
            expected.original().mcc());
        Map<String, DataRow> rows = bySource(out);
        assertEquals(List.of("synthetic", "original"), new ArrayList<>(rows.keySet()));
        Map<String, LlmEffectiveness.Scores> scores =
            Map.of("synthetic", expected.synthetic(), "original", expected.original());
        scores.forEach((source, e) -> {
            DataRow row = rows.get(source);
            assertEquals(e.mcc(), number(row, 1), 1e-12, source + " MCC");
            assertEquals(e.f1Weighted(), number(row, 2), 1e-12, source + " F1");
            assertEquals(e.accuracy(), number(row, 3), 1e-12, source + " accuracy");
            assertEquals(e.trainingRows(), ((IntValue)row.getCell(4)).getIntValue());
            assertEquals(TRAIN_ROWS, e.trainingRows());
            assertEquals(TEST_ROWS, ((IntValue)row.getCell(5)).getIntValue());
            assertEquals(LlmEffectiveness.DEFINITION, ((StringValue)row.getCell(7)).getStringValue());
            assertTrue(((StringValue)row.getCell(8)).getStringValue().contains("confusion_true_by_predicted"));
        });
        if (expected.ratio() == null) {
            assertTrue(rows.get("synthetic").getCell(6).isMissing(), "original MCC 0: no ratio");
        } else {
            assertEquals(expected.ratio(), number(rows.get("synthetic"), 6), 1e-12);
        }
        assertTrue(rows.get("original").getCell(6).isMissing());

        assertTrue(monitor.messages.contains("LLE"), monitor.messages.toString());
        assertTrue(monitor.messages.stream().anyMatch(m -> m != null && m.startsWith("training step")),
            "fine-tuning progress reaches the node: " + monitor.messages);
        assertTrue(monitor.fractions.get(monitor.fractions.size() - 1) > 0.95, "progress ends near 1");
    }

    @Test
    void eachClassifierIsOneRowAndOnlyTheSyntheticOneCarriesTheRatio() throws Exception {
        // the tiny classifiers above tend to predict the majority class (MCC 0, no ratio), so the
        // cells are checked on a result with known scores (the ratio itself: the core's LleTest)
        Lle.Result result = new Lle.Result(List.of(new Lle.Scores(Lle.SYNTHETIC, 0.3, 0.7, 0.75, 64, 0.5, "{}"),
            new Lle.Scores(Lle.ORIGINAL, 0.6, 0.8, 0.85, 64, null, "{\"seed\":7}")), 40, List.of(), List.of());
        Map<String, DataRow> rows = bySource(LlmEffectivenessNodeModel.scoresTable(result,
            NodeModelHarness.newContext()));
        assertEquals(0.5, number(rows.get("synthetic"), 6), 1e-12);
        assertEquals(0.3, number(rows.get("synthetic"), 1), 1e-12);
        assertEquals(0.85, number(rows.get("original"), 3), 1e-12);
        assertEquals(40, ((IntValue)rows.get("original").getCell(5)).getIntValue());
        assertTrue(rows.get("original").getCell(6).isMissing());
        assertEquals("{\"seed\":7}", ((StringValue)rows.get("original").getCell(8)).getStringValue());
    }

    @Test
    void configureRejectsAMissingOrAbsentTargetAndMismatchedTables() throws Exception {
        InvalidSettingsException none = assertThrows(InvalidSettingsException.class, () -> NodeModelHarness
            .configure(model("target", ""), real.getSpec(), synthetic.getSpec(), test.getSpec()));
        assertTrue(none.getMessage().contains("No target column selected"), none.getMessage());

        DataTableSpec spec = real.getDataTableSpec();
        DataTableSpec renamedTarget = replaced(spec, 20, new DataColumnSpecCreator("label",
            spec.getColumnSpec(20).getType()).createSpec());
        InvalidSettingsException absent = assertThrows(InvalidSettingsException.class, () -> NodeModelHarness
            .configure(model(), spec, synthetic.getSpec(), renamedTarget));
        assertTrue(absent.getMessage().contains("'status' is not in the real test table"), absent.getMessage());

        DataTableSpec withoutPurpose = new DataTableSpec(spec.getColumnSpec(0), spec.getColumnSpec(1),
            spec.getColumnSpec(2), spec.getColumnSpec(20));
        InvalidSettingsException columns = assertThrows(InvalidSettingsException.class, () -> NodeModelHarness
            .configure(model(), spec, withoutPurpose, test.getSpec()));
        assertTrue(columns.getMessage().contains("synthetic table has no column 'Purpose'"), columns.getMessage());
        DataTableSpec extra = replaced(spec, 3, new DataColumnSpecCreator("Purpose (coded)",
            spec.getColumnSpec(3).getType()).createSpec());
        InvalidSettingsException extraColumn = assertThrows(InvalidSettingsException.class, () -> NodeModelHarness
            .configure(model(), spec, synthetic.getSpec(), extra));
        assertTrue(extraColumn.getMessage().contains("'Purpose'"), extraColumn.getMessage());

        DataTableSpec realNumbers = replaced(spec, 20, new DataColumnSpecCreator("status", DoubleCell.TYPE)
            .createSpec());
        InvalidSettingsException numeric = assertThrows(InvalidSettingsException.class, () -> NodeModelHarness
            .configure(model(), realNumbers, realNumbers, realNumbers));
        assertTrue(numeric.getMessage().contains("needs a class column"), numeric.getMessage());
    }

    @Test
    void nonPositiveEpochsAndBadOptionsAreRejectedWithTheFix() throws Exception {
        LlmEffectivenessNodeModel model = model();
        InvalidSettingsException epochs = assertThrows(InvalidSettingsException.class,
            () -> NodeModelHarness.loadSettings(model, settings(model, "epochs", 0)));
        assertTrue(epochs.getMessage().contains("'epochs' is 0") && epochs.getMessage().contains("at least 1"),
            epochs.getMessage());
        // what configure checks first, on settings that got past validation (e.g. set by the dialog's model)
        LlmEffectivenessSettings negative = new LlmEffectivenessSettings();
        negative.m_epochs.setIntValue(-2);
        assertTrue(assertThrows(InvalidSettingsException.class, negative::checkedOptions).getMessage()
            .contains("'epochs' is -2"));

        InvalidSettingsException words = assertThrows(InvalidSettingsException.class,
            () -> NodeModelHarness.loadSettings(model, settings(model, "label_words", "good,bad")));
        assertTrue(words.getMessage().contains("'label_words'") && words.getMessage().contains("0=good,1=bad"),
            words.getMessage());
        InvalidSettingsException size = assertThrows(InvalidSettingsException.class,
            () -> NodeModelHarness.loadSettings(model, settings(model, "model_size", "huge")));
        assertTrue(size.getMessage().contains("standard, tiny"), size.getMessage());
        InvalidSettingsException decision = assertThrows(InvalidSettingsException.class,
            () -> NodeModelHarness.loadSettings(model, settings(model, "decision", "vote")));
        assertTrue(decision.getMessage().contains("'decision'") && decision.getMessage().contains("likelihood, "
            + "prior_corrected"), decision.getMessage());
        assertThrows(InvalidSettingsException.class,
            () -> NodeModelHarness.loadSettings(model, new NodeSettings("model")));
        assertEquals(EPOCHS, NodeModelHarness.saveSettings(model).getInt("epochs"), "rejected settings are not taken over");
    }

    @Test
    void settingsRoundTripThroughXml() throws Exception {
        LlmEffectivenessNodeModel model = model("epochs", 3, "device", "gpu");
        NodeSettings again = NodeModelHarness.roundTripThroughXml(FACTORY, model);
        assertEquals(NodeModelHarness.saveSettings(model), again);
        assertEquals(3, again.getInt("epochs"));
        assertEquals("0=good,1=bad", again.getString("label_words"));
        assertEquals("gpu", again.getString("device"));
    }

    @Test
    void cancelingDuringFineTuningStopsAndLeavesNoOutput() throws Exception {
        int[] canceledAt = {-1}; // index of the message that asked to cancel
        RecordingMonitor monitor = new RecordingMonitor() {
            @Override
            public void setMessage(final String message) {
                super.setMessage(message);
                if (canceledAt[0] < 0 && message != null && message.startsWith("training step 2/")) {
                    canceledAt[0] = messages.size() - 1;
                    setExecuteCanceled();
                }
            }
        };
        ExecutionContext exec = NodeModelHarness.newContext(monitor);
        // 100 epochs would fine-tune for minutes
        assertThrows(CanceledExecutionException.class, () -> NodeModelHarness.execute(model("epochs", 100), exec,
            real, synthetic, test));
        assertTrue(canceledAt[0] >= 0, "fine-tuning started: " + monitor.messages);
        // neither a further step of the first classifier nor the second classifier ran (counted
        // in steps, not seconds: a wall-clock limit fails at random on a busy machine)
        List<String> after = monitor.messages.subList(canceledAt[0] + 1, monitor.messages.size());
        assertTrue(after.stream().noneMatch(m -> m != null && m.startsWith("training step")),
            "no step trained after the cancel request: " + after);
        assertTrue(NodeModelHarness.createdTables(exec).isEmpty());
    }

    @Test
    void dialogLoadsAndSavesTheModelsSettings() throws Exception {
        NodeSettings saved = NodeModelHarness.saveSettings(model("max_test_rows", 10));
        DefaultNodeSettingsPane dialog = (DefaultNodeSettingsPane)NodeModelHarness.dialog(FACTORY);
        dialog.loadSettingsFrom(saved, new PortObjectSpec[] {real.getSpec(), synthetic.getSpec(), test.getSpec()});
        NodeSettings fromDialog = new NodeSettings("model");
        dialog.saveSettingsTo(fromDialog);
        assertEquals(saved, fromDialog);
    }
}
