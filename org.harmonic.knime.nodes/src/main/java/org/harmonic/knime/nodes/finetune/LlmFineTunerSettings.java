package org.harmonic.knime.nodes.finetune;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.harmonic.core.api.LlmFineTuning;
import org.harmonic.core.options.FitOptions;
import org.harmonic.core.options.OptionSpec.Front;
import org.harmonic.core.util.HarmonicInputException;
import org.harmonic.knime.nodes.common.NodeOptions;
import org.harmonic.knime.nodes.common.SpecModels;
import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.StringValue;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.defaultnodesettings.SettingsModel;
import org.knime.core.node.defaultnodesettings.SettingsModelBoolean;
import org.knime.core.node.defaultnodesettings.SettingsModelDoubleBounded;
import org.knime.core.node.defaultnodesettings.SettingsModelInteger;
import org.knime.core.node.defaultnodesettings.SettingsModelIntegerBounded;
import org.knime.core.node.defaultnodesettings.SettingsModelString;

/**
 * The LLM Fine-Tuner's options, one SettingsModel each, shared by model and dialog. The config
 * keys are public API (flow variables, batch {@code -option}; docs/knime.md).
 */
final class LlmFineTunerSettings extends NodeOptions {
    static final String CFG_PROMPT_COLUMN = "prompt_column";
    static final String CFG_ANSWER_COLUMN = "answer_column";
    static final String CFG_DESCRIPTION = "description";
    static final String CFG_BASE_MODEL = FitOptions.BASE_MODEL.knime();
    static final String CFG_MODEL_SIZE = FitOptions.MODEL_SIZE.knime();
    static final String CFG_EPOCHS = FitOptions.EPOCHS.knime();
    static final String CFG_LEARNING_RATE = FitOptions.LEARNING_RATE.knime();
    static final String CFG_BATCH_SIZE = FitOptions.BATCH.knime();
    static final String CFG_MAX_LENGTH = FitOptions.MAX_LENGTH.knime();
    static final String CFG_SEED = "seed";
    static final String CFG_LORA_RANK = FitOptions.LORA_RANK.knime();
    static final String CFG_LORA_ALPHA = FitOptions.LORA_ALPHA.knime();
    static final String CFG_LORA_DROPOUT = FitOptions.LORA_DROPOUT.knime();
    static final String CFG_LORA_TARGETS = FitOptions.LORA_TARGETS.knime();
    static final String CFG_DEVICE = FitOptions.DEVICE.knime();
    static final String CFG_LOSS = FitOptions.LOSS.knime();
    static final String CFG_MAX_MINUTES = FitOptions.MAX_MINUTES.knime();
    static final String CFG_PATIENCE = FitOptions.PATIENCE.knime();
    static final String CFG_EVAL_EVERY = FitOptions.EVAL_EVERY.knime();
    static final String CFG_MAX_STEPS = FitOptions.MAX_STEPS.knime();
    static final String CFG_CANDIDATES = FitOptions.CANDIDATES.knime();
    // differential privacy (DP-SGD, two stages after DP-LLMTGen; the CLI's --dp-* options)
    static final String CFG_DP_EPSILON = FitOptions.DP_EPSILON.knime();
    static final String CFG_DP_DELTA = FitOptions.DP_DELTA.knime();
    static final String CFG_DP_CLIP = FitOptions.DP_CLIP.knime();
    static final String CFG_DP_STAGE1_EPOCHS = FitOptions.DP_STAGE1_EPOCHS.knime();
    static final String CFG_DP_POISSON = FitOptions.DP_POISSON.knime();
    static final String CFG_DP_VALUE_WEIGHT = FitOptions.DP_VALUE_WEIGHT.knime();

    static final List<String> SIZES = FitOptions.MODEL_SIZES;
    static final List<String> DEVICES = FitOptions.DEVICES;
    static final List<String> LOSSES = FitOptions.LOSSES;

