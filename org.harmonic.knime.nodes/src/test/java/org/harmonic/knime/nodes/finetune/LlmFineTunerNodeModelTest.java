package org.harmonic.knime.nodes.finetune;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.harmonic.core.knn.FilterMode;
import org.harmonic.core.knn.NeighbourBasis;
import org.harmonic.knime.nodes.instructions.KnnInstructionBuilderNodeFactory;
import org.harmonic.knime.nodes.instructions.KnnInstructionBuilderNodeModel;
import org.knime.core.data.DataRow;
import org.knime.core.node.NodeModel;
import org.harmonic.core.generator.GeneratorDirectory;
import org.harmonic.core.generator.GeneratorInfo;
import org.harmonic.core.generator.DefaultGenerator;
import org.harmonic.core.generator.FineTuner;
import org.harmonic.core.lm.train.LossScope;
import org.harmonic.core.lm.train.RdpAccountant;
import org.harmonic.core.lm.train.StoppingRule;
import org.harmonic.core.lm.train.TrainingConfig;
import org.harmonic.core.options.FitOptions;
import org.harmonic.core.options.OptionSpec.Front;
import org.harmonic.knime.nodes.TestTables;
import org.harmonic.knime.nodes.TestTables.RecordingMonitor;
import org.harmonic.knime.nodes.TinyGenerator;
import org.harmonic.knime.nodes.port.GeneratorPortObject;
import org.harmonic.knime.nodes.port.GeneratorPortObjectSpec;
import org.harmonic.knime.nodes.port.TempDirectories;
import org.junit.jupiter.api.Test;
import org.knime.core.data.DataColumnSpecCreator;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.def.StringCell;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeModelHarness;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.defaultnodesettings.DefaultNodeSettingsPane;
import org.knime.core.node.port.PortObjectSpec;

/** The LLM Fine-Tuner node on the stand-in, with German credit instructions and a tiny model. */
class LlmFineTunerNodeModelTest {
    private static final LlmFineTunerNodeFactory FACTORY = new LlmFineTunerNodeFactory();

    private static LlmFineTunerNodeModel tinyModel() throws Exception {
        LlmFineTunerNodeModel model = NodeModelHarness.create(FACTORY);
        NodeModelHarness.loadSettings(model, TinyGenerator.tinySettings(model));
        return model;
    }

    private static LlmFineTunerNodeModel withSettings(final String... keyValues) throws Exception {
        LlmFineTunerNodeModel model = tinyModel();
        NodeSettings s = NodeModelHarness.saveSettings(model);
        for (int i = 0; i < keyValues.length; i += 2) {
            s.addString(keyValues[i], keyValues[i + 1]);
        }
        NodeModelHarness.loadSettings(model, s);
        return model;
    }

    @Test
    void descriptionDeclaresNameIconAndPorts() {
        assertEquals("LLM Fine-Tuner", FACTORY.getNodeName());
        assertNotNull(FACTORY.getIcon());
        assertEquals("Instructions", FACTORY.getInportName(0));
        assertEquals("Generator", FACTORY.getOutportName(0));
        assertTrue(List.of(FACTORY.getKeywords()).contains("fine-tuning"));
    }

    @Test
    void configureAnnouncesAnUntrainedGeneratorOfTheDefaultModel() throws Exception {
        PortObjectSpec[] specs = NodeModelHarness.configure(tinyModel(), TinyGenerator.instructions().getSpec());
        GeneratorPortObjectSpec spec = assertInstanceOf(GeneratorPortObjectSpec.class, specs[0]);
        assertEquals("default", spec.getBaseModel());
        assertTrue(spec.getTrainingSummary().isEmpty(), "not trained yet");
        assertTrue(spec.getSchema().isEmpty(), "the schema is known once the prompts are read");
        assertEquals(1, ((Map<?, ?>)spec.getSummary().get("planned")).get("epochs"));
    }

