package org.harmonic.knime.nodes.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.harmonic.core.metrics.evaluation.Evaluation;
import org.harmonic.core.metrics.EvaluationConfig;
import org.harmonic.core.metrics.MetricResult;
import org.harmonic.core.metrics.evaluation.EvaluationReport;
import org.harmonic.core.table.Table;
import org.harmonic.core.util.Progress;
import org.harmonic.knime.nodes.TestTables;
import org.harmonic.knime.nodes.TestTables.RecordingMonitor;
import org.harmonic.knime.nodes.table.KnimeTables;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.knime.core.data.BooleanValue;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DoubleValue;
import org.knime.core.data.StringValue;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeModelHarness;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.defaultnodesettings.DefaultNodeSettingsPane;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;

/**
 * The Fidelity Metrics node on the stand-in. German credit's training split is cut in three: the
 * "real" table, a stand-in "synthetic" table and a "test" table, so the numbers can be checked
 * against the core's evaluation of the same tables.
 */
class FidelityMetricsNodeModelTest {
    private static final FidelityMetricsNodeFactory FACTORY = new FidelityMetricsNodeFactory();
    private static BufferedDataTable real;
    private static BufferedDataTable synthetic;
    private static BufferedDataTable test;

    @BeforeAll
    static void split() throws Exception {
        BufferedDataTable german = TestTables.germanKnime();
        List<DataRow> rows = new ArrayList<>();
        german.forEach(rows::add);
        DataTableSpec spec = german.getDataTableSpec();
        real = NodeModelHarness.table(NodeModelHarness.newContext(), spec, rows.subList(0, 300));
        synthetic = NodeModelHarness.table(NodeModelHarness.newContext(), spec, rows.subList(300, 500));
        test = NodeModelHarness.table(NodeModelHarness.newContext(), spec, rows.subList(500, 700));
    }

    private static FidelityMetricsNodeModel model(final Object... keyValues) throws Exception {
        FidelityMetricsNodeModel model = NodeModelHarness.create(FACTORY);
        NodeSettings s = NodeModelHarness.saveSettings(model);
        s.addString("target", "status");
        for (int i = 0; i < keyValues.length; i += 2) {
            if (keyValues[i + 1] instanceof Boolean) {
                s.addBoolean((String)keyValues[i], (Boolean)keyValues[i + 1]);
            } else {
                s.addString((String)keyValues[i], keyValues[i + 1].toString());
            }
        }
        NodeModelHarness.loadSettings(model, s);
        return model;
    }

    private static Map<String, DataRow> byFirstCell(final BufferedDataTable table) {
        Map<String, DataRow> rows = new LinkedHashMap<>();
        for (DataRow r : table) {
            rows.put(((StringValue)r.getCell(0)).getStringValue(), r);
        }
        return rows;
    }

    @Test
    void descriptionDeclaresNameIconAndPorts() {
        assertEquals("Fidelity Metrics", FACTORY.getNodeName());
        assertNotNull(FACTORY.getIcon());
        assertEquals("Real test table", FACTORY.getInportName(2));
        assertEquals("Metrics", FACTORY.getOutportName(0));
        assertEquals("Per column", FACTORY.getOutportName(1));
    }

    @Test
    void configureGivesMetricAndColumnSpecs() throws Exception {
        FidelityMetricsNodeModel model = model();
        PortObjectSpec[] specs = NodeModelHarness.configure(model, real.getSpec(), synthetic.getSpec(), null);
        assertArrayEquals(new String[] {"Metric", "Value", "Definition", "Parameters (JSON)", "Details (JSON)"},
            ((DataTableSpec)specs[0]).getColumnNames());
        assertArrayEquals(new String[] {"Column", "Real type", "Synthetic type", "Type mismatch (DM)",
            "Wasserstein-1 (WD)", "Shape metric (CS)", "Shape score (CS)"}, ((DataTableSpec)specs[1]).getColumnNames());
        assertTrue(NodeModelHarness.warning(model).contains("MLE is skipped"), "MLE needs the test table");
        NodeModelHarness.configure(model, real.getSpec(), synthetic.getSpec(), test.getSpec());
    }

