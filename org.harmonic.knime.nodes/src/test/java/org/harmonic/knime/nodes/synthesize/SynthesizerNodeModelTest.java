package org.harmonic.knime.nodes.synthesize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.harmonic.knime.nodes.TestTables;
import org.harmonic.knime.nodes.TestTables.RecordingMonitor;
import org.harmonic.knime.nodes.TinyGenerator;
import org.harmonic.knime.nodes.port.GeneratorPortObject;
import org.harmonic.knime.nodes.port.GeneratorPortObjectSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.knime.core.data.DataCell;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.IntValue;
import org.knime.core.data.def.IntCell;
import org.knime.core.data.def.StringCell;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeModelHarness;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.port.PortObjectRoundTrip;
import org.knime.core.node.port.PortObjectSpec;

/** The Synthesizer node on the stand-in: the tiny generator from the Fine-Tuner node and German credit. */
class SynthesizerNodeModelTest {
    private static final SynthesizerNodeFactory FACTORY = new SynthesizerNodeFactory();
    private static BufferedDataTable german;
    private static GeneratorPortObject generator;

    @BeforeAll
    static void fit() throws Exception {
        german = TestTables.germanKnime();
        generator = TinyGenerator.generator();
    }

    private static SynthesizerNodeModel model(final int rows, final Object... keyValues) throws Exception {
        SynthesizerNodeModel model = NodeModelHarness.create(FACTORY);
        NodeSettings s = NodeModelHarness.saveSettings(model);
        s.addInt("rows", rows);
        s.addInt("seed", 3);
        for (int i = 0; i < keyValues.length; i += 2) {
            Object v = keyValues[i + 1];
            if (v instanceof Boolean) {
                s.addBoolean((String)keyValues[i], (Boolean)v);
            } else if (v instanceof Integer) {
                s.addInt((String)keyValues[i], (Integer)v);
            } else if (v instanceof Double) {
                s.addDouble((String)keyValues[i], (Double)v);
            } else {
                s.addString((String)keyValues[i], v.toString());
            }
        }
        NodeModelHarness.loadSettings(model, s);
        return model;
    }

    private static Set<String> rowTexts(final BufferedDataTable table) {
        Set<String> rows = new HashSet<>();
        for (DataRow r : table) {
            StringBuilder b = new StringBuilder();
            for (DataCell c : r) {
                b.append(c).append('\u0000');
            }
            rows.add(b.toString());
        }
        return rows;
    }

    @Test
    void descriptionDeclaresNameIconAndPorts() {
        assertEquals("Synthesizer", FACTORY.getNodeName());
        assertNotNull(FACTORY.getIcon());
        assertEquals("Generator", FACTORY.getInportName(0));
        assertEquals("Real table", FACTORY.getInportName(1));
        assertEquals("Synthetic table", FACTORY.getOutportName(0));
    }

    @Test
    void configureGivesTheRealTablesSchema() throws Exception {
        DataTableSpec out = (DataTableSpec)NodeModelHarness.configure(model(5), generator.getSpec(),
            german.getDataTableSpec())[0];
        assertTrue(out.equalStructure(german.getDataTableSpec()), out + " vs " + german.getDataTableSpec());
        assertEquals(IntCell.TYPE, out.getColumnSpec("status").getType());
        assertEquals(StringCell.TYPE, out.getColumnSpec("Purpose").getType());

        // before the Fine-Tuner ran, its spec has no schema: the real table's columns are the best guess
        GeneratorPortObjectSpec untrained = new GeneratorPortObjectSpec(Map.of("baseModel", "default"));
        DataTableSpec guess = (DataTableSpec)NodeModelHarness.configure(model(5), untrained,
            german.getDataTableSpec())[0];
        assertTrue(guess.equalStructure(german.getDataTableSpec()));
        assertNull(NodeModelHarness.configure(model(5), null, german.getDataTableSpec())[0], "unknown generator");
    }

    @Test
    void executeGivesExactlyTheRequestedValidNewRows() throws Exception {
        long start = System.nanoTime();
        BufferedDataTable out = (BufferedDataTable)NodeModelHarness.execute(model(12), NodeModelHarness.newContext(),
            generator, german)[0];
        System.out.printf("Synthesizer node: 12 rows in %.1f s%n", (System.nanoTime() - start) / 1e9);
        assertEquals(12, out.size());
        assertArrayEquals(german.getDataTableSpec().getColumnNames(), out.getDataTableSpec().getColumnNames());
        Set<String> real = rowTexts(german);
        Set<String> categories = new HashSet<>();
        for (DataRow r : german) {
            categories.add(((org.knime.core.data.StringValue)r.getCell(3)).getStringValue());
        }
        for (DataRow r : out) {
            for (DataCell c : r) {
                assertTrue(!c.isMissing(), "German has no missing values, nor do its synthetic rows: " + r);
            }
            assertTrue(categories.contains(((org.knime.core.data.StringValue)r.getCell(3)).getStringValue()),
                "Purpose is a known category: " + r.getCell(3));
            int status = ((IntValue)r.getCell(20)).getIntValue();
            assertTrue(status == 0 || status == 1, "status " + status);
        }
        Set<String> syn = rowTexts(out);
        syn.retainAll(real);
        assertTrue(syn.isEmpty(), "no synthetic row copies a real row");
    }