    @Test
    void executeTrainsAGeneratorWhoseSpecShowsSchemaSettingsAndTraining() throws Exception {
        GeneratorPortObject port = TinyGenerator.generator();
        Path dir = port.getDirectory();
        for (String file : List.of("config.json", "model.safetensors", "tokenizer.json", "harmonic.json")) {
            assertTrue(Files.isRegularFile(dir.resolve(file)), file);
        }
        GeneratorPortObjectSpec spec = port.getSpec();
        assertEquals(List.of(TestTables.germanKnime().getDataTableSpec().getColumnNames()), spec.getColumnNames(),
            "the schema recovered from the prompts has German's columns in order");
        assertEquals("status", spec.getTarget());
        // it ends when it has learned, as on the command line: a tenth of the instructions (at least 8) is held out
        // until the decay
        assertEquals(TinyGenerator.EXAMPLES - 8, ((Number)spec.getTrainingSummary().get("examples")).intValue());
        assertEquals(8, ((Number)spec.getTrainingSummary().get("heldOut")).intValue());
        assertEquals(1, ((Number)spec.getTrainingSummary().get("epochs")).intValue());

        GeneratorInfo info = GeneratorDirectory.readInfo(dir);
        assertEquals("user credit scores", info.instructions().description(), "recovered from the prompt header");
        assertEquals(5, info.instructions().k());
        assertEquals("default", info.baseModel());
    }

    @Test
    void differentialPrivacySpendsAtMostTheTargetEpsilonAndThePortSpecShowsTheAccounting() throws Exception {
        LlmFineTunerNodeModel model = tinyModel();
        NodeSettings s = NodeModelHarness.saveSettings(model);
        s.addDouble("dp_epsilon", 8);
        s.addInt("dp_stage1_epochs", 1);
        NodeModelHarness.loadSettings(model, s);
        BufferedDataTable in = TinyGenerator.instructions(32);

        GeneratorPortObjectSpec planned = (GeneratorPortObjectSpec)NodeModelHarness.configure(model,
            in.getDataTableSpec())[0];
        Map<?, ?> plannedPrivacy = (Map<?, ?>)((Map<?, ?>)planned.getSummary().get("planned")).get("privacy");
        assertEquals(8.0, ((Number)plannedPrivacy.get("target_epsilon")).doubleValue());

        GeneratorPortObject port =
            (GeneratorPortObject)NodeModelHarness.execute(model, NodeModelHarness.newContext(), in)[0];
        Map<String, Object> p = port.getSpec().getPrivacy();
        double epsilon = ((Number)p.get("epsilon")).doubleValue();
        double delta = ((Number)p.get("delta")).doubleValue();
        assertTrue(epsilon <= 8 && epsilon > 7.9, "calibrated to the target within 1 %: " + epsilon);
        // delta 1/n for the n table rows the 32 instructions show (answers and neighbours), as the command
        // line's 1/rows; the builder's "Row indexes" column names them
        java.util.Set<String> shown = new java.util.HashSet<>();
        for (org.knime.core.data.DataRow r : in) {
            shown.addAll(List.of(((org.knime.core.data.StringValue)r.getCell(in.getDataTableSpec()
                .findColumnIndex("Row indexes"))).getStringValue().split(" ")));
        }
        assertTrue(shown.size() > 32 + 5, "the prompts show rows beyond the 32 answers: " + shown.size());
        assertEquals(1.0 / shown.size(), delta, 1e-12);
        // the group size the caveat names counts real rows (without row positions it was all 32 instructions)
        int perRow = ((Number)p.get("max_instructions_per_row")).intValue();
        assertTrue(perRow >= 1 && perRow <= 6, "one row takes part in its own and its neighbours' instructions: "
            + perRow);
        // the stored epsilon is what the accountant gives for the stored sigma, q and steps
        double recomputed = new RdpAccountant().spent(((Number)p.get("sampling_rate")).doubleValue(),
            ((Number)p.get("noise_multiplier")).doubleValue(), ((Number)p.get("steps")).longValue(), delta).epsilon();
        assertEquals(recomputed, epsilon, 1e-9);
        assertTrue(port.getSpec().describe().contains("DP-SGD: epsilon " + String.format(java.util.Locale.ROOT,
            "%.4g", epsilon)), port.getSpec().describe());
        assertEquals("no differential privacy", TinyGenerator.generator().getSpec().describePrivacy());
    }