    final SettingsModelString m_promptColumn = createPromptColumn();
    final SettingsModelString m_answerColumn = createAnswerColumn();
    final SettingsModelString m_description = createDescription();
    final SettingsModelString m_baseModel = createBaseModel();
    final SettingsModelString m_modelSize = createModelSize();
    final SettingsModelIntegerBounded m_epochs = createEpochs();
    final SettingsModelDoubleBounded m_learningRate = createLearningRate();
    final SettingsModelIntegerBounded m_batchSize = createBatchSize();
    final SettingsModelIntegerBounded m_maxLength = createMaxLength();
    final SettingsModelInteger m_seed = createSeed();
    final SettingsModelIntegerBounded m_loraRank = createLoraRank();
    final SettingsModelDoubleBounded m_loraAlpha = createLoraAlpha();
    final SettingsModelDoubleBounded m_loraDropout = createLoraDropout();
    final SettingsModelString m_loraTargets = createLoraTargets();
    final SettingsModelString m_device = createDevice();
    final SettingsModelString m_loss = createLoss();
    final SettingsModelDoubleBounded m_maxMinutes = createMaxMinutes();
    final SettingsModelIntegerBounded m_patience = createPatience();
    final SettingsModelIntegerBounded m_evalEvery = createEvalEvery();
    final SettingsModelIntegerBounded m_maxSteps = createMaxSteps();
    final SettingsModelIntegerBounded m_candidates = createCandidates();
    final SettingsModelDoubleBounded m_dpEpsilon = createDpEpsilon();
    final SettingsModelDoubleBounded m_dpDelta = createDpDelta();
    final SettingsModelDoubleBounded m_dpClip = createDpClip();
    final SettingsModelIntegerBounded m_dpStage1Epochs = createDpStage1Epochs();
    final SettingsModelBoolean m_dpPoisson = createDpPoisson();
    final SettingsModelDoubleBounded m_dpValueWeight = createDpValueWeight();

    static SettingsModelString createPromptColumn() {
        return new SettingsModelString(CFG_PROMPT_COLUMN, "Prompt");
    }

    static SettingsModelString createAnswerColumn() {
        return new SettingsModelString(CFG_ANSWER_COLUMN, "Answer");
    }

    static SettingsModelString createDescription() {
        return new SettingsModelString(CFG_DESCRIPTION, "");
    }

    static SettingsModelString createBaseModel() {
        return SpecModels.string(FitOptions.BASE_MODEL);
    }

    static SettingsModelString createModelSize() {
        return SpecModels.string(FitOptions.MODEL_SIZE);
    }

    /**
     * Epochs; 0 = automatic (from scratch: the 3,000-step cap, ending when it has learned,
     * the core's automatic epochs; base model: 3).
     */
    static SettingsModelIntegerBounded createEpochs() {
        return SpecModels.integer(FitOptions.EPOCHS);
    }

    static SettingsModelDoubleBounded createLearningRate() {
        return SpecModels.number(FitOptions.LEARNING_RATE);
    }

    /**
     * Batch size; 0 = automatic ({@link org.harmonic.core.generator.DefaultGenerator#BATCH_SIZE} from scratch, 8 with
     * a base model).
     */
    static SettingsModelIntegerBounded createBatchSize() {
        return SpecModels.integer(FitOptions.BATCH);
    }

    static SettingsModelIntegerBounded createMaxLength() {
        return SpecModels.integer(FitOptions.MAX_LENGTH);
    }

    static SettingsModelInteger createSeed() {
        return new SettingsModelInteger(CFG_SEED, (int)FitOptions.DEFAULT_SEED);
    }

    static SettingsModelIntegerBounded createLoraRank() {
        return SpecModels.integer(FitOptions.LORA_RANK);
    }

    static SettingsModelDoubleBounded createLoraAlpha() {
        return SpecModels.number(FitOptions.LORA_ALPHA);
    }

    static SettingsModelDoubleBounded createLoraDropout() {
        return SpecModels.number(FitOptions.LORA_DROPOUT);
    }

    static SettingsModelString createLoraTargets() {
        return SpecModels.string(FitOptions.LORA_TARGETS);
    }

    static SettingsModelString createDevice() {
        return SpecModels.string(FitOptions.DEVICE);
    }

    /** Target epsilon; 0 trains without differential privacy. */
    static SettingsModelDoubleBounded createDpEpsilon() {
        return SpecModels.number(FitOptions.DP_EPSILON);
    }

    /** Delta; 0 for 1/n, n = the table rows the instructions show (the builder's "Row indexes"). */
    static SettingsModelDoubleBounded createDpDelta() {
        return SpecModels.number(FitOptions.DP_DELTA);
    }