    @Test
    void executeGivesTheCoresValuesOneRowPerMetricAndPerColumn() throws Exception {
        long start = System.nanoTime();
        PortObject[] out = NodeModelHarness.execute(model("metric_mle", false), NodeModelHarness.newContext(), real,
            synthetic, null);
        System.out.printf("Fidelity Metrics node (dm, wd, cs, dcr, nrs): %.1f s%n", (System.nanoTime() - start) / 1e9);
        Map<String, DataRow> metrics = byFirstCell((BufferedDataTable)out[0]);
        assertEquals(List.of("dm", "wd", "cs", "dcr", "nrs"), new ArrayList<>(metrics.keySet()));

        Table r = KnimeTables.toTable(real, NodeModelHarness.newContext()).table();
        Table s = KnimeTables.toTable(synthetic, NodeModelHarness.newContext()).table();
        EvaluationReport expected = Evaluation.evaluate(r, s, null, "status",
            EvaluationConfig.defaults().withMetrics(List.of("dm", "wd", "cs", "dcr", "nrs")), Progress.none());
        expected.results().forEach(result -> {
            DataRow row = metrics.get(result.id());
            assertEquals(result.value(), ((DoubleValue)row.getCell(1)).getDoubleValue(), 1e-12, result.id());
            assertEquals(result.definition(), ((StringValue)row.getCell(2)).getStringValue());
        });
        assertTrue(((StringValue)metrics.get("wd").getCell(4)).getStringValue().contains("per_column_w1"));

        Map<String, DataRow> columns = byFirstCell((BufferedDataTable)out[1]);
        assertArrayEquals(real.getDataTableSpec().getColumnNames(), columns.keySet().toArray(new String[0]));
        DataRow duration = columns.get("Duration in month");
        assertEquals("integer", ((StringValue)duration.getCell(1)).getStringValue());
        assertFalse(((BooleanValue)duration.getCell(3)).getBooleanValue());
        assertTrue(((DoubleValue)duration.getCell(4)).getDoubleValue() >= 0);
        assertEquals("KSComplement", ((StringValue)duration.getCell(5)).getStringValue());
        double shape = ((DoubleValue)duration.getCell(6)).getDoubleValue();
        assertTrue(shape > 0.5 && shape <= 1, "two halves of one table have similar shapes: " + shape);
        assertEquals("TVComplement", ((StringValue)columns.get("Purpose").getCell(5)).getStringValue());
    }

    @Test
    void mleRepeatsReachTheCoreAndWorkflowsSavedBeforeThemLoadWithOne() throws Exception {
        FidelityMetricsNodeModel model = model("metric_dm", false, "metric_wd", false, "metric_cs", false,
            "metric_dcr", false, "metric_nrs", false);
        NodeSettings s = NodeModelHarness.saveSettings(model);
        assertEquals(1, s.getInt("mle_repeats"));
        s.addInt("mle_repeats", 2);
        NodeModelHarness.loadSettings(model, s);
        DataRow mle = byFirstCell((BufferedDataTable)NodeModelHarness.execute(model, NodeModelHarness.newContext(),
            real, synthetic, test)[0]).get("mle");
        Table r = KnimeTables.toTable(real, NodeModelHarness.newContext()).table();
        Table syn = KnimeTables.toTable(synthetic, NodeModelHarness.newContext()).table();
        Table t = KnimeTables.toTable(test, NodeModelHarness.newContext()).table();
        MetricResult expected = Evaluation.evaluate(r, syn, t, "status",
            EvaluationConfig.defaults().withMetrics(List.of("mle")).withMleRepeats(2), Progress.none()).results().get(0);
        assertEquals(expected.value(), ((DoubleValue)mle.getCell(1)).getDoubleValue(), 1e-12);
        assertTrue(((StringValue)mle.getCell(4)).getStringValue().contains("\"repeats\""));

        // a workflow saved before the option: no mle_repeats key, one run
        NodeSettings old = new NodeSettings("model");
        old.addString("target", s.getString("target"));
        old.addString("task", s.getString("task"));
        old.addInt("seed", s.getInt("seed"));
        for (String id : FidelityMetricsSettings.METRICS.keySet()) {
            old.addBoolean("metric_" + id, s.getBoolean("metric_" + id));
        }
        FidelityMetricsNodeModel before = NodeModelHarness.create(FACTORY);
        NodeModelHarness.loadSettings(before, old);
        assertEquals(1, NodeModelHarness.saveSettings(before).getInt("mle_repeats"));
    }

    @Test
    void mleRunsWithTheTestTableAndUnrunMetricsLeaveCellsMissing() throws Exception {
        PortObject[] out = NodeModelHarness.execute(model("metric_dm", false, "metric_wd", false, "metric_cs", false,
            "metric_dcr", false, "metric_nrs", false), NodeModelHarness.newContext(), real, synthetic, test);
        Map<String, DataRow> metrics = byFirstCell((BufferedDataTable)out[0]);
        assertEquals(List.of("mle"), new ArrayList<>(metrics.keySet()));
        assertFalse(metrics.get("mle").getCell(1).isMissing());
        DataRow column = ((BufferedDataTable)out[1]).iterator().next();
        assertTrue(column.getCell(3).isMissing() && column.getCell(4).isMissing() && column.getCell(6).isMissing());
    }

