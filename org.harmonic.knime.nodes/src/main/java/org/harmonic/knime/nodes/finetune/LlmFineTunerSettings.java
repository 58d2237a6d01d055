package org.harmonic.knime.nodes.finetune;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.harmonic.core.generator.DefaultGenerator;
import org.harmonic.core.generator.FineTuner;
import org.harmonic.core.lm.model.LoraConfig;
import org.harmonic.core.lm.train.DpConfig;
import org.harmonic.core.lm.train.LossScope;
import org.harmonic.core.lm.train.TrainingConfig;
import org.harmonic.core.util.HarmonicInputException;
import org.harmonic.knime.nodes.common.NodeOptions;
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
    static final String CFG_BASE_MODEL = "base_model";
    static final String CFG_MODEL_SIZE = "model_size";
    static final String CFG_EPOCHS = "epochs";
    static final String CFG_LEARNING_RATE = "learning_rate";
    static final String CFG_BATCH_SIZE = "batch_size";
    static final String CFG_MAX_LENGTH = "max_length";
    static final String CFG_SEED = "seed";
    static final String CFG_LORA_RANK = "lora_rank";
    static final String CFG_LORA_ALPHA = "lora_alpha";
    static final String CFG_LORA_DROPOUT = "lora_dropout";
    static final String CFG_LORA_TARGETS = "lora_targets";
    static final String CFG_DEVICE = "device";
    static final String CFG_LOSS = "loss";
    static final String CFG_MAX_MINUTES = "max_minutes";
    // differential privacy (DP-SGD, two stages after DP-LLMTGen; the CLI's --dp-* options)
    static final String CFG_DP_EPSILON = "dp_epsilon";
    static final String CFG_DP_DELTA = "dp_delta";
    static final String CFG_DP_CLIP = "dp_clip";
    static final String CFG_DP_STAGE1_EPOCHS = "dp_stage1_epochs";
    static final String CFG_DP_POISSON = "dp_poisson";
    static final String CFG_DP_VALUE_WEIGHT = "dp_value_weight";

    static final String SIZE_STANDARD = "standard";
    static final String SIZE_TINY = "tiny";
    static final List<String> SIZES = List.of(SIZE_STANDARD, SIZE_TINY);
    static final List<String> DEVICES = List.of("cpu", "gpu");
    static final List<String> LOSSES = List.of(LossScope.SEQUENCE.id(), LossScope.ANSWER.id());

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
        return new SettingsModelString(CFG_BASE_MODEL, "");
    }

    static SettingsModelString createModelSize() {
        return new SettingsModelString(CFG_MODEL_SIZE, SIZE_STANDARD);
    }

    /** Epochs; 0 = automatic (from scratch: about 2000 steps, DefaultGenerator.epochsFor; base model: 3). */
    static SettingsModelIntegerBounded createEpochs() {
        return new SettingsModelIntegerBounded(CFG_EPOCHS, 0, 0, 10_000);
    }

    static SettingsModelDoubleBounded createLearningRate() {
        return new SettingsModelDoubleBounded(CFG_LEARNING_RATE, 0, 0, 1);
    }

    /** Batch size; 0 = automatic (4 from scratch, 8 with a base model). */
    static SettingsModelIntegerBounded createBatchSize() {
        return new SettingsModelIntegerBounded(CFG_BATCH_SIZE, 0, 0, 4096);
    }

    static SettingsModelIntegerBounded createMaxLength() {
        return new SettingsModelIntegerBounded(CFG_MAX_LENGTH, TrainingConfig.defaults().maxLength(), 8, 1 << 20);
    }

    static SettingsModelInteger createSeed() {
        return new SettingsModelInteger(CFG_SEED, (int)TrainingConfig.defaults().seed());
    }

    static SettingsModelIntegerBounded createLoraRank() {
        return new SettingsModelIntegerBounded(CFG_LORA_RANK, 0, 0, 4096);
    }

    static SettingsModelDoubleBounded createLoraAlpha() {
        return new SettingsModelDoubleBounded(CFG_LORA_ALPHA, 32, 1e-6, 1e6);
    }

    static SettingsModelDoubleBounded createLoraDropout() {
        return new SettingsModelDoubleBounded(CFG_LORA_DROPOUT, 0.05, 0, 0.99);
    }

    static SettingsModelString createLoraTargets() {
        return new SettingsModelString(CFG_LORA_TARGETS, "");
    }

    static SettingsModelString createDevice() {
        return new SettingsModelString(CFG_DEVICE, "cpu");
    }

    /** Target epsilon; 0 trains without differential privacy. */
    static SettingsModelDoubleBounded createDpEpsilon() {
        return new SettingsModelDoubleBounded(CFG_DP_EPSILON, 0, 0, 1e6);
    }

    /** Delta; 0 for 1/n (n = the instructions: the table shows no other rows to this node). */
    static SettingsModelDoubleBounded createDpDelta() {
        return new SettingsModelDoubleBounded(CFG_DP_DELTA, 0, 0, 0.5);
    }

    static SettingsModelDoubleBounded createDpClip() {
        return new SettingsModelDoubleBounded(CFG_DP_CLIP, 1.0, 1e-9, 1e9);
    }

    static SettingsModelIntegerBounded createDpStage1Epochs() {
        return new SettingsModelIntegerBounded(CFG_DP_STAGE1_EPOCHS, DpConfig.epsilon(1).stage1Epochs(), 0, 10_000);
    }

    static SettingsModelBoolean createDpPoisson() {
        return new SettingsModelBoolean(CFG_DP_POISSON, false);
    }

    /** Alpha of the weighted loss (value tokens alpha, format tokens 1 - alpha); 0 for the plain loss. */
    /** Tokens the loss covers: every row of the instruction (the default) or the answer only (the reference). */
    static SettingsModelString createLoss() {
        return new SettingsModelString(CFG_LOSS, LossScope.DEFAULT.id());
    }

    /** Training time budget in minutes; 0 = none (training still stops early on held-out rows). */
    static SettingsModelDoubleBounded createMaxMinutes() {
        return new SettingsModelDoubleBounded(CFG_MAX_MINUTES, 0, 0, 1e6);
    }

    static SettingsModelDoubleBounded createDpValueWeight() {
        return new SettingsModelDoubleBounded(CFG_DP_VALUE_WEIGHT, 0, 0, 0.999);
    }

    @Override
    protected List<SettingsModel> all() {
        return List.of(m_promptColumn, m_answerColumn, m_description, m_baseModel, m_modelSize, m_epochs,
            m_learningRate, m_batchSize, m_maxLength, m_seed, m_loraRank, m_loraAlpha, m_loraDropout, m_loraTargets,
            m_device, m_loss, m_maxMinutes, m_dpEpsilon, m_dpDelta, m_dpClip, m_dpStage1Epochs, m_dpPoisson, m_dpValueWeight);
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

    /**
     * The DP settings, or null without a target epsilon. DP options other than epsilon are
     * rejected when epsilon is 0, so a workflow never believes it trained privately when it did not.
     */
    DpConfig privacy() throws InvalidSettingsException {
        if (!isPrivate()) {
            if (m_dpDelta.getDoubleValue() > 0 || m_dpPoisson.getBooleanValue()
                || m_dpValueWeight.getDoubleValue() > 0) {
                throw new InvalidSettingsException("DP options (" + CFG_DP_DELTA + ", " + CFG_DP_POISSON + ", "
                    + CFG_DP_VALUE_WEIGHT + ") are set but '" + CFG_DP_EPSILON + "' is 0 (no differential privacy); "
                    + "set a target epsilon (e.g. 8) or reset those options.");
            }
            return null;
        }
        DpConfig dp = DpConfig.epsilon(m_dpEpsilon.getDoubleValue()).withClipNorm(m_dpClip.getDoubleValue())
            .withStage1Epochs(m_dpStage1Epochs.getIntValue()).withPoisson(m_dpPoisson.getBooleanValue());
        if (m_dpDelta.getDoubleValue() > 0) {
            dp = dp.withDelta(m_dpDelta.getDoubleValue());
        }
        if (m_dpValueWeight.getDoubleValue() > 0) {
            dp = dp.withValueWeight(m_dpValueWeight.getDoubleValue());
        }
        return dp;
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
        oneOf(CFG_MODEL_SIZE, m_modelSize.getStringValue(), SIZES);
        oneOf(CFG_DEVICE, m_device.getStringValue(), DEVICES);
        oneOf(CFG_LOSS, m_loss.getStringValue(), LOSSES);
        Path base = baseModel();
        if (m_loraRank.getIntValue() > 0 && base == null) {
            throw new InvalidSettingsException("LoRA (rank " + m_loraRank.getIntValue() + ") needs a pretrained base "
                + "model directory; the default model is trained in full from scratch. Set 'base_model' or LoRA rank 0.");
        }
        if (m_loraRank.getIntValue() > 0) {
            loraTargets(); // syntax only: whether the modules exist is known once the checkpoint is read
        }
        toTraining(null);
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

    DefaultGenerator.Size size() throws InvalidSettingsException {
        return SIZE_TINY.equals(oneOf(CFG_MODEL_SIZE, m_modelSize.getStringValue(), SIZES))
            ? DefaultGenerator.Size.tiny() : DefaultGenerator.Size.standard();
    }

    String device() throws InvalidSettingsException {
        return oneOf(CFG_DEVICE, m_device.getStringValue(), DEVICES);
    }

    private Set<String> loraTargets() throws InvalidSettingsException {
        String text = m_loraTargets.getStringValue() == null ? "" : m_loraTargets.getStringValue().trim();
        Set<String> targets = new LinkedHashSet<>();
        for (String t : Arrays.asList(text.split("\\s*,\\s*"))) {
            if (!t.isEmpty()) {
                if (!t.matches("[A-Za-z0-9_.]+")) {
                    throw new InvalidSettingsException("LoRA target module '" + t + "' is not a module name; give a "
                        + "comma-separated list such as q_proj,v_proj (Llama) or c_attn (GPT-2), or leave it empty.");
                }
                targets.add(t);
            }
        }
        return targets;
    }

    /**
     * The core's training settings. {@code loraDefaults} gives the architecture's default LoRA
     * configuration when no targets are named (null in configure: not known before the checkpoint
     * is read).
     */
    TrainingConfig toTraining(final LoraDefaults loraDefaults) throws InvalidSettingsException {
        return toTraining(loraDefaults, 0);
    }

    /**
     * The core's training settings for {@code examples} instructions (0 when not known yet: the
     * automatic epochs then show the minimum, {@link DefaultGenerator#MIN_EPOCHS}).
     */
    TrainingConfig toTraining(final LoraDefaults loraDefaults, final int examples) throws InvalidSettingsException {
        try {
            double lr = m_learningRate.getDoubleValue();
            TrainingConfig c = FineTuner.defaultTraining(baseModel() == null, examples, automaticIfZero(m_batchSize),
                null, automaticIfZero(m_epochs));
            c = c.withLearningRate(lr > 0 ? lr : c.learningRate())
                .withMaxLength(m_maxLength.getIntValue())
                .withSeed(m_seed.getIntValue())
                .withLossScope(LossScope.parse(m_loss.getStringValue()))
                .withStopping(c.stopping().withMaxMinutes(m_maxMinutes.getDoubleValue()));
            int rank = m_loraRank.getIntValue();
            if (rank > 0) {
                Set<String> targets = loraTargets();
                LoraConfig lora = !targets.isEmpty()
                    ? new LoraConfig(rank, m_loraAlpha.getDoubleValue(), m_loraDropout.getDoubleValue(), targets)
                    : loraDefaults == null ? null
                        : loraDefaults.of(rank, m_loraAlpha.getDoubleValue(), m_loraDropout.getDoubleValue());
                c = c.withLora(lora);
            }
            return c.withPrivacy(privacy());
        } catch (HarmonicInputException e) {
            throw new InvalidSettingsException(e.getMessage(), e);
        }
    }

    /** An option's value, or null (automatic) when it is 0. */
    private static Integer automaticIfZero(final SettingsModelIntegerBounded option) {
        return option.getIntValue() > 0 ? option.getIntValue() : null;
    }

    /** The architecture's default LoRA targets (known once the base checkpoint's config is read). */
    interface LoraDefaults {
        LoraConfig of(int rank, double alpha, double dropout);
    }
}