    static SettingsModelDoubleBounded createDpClip() {
        return SpecModels.number(FitOptions.DP_CLIP);
    }

    static SettingsModelIntegerBounded createDpStage1Epochs() {
        return SpecModels.integer(FitOptions.DP_STAGE1_EPOCHS);
    }

    static SettingsModelBoolean createDpPoisson() {
        return SpecModels.bool(FitOptions.DP_POISSON);
    }

    /** Alpha of the weighted loss (value tokens alpha, format tokens 1 - alpha); 0 for the plain loss. */
    /** Tokens the loss covers: every row of the instruction (the default) or the answer only (the reference). */
    static SettingsModelString createLoss() {
        return SpecModels.string(FitOptions.LOSS);
    }

    /** Training time budget in minutes; 0 = none (training still stops early on held-out rows). */
    static SettingsModelDoubleBounded createMaxMinutes() {
        return SpecModels.number(FitOptions.MAX_MINUTES);
    }

    /**
     * Held-out evaluations without improvement before training ends; -1 = automatic (from scratch: 5, ending
     * with a decay when it has learned; a base model: every planned step), 0 = every planned step.
     */
    static SettingsModelIntegerBounded createPatience() {
        return SpecModels.integer(FitOptions.PATIENCE);
    }

    /** Optimizer steps between held-out evaluations; 0 = automatic (100). */
    static SettingsModelIntegerBounded createEvalEvery() {
        return SpecModels.integer(FitOptions.EVAL_EVERY);
    }

    /** Most optimizer steps; -1 = automatic (3,000 from scratch, none with a base model), 0 = every planned step. */
    static SettingsModelIntegerBounded createMaxSteps() {
        return SpecModels.integer(FitOptions.MAX_STEPS);
    }

    /** Trainings to choose from by their held-out loss; 1 = one training. */
    static SettingsModelIntegerBounded createCandidates() {
        return SpecModels.integer(FitOptions.CANDIDATES);
    }

    static SettingsModelDoubleBounded createDpValueWeight() {
        return SpecModels.number(FitOptions.DP_VALUE_WEIGHT);
    }

    @Override
    protected List<SettingsModel> all() {
        return List.of(m_promptColumn, m_answerColumn, m_description, m_baseModel, m_modelSize, m_epochs,
            m_learningRate, m_batchSize, m_maxLength, m_seed, m_loraRank, m_loraAlpha, m_loraDropout, m_loraTargets,
            m_device, m_loss, m_maxMinutes, m_patience, m_evalEvery, m_maxSteps, m_dpEpsilon, m_dpDelta, m_dpClip,
            m_dpStage1Epochs, m_dpPoisson, m_dpValueWeight, m_candidates);
    }

    @Override
    protected Map<String, SettingsModel> addedLater() {
        // a workflow saved before these options existed loads with their defaults (the default rule)
        return Map.of(CFG_PATIENCE, m_patience, CFG_EVAL_EVERY, m_evalEvery, CFG_MAX_STEPS, m_maxSteps,
            CFG_CANDIDATES, m_candidates);
    }

    @Override
    protected void check() throws InvalidSettingsException {
        checkOptions();
    }

    @Override
    protected NodeOptions fresh() {
        return new LlmFineTunerSettings();
    }

    /** True when the options ask for differentially private training. */
    boolean isPrivate() {
        return m_dpEpsilon.getDoubleValue() > 0;
    }

