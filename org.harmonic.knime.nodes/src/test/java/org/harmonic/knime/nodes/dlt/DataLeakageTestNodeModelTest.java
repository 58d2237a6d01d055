package org.harmonic.knime.nodes.dlt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.harmonic.core.generator.Generator;
import org.harmonic.core.lm.Perplexity;
import org.harmonic.core.metrics.lm.DataLeakageTest;
import org.harmonic.core.metrics.evaluation.Evaluation;
import org.harmonic.core.metrics.EvaluationConfig;
import org.harmonic.core.table.Table;
import org.harmonic.core.util.Progress;
import org.harmonic.knime.nodes.TestTables;
import org.harmonic.knime.nodes.TestTables.RecordingMonitor;
import org.harmonic.knime.nodes.TinyGenerator;
import org.harmonic.knime.nodes.port.GeneratorPortObject;
import org.harmonic.knime.nodes.port.GeneratorPortObjectSpec;
import org.harmonic.knime.nodes.table.KnimeTables;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DoubleValue;
import org.knime.core.data.IntValue;
import org.knime.core.data.StringValue;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeModelHarness;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.defaultnodesettings.DefaultNodeSettingsPane;
import org.knime.core.node.port.PortObjectSpec;

/**
 * The DLT node on the stand-in: the tiny generator from the Fine-Tuner node, German credit as the
 * real training table and a slice of it standing in for the synthetic table (DLT only needs rows
 * with the generator's columns; the test checks the node against the core, not the generator).
 */
class DataLeakageTestNodeModelTest {
    private static final DataLeakageTestNodeFactory FACTORY = new DataLeakageTestNodeFactory();
    private static final int MAX_ROWS = 24;
    private static BufferedDataTable real;
    private static BufferedDataTable synthetic;
    private static GeneratorPortObject generator;

    @BeforeAll
    static void fit() throws Exception {
        real = TestTables.germanKnime();
        List<DataRow> rows = new ArrayList<>();
        real.forEach(rows::add);
        synthetic = NodeModelHarness.table(NodeModelHarness.newContext(), real.getDataTableSpec(),
            rows.subList(600, 700));
        generator = TinyGenerator.generator();
    }

    private static DataLeakageTestNodeModel model(final Object... keyValues) throws Exception {
        DataLeakageTestNodeModel model = NodeModelHarness.create(FACTORY);
        NodeModelHarness.loadSettings(model, settings(model, keyValues));
        return model;
    }