    @Test
    void configureRejectsBadTargetsTablesAndSelections() throws Exception {
        InvalidSettingsException none = assertThrows(InvalidSettingsException.class, () -> NodeModelHarness
            .configure(model("target", ""), real.getSpec(), synthetic.getSpec(), null));
        assertTrue(none.getMessage().contains("No target column"), none.getMessage());
        InvalidSettingsException unknown = assertThrows(InvalidSettingsException.class, () -> NodeModelHarness
            .configure(model("target", "label"), real.getSpec(), synthetic.getSpec(), null));
        assertTrue(unknown.getMessage().contains("'label'") && unknown.getMessage().contains("status"));

        DataTableSpec fewer = new DataTableSpec(real.getDataTableSpec().getColumnSpec(0),
            real.getDataTableSpec().getColumnSpec(20));
        InvalidSettingsException columns = assertThrows(InvalidSettingsException.class,
            () -> NodeModelHarness.configure(model(), real.getSpec(), fewer, null));
        assertTrue(columns.getMessage().contains("synthetic table's columns differ") && columns.getMessage()
            .contains("Purpose"), columns.getMessage());

        InvalidSettingsException onlyMle = assertThrows(InvalidSettingsException.class, () -> NodeModelHarness
            .configure(model("metric_dm", false, "metric_wd", false, "metric_cs", false, "metric_dcr", false,
                "metric_nrs", false), real.getSpec(), synthetic.getSpec(), null));
        assertTrue(onlyMle.getMessage().contains("test table"), onlyMle.getMessage());
    }

    @Test
    void invalidSettingsAreRejectedBeforeTheyAreTakenOver() throws Exception {
        FidelityMetricsNodeModel model = model();
        NodeSettings task = NodeModelHarness.saveSettings(model);
        task.addString("task", "clustering");
        InvalidSettingsException e =
            assertThrows(InvalidSettingsException.class, () -> NodeModelHarness.loadSettings(model, task));
        assertTrue(e.getMessage().contains("'task'") && e.getMessage().contains("clustering"), e.getMessage());
        NodeSettings noMetric = NodeModelHarness.saveSettings(model);
        for (String id : FidelityMetricsSettings.METRICS.keySet()) {
            noMetric.addBoolean("metric_" + id, false);
        }
        assertThrows(InvalidSettingsException.class, () -> NodeModelHarness.loadSettings(model, noMetric));
        assertThrows(InvalidSettingsException.class,
            () -> NodeModelHarness.loadSettings(model, new NodeSettings("model")));
        assertEquals("auto", NodeModelHarness.saveSettings(model).getString("task"));
    }

    @Test
    void settingsRoundTripThroughXml() throws Exception {
        FidelityMetricsNodeModel model = model("task", "binary classification", "metric_wd", false);
        NodeSettings again = NodeModelHarness.roundTripThroughXml(FACTORY, model);
        assertEquals(NodeModelHarness.saveSettings(model), again);
        assertFalse(again.getBoolean("metric_wd"));
        assertEquals("binary classification", again.getString("task"));
    }

    @Test
    void cancelingStopsAndLeavesNoOutputAndProgressIsReported() throws Exception {
        RecordingMonitor monitor = new RecordingMonitor() {
            @Override
            public void setMessage(final String message) {
                super.setMessage(message);
                if ("DCR".equals(message)) {
                    setExecuteCanceled();
                }
            }
        };
        ExecutionContext exec = NodeModelHarness.newContext(monitor);
        assertThrows(CanceledExecutionException.class,
            () -> NodeModelHarness.execute(model("metric_mle", false), exec, real, synthetic, null));
        assertTrue(NodeModelHarness.createdTables(exec).isEmpty());
        assertTrue(monitor.messages.containsAll(List.of("DM", "WD", "CS", "DCR")), monitor.messages.toString());
        double last = monitor.fractions.get(monitor.fractions.size() - 1);
        assertTrue(last > 0.3 && last < 0.95, "progress advanced and stopped: " + last);
    }

    @Test
    void dialogLoadsAndSavesTheModelsSettings() throws Exception {
        NodeSettings saved = NodeModelHarness.saveSettings(model("metric_nrs", false));
        DefaultNodeSettingsPane dialog = (DefaultNodeSettingsPane)NodeModelHarness.dialog(FACTORY);
        dialog.loadSettingsFrom(saved, new PortObjectSpec[] {real.getSpec(), synthetic.getSpec(), null});
        NodeSettings fromDialog = new NodeSettings("model");
        dialog.saveSettingsTo(fromDialog);
        assertEquals(saved, fromDialog);
        assertNull(null);
    }
}