    /** The options as the core's one model of them (defaults, DP and LoRA assembly, checks). */
    FitOptions options() throws InvalidSettingsException {
        // the stored "automatic" of the options that have one (0, or -1 where 0 is a value) is the core's "not given"
        return new FitOptions(Front.KNIME, baseModel(), m_modelSize.getStringValue(),
            SpecModels.given(m_epochs, FitOptions.EPOCHS), SpecModels.given(m_learningRate, FitOptions.LEARNING_RATE),
            SpecModels.given(m_batchSize, FitOptions.BATCH), null, m_maxLength.getIntValue(),
            m_loss.getStringValue(), SpecModels.given(m_patience, FitOptions.PATIENCE),
            SpecModels.given(m_evalEvery, FitOptions.EVAL_EVERY), m_maxMinutes.getDoubleValue(),
            SpecModels.given(m_maxSteps, FitOptions.MAX_STEPS), m_device.getStringValue(),
            SpecModels.given(m_loraRank, FitOptions.LORA_RANK), m_loraAlpha.getDoubleValue(),
            m_loraDropout.getDoubleValue(), m_loraTargets.getStringValue(),
            SpecModels.given(m_dpEpsilon, FitOptions.DP_EPSILON), SpecModels.given(m_dpDelta, FitOptions.DP_DELTA),
            m_dpClip.getDoubleValue(), SpecModels.given(m_dpStage1Epochs, FitOptions.DP_STAGE1_EPOCHS),
            m_dpPoisson.getBooleanValue(),
            SpecModels.given(m_dpValueWeight, FitOptions.DP_VALUE_WEIGHT), m_candidates.getIntValue());
    }

    /** Fails unless the instruction table has the prompt and answer columns as text. */
    void checkInput(final DataTableSpec spec) throws InvalidSettingsException {
        String prompt = requireTextColumn(spec, m_promptColumn.getStringValue(), "Prompt column", CFG_PROMPT_COLUMN);
        String answer = requireTextColumn(spec, m_answerColumn.getStringValue(), "Answer column", CFG_ANSWER_COLUMN);
        if (prompt.equals(answer)) {
            throw new InvalidSettingsException("Prompt and answer column are both '" + prompt + "'; choose the "
                + "instruction table's Prompt and Answer columns (the KNN Instruction Builder's output).");
        }
    }

    private static String requireTextColumn(final DataTableSpec spec, final String name, final String label,
            final String key) throws InvalidSettingsException {
        if (name == null || name.isEmpty()) {
            throw new InvalidSettingsException("No " + label.toLowerCase(Locale.ROOT) + " selected (option '" + key
                + "').");
        }
        DataColumnSpec column = spec.getColumnSpec(name);
        if (column == null) {
            throw new InvalidSettingsException(label + " '" + name + "' is not in the input table; connect the KNN "
                + "Instruction Builder's output or choose one of: " + String.join(", ", spec.getColumnNames()));
        }
        if (!column.getType().isCompatible(StringValue.class)) {
            throw new InvalidSettingsException(label + " '" + name + "' holds " + column.getType()
                + ", not text; choose a string column.");
        }
        return name;
    }

    /** The base checkpoint directory, or null for the default from-scratch model. */
    Path baseModel() throws InvalidSettingsException {
        String text = m_baseModel.getStringValue() == null ? "" : m_baseModel.getStringValue().trim();
        if (text.isEmpty()) {
            return null;
        }
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw new InvalidSettingsException("Base model '" + text + "' is not a valid path: " + e.getMessage(), e);
        }
    }

    /** Checks every option without touching files or the engine (configure and validate). */
    void checkOptions() throws InvalidSettingsException {
        try {
            options().check();
        } catch (HarmonicInputException e) {
            throw new InvalidSettingsException(e.getMessage(), e);
        }
    }

    /** Checks the base model directory (configure: cheap file checks, no weights read). */
    void checkBaseModel() throws InvalidSettingsException {
        Path base = baseModel();
        if (base != null && !Files.isRegularFile(base.resolve("config.json"))) {
            throw new InvalidSettingsException("Base model directory '" + base + "' has no config.json; give a Hugging "
                + "Face checkpoint directory (config.json, model.safetensors, tokenizer.json) or leave the option "
                + "empty to train the default model from scratch.");
        }
    }

    /** The options, checked; bad values fail with the option named. */
    FitOptions checkedOptions() throws InvalidSettingsException {
        checkOptions();
        return options();
    }

    /** The training seed. */
    long seed() {
        return m_seed.getIntValue();
    }

    /**
     * What the generator port says before training: the base model and the planned training (the epochs, when
     * automatic, as the rule that chooses them; a base checkpoint's configuration is read for LoRA's default target
     * modules, which checkBaseModel has checked).
     */
    Map<String, Object> plannedSummary() throws InvalidSettingsException {
        try {
            return LlmFineTuning.plannedSummary(options(), seed());
        } catch (HarmonicInputException e) {
            throw new InvalidSettingsException(e.getMessage(), e);
        }
    }
}