    @Test
    void conditionsFixColumnsAndTheGeneratorSurvivesASavedWorkflow() throws Exception {
        GeneratorPortObject reloaded = PortObjectRoundTrip.roundTrip(generator, NodeModelHarness.newContext());
        BufferedDataTable out = (BufferedDataTable)NodeModelHarness.execute(model(6, "conditions", "status=1"),
            NodeModelHarness.newContext(), reloaded, german)[0];
        assertEquals(6, out.size());
        for (DataRow r : out) {
            assertEquals(1, ((IntValue)r.getCell(20)).getIntValue());
        }
    }

    @Test
    void configureRejectsUnknownColumnsAndAMismatchedRealTable() throws Exception {
        InvalidSettingsException condition = assertThrows(InvalidSettingsException.class, () -> NodeModelHarness
            .configure(model(5, "conditions", "score=1"), generator.getSpec(), german.getDataTableSpec()));
        assertTrue(condition.getMessage().contains("'score=1'"), condition.getMessage());
        InvalidSettingsException balance = assertThrows(InvalidSettingsException.class, () -> NodeModelHarness
            .configure(model(5, "balance", "label"), generator.getSpec(), german.getDataTableSpec()));
        assertTrue(balance.getMessage().contains("'label'"), balance.getMessage());

        DataTableSpec other = new DataTableSpec(german.getDataTableSpec().getColumnSpec(0),
            german.getDataTableSpec().getColumnSpec(20));
        InvalidSettingsException table = assertThrows(InvalidSettingsException.class,
            () -> NodeModelHarness.configure(model(5), generator.getSpec(), other));
        assertTrue(table.getMessage().contains("lacks the generator's column") && table.getMessage().contains("Purpose"),
            table.getMessage());
    }

    @Test
    void invalidSettingsAreRejectedBeforeTheyAreTakenOver() throws Exception {
        SynthesizerNodeModel model = model(5);
        // rows 0 is valid: as many rows as the real table (the default, as on the command line)
        Object[][] bad = {{"rows", -1}, {"conditions", "status"}, {"top_p", 0.0}, {"device", "tpu"}};
        for (Object[] b : bad) {
            NodeSettings s = NodeModelHarness.saveSettings(model);
            if (b[1] instanceof Integer) {
                s.addInt((String)b[0], (Integer)b[1]);
            } else if (b[1] instanceof Double) {
                s.addDouble((String)b[0], (Double)b[1]);
            } else {
                s.addString((String)b[0], (String)b[1]);
            }
            assertThrows(InvalidSettingsException.class, () -> NodeModelHarness.loadSettings(model, s),
                b[0] + "=" + b[1]);
        }
        assertEquals(5, NodeModelHarness.saveSettings(model).getInt("rows"), "old values kept");
        // 0 rows is fine when a column is balanced (fill up to the majority)
        model(0, "balance", "status");
    }

    @Test
    void settingsRoundTripThroughXml() throws Exception {
        SynthesizerNodeModel model = model(250, "conditions", "status=1; Purpose=A43", "balance", "Purpose",
            "unique", true, "temperature", 0.9, "device", "gpu");
        NodeSettings again = NodeModelHarness.roundTripThroughXml(FACTORY, model);
        assertEquals(NodeModelHarness.saveSettings(model), again);
        assertEquals("status=1; Purpose=A43", again.getString("conditions"));
        assertEquals(0.9, again.getDouble("temperature"));
    }

    @Test
    void cancelingStopsAndLeavesNoOutput() throws Exception {
        RecordingMonitor monitor = new RecordingMonitor() {
            @Override
            public void setMessage(final String message) {
                super.setMessage(message);
                if (message != null && message.startsWith("synthetic rows")) {
                    setExecuteCanceled();
                }
            }
        };
        ExecutionContext exec = NodeModelHarness.newContext(monitor);
        assertThrows(CanceledExecutionException.class,
            () -> NodeModelHarness.execute(model(500), exec, generator, german));
        assertTrue(NodeModelHarness.createdTables(exec).isEmpty(), "no output table was created");
    }

    @Test
    void progressIsReported() throws Exception {
        RecordingMonitor monitor = new RecordingMonitor();
        NodeModelHarness.execute(model(4), NodeModelHarness.newContext(monitor), generator, german);
        assertTrue(monitor.messages.stream().anyMatch(m -> m != null && m.startsWith("synthetic rows")),
            monitor.messages.toString());
        assertEquals(1.0, monitor.fractions.get(monitor.fractions.size() - 1), 0.02);
        List<String> kept = monitor.messages;
        assertTrue(kept.size() > 2);
    }