    @Test
    void theBuildersFilterAndNeighbourSearchReachTheGeneratorThroughFlowVariables() throws Exception {
        NodeModel builder = NodeModelHarness.create(new KnnInstructionBuilderNodeFactory());
        NodeSettings s = NodeModelHarness.saveSettings(builder);
        s.addString("target", "status");
        s.addString("filter", "none");
        NodeModelHarness.loadSettings(builder, s);
        BufferedDataTable built = (BufferedDataTable)NodeModelHarness.execute(builder, NodeModelHarness.newContext(),
            TestTables.germanKnime())[0];
        List<DataRow> first = new ArrayList<>();
        for (DataRow r : built) {
            if (first.size() < 16) {
                first.add(r);
            }
        }
        LlmFineTunerNodeModel model = tinyModel();
        NodeModelHarness.connectFlow(builder, model);
        GeneratorPortObject port = (GeneratorPortObject)NodeModelHarness.execute(model, NodeModelHarness.newContext(),
            NodeModelHarness.table(NodeModelHarness.newContext(), built.getDataTableSpec(), first))[0];
        GeneratorInfo info = GeneratorDirectory.readInfo(port.getDirectory());
        assertEquals(FilterMode.NONE, info.instructions().filter());
        assertEquals(NeighbourBasis.FEATURES_AND_LABEL, info.instructions().neighboursBy());

        // without them (a table from elsewhere) the generator keeps the automatic filter, which the Synthesizer
        // resolves again from its table
        assertEquals(FilterMode.AUTO,
            GeneratorDirectory.readInfo(TinyGenerator.generator().getDirectory()).instructions().filter());

        LlmFineTunerNodeModel overwritten = tinyModel();
        NodeModelHarness.connectFlow(builder, overwritten);
        NodeModelHarness.setFlowVariable(overwritten, KnnInstructionBuilderNodeModel.VAR_NEIGHBOURS_BY, "nearby");
        InvalidSettingsException bad = assertThrows(InvalidSettingsException.class, () -> NodeModelHarness.execute(
            overwritten, NodeModelHarness.newContext(), TinyGenerator.instructions(16)));
        assertTrue(bad.getMessage().contains("harmonic.neighbours_by = 'nearby'"), bad.getMessage());
    }

    @Test
    void rowPositionsAreReadOrRejectedNamingTheRowAndTheFix() throws Exception {
        assertArrayEquals(new int[] {12, 3, 40}, LlmFineTunerNodeModel.rowIndexes(
            new org.knime.core.data.def.StringCell(" 12 3  40 "), 1));
        assertArrayEquals(new int[0], LlmFineTunerNodeModel.rowIndexes(org.knime.core.data.DataType.getMissingCell(), 1));
        for (String bad : List.of("3 x", "3 -1", "1.5")) {
            String message = assertThrows(org.knime.core.node.InvalidSettingsException.class,
                () -> LlmFineTunerNodeModel.rowIndexes(new org.knime.core.data.def.StringCell(bad), 7)).getMessage();
            assertTrue(message.startsWith("row 7 of the instruction table: column 'Row indexes' holds '" + bad + "'"),
                message);
            assertTrue(message.contains("KNN Instruction Builder"), message);
        }
    }