    private static NodeSettings settings(final DataLeakageTestNodeModel model, final Object... keyValues) {
        NodeSettings s = NodeModelHarness.saveSettings(model);
        s.addInt("max_rows", MAX_ROWS);
        s.addInt("batch_size", 8);
        s.addInt("seed", 5);
        for (int i = 0; i < keyValues.length; i += 2) {
            if (keyValues[i + 1] instanceof Integer) {
                s.addInt((String)keyValues[i], (Integer)keyValues[i + 1]);
            } else {
                s.addString((String)keyValues[i], keyValues[i + 1].toString());
            }
        }
        return s;
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

    private static String text(final DataRow row, final int column) {
        return ((StringValue)row.getCell(column)).getStringValue();
    }

    /** What the core computes for the same tables, settings and seed (the CLI's evaluate --metrics dlt). */
    private static DataLeakageTest.Result core(final Perplexity.Base base) throws Exception {
        Table r = KnimeTables.toTable(real, NodeModelHarness.newContext()).table();
        Table s = KnimeTables.toTable(synthetic, NodeModelHarness.newContext()).table();
        try (Generator g = Generator.open(generator.getDirectory(), "cpu")) {
            EvaluationConfig config = EvaluationConfig.defaults().withSeed(5).withMetrics(List.of("dlt"))
                .withExtraMetric(new DataLeakageTest(g, new DataLeakageTest.Settings(base, MAX_ROWS, 8)));
            return Evaluation.evaluate(r, s, null, "status", config, Progress.none())
                .get("dlt", DataLeakageTest.Result.class).orElseThrow();
        }
    }

    @Test
    void descriptionDeclaresNameIconAndPorts() {
        assertEquals("Data Leakage Test (DLT)", FACTORY.getNodeName());
        assertNotNull(FACTORY.getIcon());
        assertEquals("Generator", FACTORY.getInportName(0));
        assertEquals("Real training table", FACTORY.getInportName(1));
        assertEquals("Synthetic table", FACTORY.getInportName(2));
        assertEquals("Scores", FACTORY.getOutportName(0));
    }

    @Test
    void configureGivesTheScoresSpec() throws Exception {
        PortObjectSpec[] specs = NodeModelHarness.configure(model(), generator.getSpec(), real.getSpec(),
            synthetic.getSpec());
        assertArrayEquals(new String[] {"Source", "Measure", "Value", "Rows", "Rows scored", "Mean tokens",
            "Definition", "Sign"}, ((DataTableSpec)specs[0]).getColumnNames());
        // before the Fine-Tuner ran its spec has no schema; unconnected inputs are fine too
        GeneratorPortObjectSpec untrained = new GeneratorPortObjectSpec(Map.of("baseModel", "default"));
        assertEquals(specs[0], NodeModelHarness.configure(model(), untrained, real.getSpec(), synthetic.getSpec())[0]);
        assertEquals(specs[0], NodeModelHarness.configure(model(), null, null, null)[0]);
    }

    @Test
    void executeGivesTheCoresPerplexitiesAndGap() throws Exception {
        RecordingMonitor monitor = new RecordingMonitor();
        long start = System.nanoTime();
        BufferedDataTable out = (BufferedDataTable)NodeModelHarness.execute(model(),
            NodeModelHarness.newContext(monitor), generator, real, synthetic)[0];
        System.out.printf("DLT node (tiny generator, %d rows per table): %.1f s%n", MAX_ROWS,
            (System.nanoTime() - start) / 1e9);
        DataLeakageTest.Result expected = core(Perplexity.Base.E);

        Map<String, DataRow> rows = bySource(out);
        assertEquals(List.of("real", "synthetic", "dlt"), new ArrayList<>(rows.keySet()));
        assertEquals(expected.realMean(), number(rows.get("real"), 2), 1e-9);
        assertEquals(expected.syntheticMean(), number(rows.get("synthetic"), 2), 1e-9);
        assertEquals(expected.value(), number(rows.get("dlt"), 2), 1e-9);
        assertEquals(number(rows.get("real"), 2) - number(rows.get("synthetic"), 2), number(rows.get("dlt"), 2),
            1e-9, "DLT = real - synthetic");
        assertTrue(number(rows.get("real"), 2) > 1, "a perplexity is at least 1");
        assertEquals(700, ((IntValue)rows.get("real").getCell(3)).getIntValue());
        assertEquals(100, ((IntValue)rows.get("synthetic").getCell(3)).getIntValue());
        assertEquals(MAX_ROWS, ((IntValue)rows.get("real").getCell(4)).getIntValue());
        assertEquals(expected.synthetic().meanTokens(), number(rows.get("synthetic"), 5), 1e-12);
        assertTrue(rows.get("dlt").getCell(3).isMissing() && rows.get("dlt").getCell(4).isMissing());
        for (DataRow row : rows.values()) {
            assertEquals(expected.definition(), text(row, 6));
            assertTrue(text(row, 6).startsWith(DataLeakageTest.DEFINITION));
            assertEquals(DataLeakageTest.SIGN, text(row, 7));
        }

        assertTrue(monitor.messages.contains("DLT"), monitor.messages.toString());
        assertTrue(monitor.fractions.get(monitor.fractions.size() - 1) > 0.95, "progress ends near 1");
    }

    @Test
    void theReferencePerplexityIsTheCoresBase2Variant() throws Exception {
        BufferedDataTable out = (BufferedDataTable)NodeModelHarness.execute(model("perplexity", "reference"),
            NodeModelHarness.newContext(), generator, real, synthetic)[0];
        DataLeakageTest.Result expected = core(Perplexity.Base.REFERENCE_BASE2);
        Map<String, DataRow> rows = bySource(out);
        assertEquals(expected.value(), number(rows.get("dlt"), 2), 1e-9);
        assertTrue(text(rows.get("dlt"), 6).endsWith(".reference_base2"), text(rows.get("dlt"), 6));
    }

    @Test
    void configureRejectsATableWithoutTheGeneratorsColumns() throws Exception {
        DataTableSpec spec = real.getDataTableSpec();
        List<DataColumnSpec> columns = new ArrayList<>();
        for (DataColumnSpec c : spec) {
            if (!c.getName().equals("Purpose")) {
                columns.add(c);
            }
        }
        DataTableSpec withoutPurpose = new DataTableSpec(columns.toArray(new DataColumnSpec[0]));
        InvalidSettingsException syn = assertThrows(InvalidSettingsException.class, () -> NodeModelHarness
            .configure(model(), generator.getSpec(), spec, withoutPurpose));
        assertTrue(syn.getMessage().contains("synthetic table has no column 'Purpose'"), syn.getMessage());
        InvalidSettingsException realTable = assertThrows(InvalidSettingsException.class, () -> NodeModelHarness
            .configure(model(), generator.getSpec(), withoutPurpose, spec));
        assertTrue(realTable.getMessage().contains("real training table has no column 'Purpose'"),
            realTable.getMessage());
        // execute checks the actual tables again, as configure only saw specs
        BufferedDataTable narrow = NodeModelHarness.table(NodeModelHarness.newContext(), withoutPurpose, List.of());
        assertThrows(InvalidSettingsException.class, () -> NodeModelHarness.execute(model(),
            NodeModelHarness.newContext(), generator, real, narrow));
    }

    @Test
    void invalidOptionsAreRejectedBeforeTheyAreTakenOver() throws Exception {
        DataLeakageTestNodeModel model = model();
        InvalidSettingsException base = assertThrows(InvalidSettingsException.class,
            () -> NodeModelHarness.loadSettings(model, settings(model, "perplexity", "base3")));
        assertTrue(base.getMessage().contains("'perplexity'") && base.getMessage().contains("exp, reference"),
            base.getMessage());
        InvalidSettingsException device = assertThrows(InvalidSettingsException.class,
            () -> NodeModelHarness.loadSettings(model, settings(model, "device", "tpu")));
        assertTrue(device.getMessage().contains("cpu, gpu"), device.getMessage());
        assertThrows(InvalidSettingsException.class,
            () -> NodeModelHarness.loadSettings(model, settings(model, "batch_size", 0)));
        assertThrows(InvalidSettingsException.class,
            () -> NodeModelHarness.loadSettings(model, new NodeSettings("model")));
        assertEquals("exp", NodeModelHarness.saveSettings(model).getString("perplexity"));
    }

    @Test
    void settingsRoundTripThroughXml() throws Exception {
        DataLeakageTestNodeModel model = model("perplexity", "reference", "max_rows", 0);
        NodeSettings again = NodeModelHarness.roundTripThroughXml(FACTORY, model);
        assertEquals(NodeModelHarness.saveSettings(model), again);
        assertEquals("reference", again.getString("perplexity"));
        assertEquals(0, again.getInt("max_rows"));
    }

    @Test
    void cancelingStopsAndLeavesNoOutput() throws Exception {
        RecordingMonitor monitor = new RecordingMonitor() {
            @Override
            public void setMessage(final String message) {
                super.setMessage(message);
                if ("DLT".equals(message)) {
                    setExecuteCanceled();
                }
            }
        };
        ExecutionContext exec = NodeModelHarness.newContext(monitor);
        assertThrows(CanceledExecutionException.class,
            () -> NodeModelHarness.execute(model(), exec, generator, real, synthetic));
        assertTrue(NodeModelHarness.createdTables(exec).isEmpty());
    }

    @Test
    void dialogLoadsAndSavesTheModelsSettings() throws Exception {
        NodeSettings saved = NodeModelHarness.saveSettings(model("perplexity", "reference"));
        DefaultNodeSettingsPane dialog = (DefaultNodeSettingsPane)NodeModelHarness.dialog(FACTORY);
        dialog.loadSettingsFrom(saved, new PortObjectSpec[] {generator.getSpec(), real.getSpec(), synthetic.getSpec()});
        NodeSettings fromDialog = new NodeSettings("model");
        dialog.saveSettingsTo(fromDialog);
        assertEquals(saved, fromDialog);
    }
}