    @Test
    void dialogLoadsAndSavesTheModelsSettings() throws Exception {
        NodeSettings saved = NodeModelHarness.saveSettings(model(7, "conditions", "status=0"));
        org.knime.core.node.defaultnodesettings.DefaultNodeSettingsPane dialog =
            (org.knime.core.node.defaultnodesettings.DefaultNodeSettingsPane)NodeModelHarness.dialog(FACTORY);
        dialog.loadSettingsFrom(saved, new PortObjectSpec[] {generator.getSpec(), german.getDataTableSpec()});
        NodeSettings fromDialog = new NodeSettings("model");
        dialog.saveSettingsTo(fromDialog);
        assertEquals(saved, fromDialog);
    }

    @Test
    void defaultsEqualTheCommandLinesSamplingDefaults() throws Exception {
        // `harmonic synthesize` without sampling options builds SynthesisConfig.of's sampling and batch
        // (SamplingOptionsTest in core); a workflow and a script on the same data must give the same table
        org.harmonic.core.synth.SynthesisConfig node = new SynthesizerSettings().checkedOptions().config(700, 416);
        org.harmonic.core.synth.SynthesisConfig core = org.harmonic.core.synth.SynthesisConfig.of(node.rows(),
            node.seed());
        assertEquals(core.sampling(), node.sampling());
        assertEquals(core.batchSize(), node.batchSize());
        // and every other option: label shares and temperature, chunk, range margin, uniqueness, ...
        assertEquals(core, node);
        // automatic: the generator's own distribution for a plain generator, not the reference's 0.7
        assertEquals(1.0, node.temperatureFor(false));
        assertEquals(org.harmonic.core.synth.SynthesisConfig.PRIVATE_TEMPERATURE, node.temperatureFor(true));
        // and guidance: off for a plain generator, on for a DP one
        assertEquals(0.0, node.guidanceFor(false));
        assertEquals(org.harmonic.core.synth.SynthesisConfig.PRIVATE_GUIDANCE, node.guidanceFor(true));
    }

    @Test
    void aWorkflowSavedBeforeTheLaterOptionsLoadsWithTheirDefaults() throws Exception {
        // the 0.1.0 layout: no label shares, label, category, decimal or predictor temperature, guidance, rows per
        // prompt or chunk
        NodeSettings saved = new NodeSettings("model");
        saved.addInt("rows", 9);
        saved.addInt("seed", 3);
        saved.addDouble("temperature", 1.0);
        saved.addInt("top_k", 0);
        saved.addDouble("top_p", 1.0);
        saved.addString("conditions", "");
        saved.addString("balance", "");
        saved.addBoolean("unique", false);
        saved.addInt("batch_size", 32);
        saved.addString("device", "cpu");
        assertEquals(NodeModelHarness.saveSettings(model(9)).keySet().stream()
            .filter(k -> !k.endsWith("_Internals")).count() - 9, saved.keySet().size(),
            "every other option of the node is in the old layout");
        SynthesizerNodeModel model = NodeModelHarness.create(FACTORY);
        NodeModelHarness.loadSettings(model, saved);
        NodeSettings loaded = NodeModelHarness.saveSettings(model);
        assertEquals(9, loaded.getInt("rows"));
        assertEquals(0, loaded.getInt("chunk_index"));
        assertEquals(1, loaded.getInt("chunk_count"));
        // automatic: the Synthesizer chooses the label temperature by the generator (sharper for a DP one)
        assertEquals(org.harmonic.core.options.SynthesizeOptions.LABEL_TEMPERATURE.automatic().doubleValue(),
            loaded.getDouble("label_temperature"));
        assertEquals(org.harmonic.core.synth.SynthesisConfig.DEFAULT_CATEGORY_TEMPERATURE,
            loaded.getDouble("category_temperature"));
        assertEquals(org.harmonic.core.synth.SynthesisConfig.DEFAULT_DECIMAL_TEMPERATURE,
            loaded.getDouble("decimal_temperature"));
        assertEquals(org.harmonic.core.synth.SynthesisConfig.DEFAULT_PREDICTOR_TEMPERATURE,
            loaded.getDouble("predictor_temperature"));
        assertEquals(org.harmonic.core.options.SynthesizeOptions.GUIDANCE.automatic().doubleValue(),
            loaded.getDouble("guidance"));
        assertEquals(0, loaded.getInt("rows_per_prompt"), "automatic: by the real table's size");
    }

    @Test
    void chunkSettingsMakeThatPartOfTheRows() throws Exception {
        SynthesizerNodeModel first = model(7, "chunk_index", 0, "chunk_count", 2);
        BufferedDataTable a = (BufferedDataTable)NodeModelHarness.execute(first, NodeModelHarness.newContext(),
            generator, german)[0];
        BufferedDataTable b = (BufferedDataTable)NodeModelHarness.execute(model(7, "chunk_index", 1, "chunk_count", 2),
            NodeModelHarness.newContext(), generator, german)[0];
        assertEquals(3, a.size());
        assertEquals(4, b.size());
        assertNotEquals(rowTexts(a), rowTexts(b));
        // an index outside the count is rejected with both options named
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class,
            () -> model(7, "chunk_index", 2, "chunk_count", 2));
        assertTrue(e.getMessage().contains("chunk index 2"), e.getMessage());
    }
}