    @Test
    void dpOptionsWithoutATargetEpsilonAreRejected() throws Exception {
        LlmFineTunerNodeModel model = tinyModel();
        NodeSettings s = NodeModelHarness.saveSettings(model);
        s.addDouble("dp_delta", 1e-5);
        InvalidSettingsException e =
            assertThrows(InvalidSettingsException.class, () -> NodeModelHarness.loadSettings(model, s));
        assertTrue(e.getMessage().contains("need a target epsilon: set 'dp_epsilon'"), e.getMessage());
        NodeSettings negative = NodeModelHarness.saveSettings(model);
        negative.addDouble("dp_epsilon", -1);
        assertThrows(InvalidSettingsException.class, () -> NodeModelHarness.loadSettings(model, negative));
    }

    @Test
    void generationPromptsAreSkippedAndAnAnswerlessTableIsRejected() throws Exception {
        DataTableSpec spec = new DataTableSpec(new DataColumnSpecCreator("Prompt", StringCell.TYPE).createSpec(),
            new DataColumnSpecCreator("Answer", StringCell.TYPE).createSpec());
        BufferedDataTable prompts = NodeModelHarness.table(NodeModelHarness.newContext(), spec, List.of(
            new org.knime.core.data.def.DefaultRow("Row0", new StringCell("Here are ..."), new StringCell(""))));
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class,
            () -> NodeModelHarness.execute(tinyModel(), NodeModelHarness.newContext(), prompts));
        assertTrue(e.getMessage().contains("no training instructions"), e.getMessage());
    }

    @Test
    void cancelingDuringTrainingStopsBeforeTheNextStepAndLeavesNoOutput() throws Exception {
        LlmFineTunerNodeModel model = tinyModel();
        NodeSettings s = NodeModelHarness.saveSettings(model);
        s.addInt("epochs", 200); // would train for minutes
        NodeModelHarness.loadSettings(model, s);
        int[] canceledAt = {-1}; // index of the message that asked to cancel
        RecordingMonitor monitor = new RecordingMonitor() {
            @Override
            public void setMessage(final String message) {
                super.setMessage(message);
                if (canceledAt[0] < 0 && message != null && message.startsWith("training step 3/")) {
                    canceledAt[0] = messages.size() - 1;
                    setExecuteCanceled();
                }
            }
        };
        ExecutionContext exec = NodeModelHarness.newContext(monitor);
        List<Path> before = TempDirectories.created();
        BufferedDataTable in = TinyGenerator.instructions(16);
        assertThrows(CanceledExecutionException.class, () -> NodeModelHarness.execute(model, exec, in));
        assertTrue(canceledAt[0] >= 0, "training started: " + monitor.messages);
        // the trainer checks for cancellation before every step (counted in steps, not seconds:
        // a wall-clock limit fails at random on a busy machine)
        List<String> after = monitor.messages.subList(canceledAt[0] + 1, monitor.messages.size());
        assertTrue(after.stream().noneMatch(m -> m != null && m.startsWith("training step")),
            "no step trained after the cancel request: " + after);

        List<Path> created = new ArrayList<>(TempDirectories.created());
        created.removeAll(before);
        assertFalse(created.isEmpty());
        for (Path p : created) {
            assertFalse(Files.exists(p), "canceled run left " + p);
        }
        assertTrue(NodeModelHarness.createdTables(exec).isEmpty());
    }

    @Test
    void progressIsReportedWhileTraining() throws Exception {
        RecordingMonitor monitor = new RecordingMonitor();
        NodeModelHarness.execute(tinyModel(), NodeModelHarness.newContext(monitor), TinyGenerator.instructions(8));
        assertTrue(monitor.messages.stream().anyMatch(m -> m != null && m.startsWith("training step")),
            monitor.messages.toString());
        double previous = 0;
        for (double f : monitor.fractions) {
            assertTrue(f >= previous - 1e-9, "progress never goes back: " + monitor.fractions);
            previous = f;
        }
        assertEquals(1.0, previous, 0.02);
    }

    @Test
    void settingsRoundTripThroughXml() throws Exception {
        LlmFineTunerNodeModel model = withSettings("base_model", "/models/SmolLM-135M", "lora_targets", "q_proj, v_proj",
            "device", "gpu");
        NodeSettings s = NodeModelHarness.saveSettings(model);
        s.addInt("lora_rank", 8);
        s.addDouble("lora_alpha", 16);
        s.addDouble("learning_rate", 3e-4);
        NodeModelHarness.loadSettings(model, s);

        NodeSettings again = NodeModelHarness.roundTripThroughXml(FACTORY, model);
        assertEquals(NodeModelHarness.saveSettings(model), again);
        assertEquals(8, again.getInt("lora_rank"));
        assertEquals(3e-4, again.getDouble("learning_rate"));
        assertEquals("/models/SmolLM-135M", again.getString("base_model"));
    }

    @Test
    void defaultsEqualTheCommandLinesTrainingDefaults() throws Exception {
        // the CLI's `harmonic fit` without options trains with FineTuner.defaultTraining too
        TrainingConfig node = training(new LlmFineTunerSettings());
        TrainingConfig cli = FineTuner.defaultTraining(true, 587, null, null, null);
        assertEquals(cli, node.withMaxLength(cli.maxLength()).withSeed(cli.seed()));
        assertEquals(LossScope.DEFAULT, node.lossScope());
        assertEquals(DefaultGenerator.STOPPING, node.stopping());
    }

    /** What the node trains with on 587 instructions. */
    private static TrainingConfig training(final LlmFineTunerSettings settings) throws Exception {
        return settings.checkedOptions().training(settings.seed(), 0, 587);
    }

    /** The Fine-Tuner's settings after loading {@code s}. */
    private static LlmFineTunerSettings loaded(final NodeSettings s) throws Exception {
        LlmFineTunerSettings settings = new LlmFineTunerSettings();
        settings.validate(s);
        settings.loadFrom(s);
        return settings;
    }

    /** What `harmonic fit --patience P --eval-every E --max-steps M` trains with (null: the option left out). */
    private static StoppingRule commandLine(final Integer patience, final Integer evalEvery, final Integer maxSteps) {
        return new FitOptions(Front.CLI, null, null, null, null, null, null, null, null, patience, evalEvery, null,
            maxSteps, null, null, null, null, null, null, null, null, null, null, null, null).training(416, 0, 587).stopping();
    }

    @Test
    void stoppingOptionsTrainAsTheCommandLinesDo() throws Exception {
        NodeSettings s = new NodeSettings("model");
        new LlmFineTunerSettings().saveTo(s);
        assertEquals(-1, s.getInt("patience"), "automatic: the model kind's rule");
        assertEquals(DefaultGenerator.STOPPING, training(loaded(s)).stopping());
        assertEquals(commandLine(null, null, null), training(loaded(s)).stopping());

        s.addInt("patience", 3);
        s.addInt("eval_every", 50);
        s.addInt("max_steps", 1200);
        StoppingRule node = training(loaded(s)).stopping();
        assertEquals(commandLine(3, 50, 1200), node);
        assertEquals(3, node.patience());
        assertEquals(50, node.evalEvery());
        assertEquals(1200, node.maxSteps());

        // 0 is a value of its own: hold nothing out and train every planned step, uncapped
        s.addInt("patience", 0);
        s.addInt("eval_every", 0);
        s.addInt("max_steps", 0);
        node = training(loaded(s)).stopping();
        assertEquals(commandLine(0, null, 0), node);
        assertFalse(node.evaluates());
        assertEquals(0, node.maxSteps());

        s.addInt("patience", -2);
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class, () -> loaded(s));
        assertTrue(e.getMessage().contains("[-1...10000]"), e.getMessage()); // KNIME's bounded model says the range
    }

    @Test
    void aWorkflowSavedBeforeTheStoppingOptionsLoadsWithTheDefaultRule() throws Exception {
        // the 0.1.0 layout: every option but the three stopping options
        LlmFineTunerSettings defaults = new LlmFineTunerSettings();
        NodeSettings old = new NodeSettings("model");
        for (org.knime.core.node.defaultnodesettings.SettingsModel m : defaults.all()) {
            if (m != defaults.m_patience && m != defaults.m_evalEvery && m != defaults.m_maxSteps) {
                m.saveSettingsTo(old);
            }
        }
        assertFalse(old.containsKey("patience"));
        LlmFineTunerNodeModel model = NodeModelHarness.create(FACTORY);
        NodeModelHarness.loadSettings(model, old);
        NodeSettings again = NodeModelHarness.saveSettings(model);
        assertEquals(-1, again.getInt("patience"));
        assertEquals(0, again.getInt("eval_every"));
        assertEquals(-1, again.getInt("max_steps"));
        assertEquals(DefaultGenerator.STOPPING, training(loaded(again)).stopping());
    }

    @Test
    void invalidSettingsAreRejectedWithTheOptionNamed() throws Exception {
        LlmFineTunerNodeModel model = tinyModel();
        String[][] bad = {{"model_size", "huge"}, {"device", "tpu"}, {"loss", "prompt"}};
        for (String[] b : bad) {
            NodeSettings s = NodeModelHarness.saveSettings(model);
            s.addString(b[0], b[1]);
            InvalidSettingsException e =
                assertThrows(InvalidSettingsException.class, () -> NodeModelHarness.loadSettings(model, s));
            assertTrue(e.getMessage().contains("'" + b[0] + "'") && e.getMessage().contains(b[1]), e.getMessage());
        }
        NodeSettings lora = NodeModelHarness.saveSettings(model);
        lora.addInt("lora_rank", 8);
        InvalidSettingsException e =
            assertThrows(InvalidSettingsException.class, () -> NodeModelHarness.loadSettings(model, lora));
        assertTrue(e.getMessage().contains("base model"), e.getMessage());
        NodeSettings epochs = NodeModelHarness.saveSettings(model);
        epochs.addInt("epochs", -1); // 0 is automatic
        assertThrows(InvalidSettingsException.class, () -> NodeModelHarness.loadSettings(model, epochs));
        assertEquals("tiny", NodeModelHarness.saveSettings(model).getString("model_size"), "old values kept");
    }

    @Test
    void configureRejectsAMissingColumnAndABaseModelWithoutConfig() throws Exception {
        DataTableSpec instructions = TinyGenerator.instructions().getDataTableSpec();
        InvalidSettingsException column = assertThrows(InvalidSettingsException.class,
            () -> NodeModelHarness.configure(withSettings("prompt_column", "Question"), instructions));
        assertTrue(column.getMessage().contains("'Question' is not in the input table"), column.getMessage());
        InvalidSettingsException notText = assertThrows(InvalidSettingsException.class,
            () -> NodeModelHarness.configure(withSettings("answer_column", "Group ID"), instructions));
        assertTrue(notText.getMessage().contains("not text"), notText.getMessage());
        Path empty = Files.createTempDirectory("harmonic-no-model");
        try {
            InvalidSettingsException base = assertThrows(InvalidSettingsException.class,
                () -> NodeModelHarness.configure(withSettings("base_model", empty.toString()), instructions));
            assertTrue(base.getMessage().contains("config.json"), base.getMessage());
        } finally {
            Files.delete(empty);
        }
    }

    @Test
    void dialogLoadsAndSavesTheModelsSettings() throws Exception {
        NodeSettings saved = NodeModelHarness.saveSettings(tinyModel());
        DefaultNodeSettingsPane dialog = (DefaultNodeSettingsPane)NodeModelHarness.dialog(FACTORY);
        dialog.loadSettingsFrom(saved, new PortObjectSpec[] {TinyGenerator.instructions().getDataTableSpec()});
        NodeSettings fromDialog = new NodeSettings("model");
        dialog.saveSettingsTo(fromDialog);
        assertEquals(saved, fromDialog);
    }
}
