package org.harmonic.knime.nodes.instructions;

import java.util.List;

import org.harmonic.core.neighbours.CategoricalEncoding;
import org.harmonic.core.knn.FilterMode;
import org.harmonic.core.knn.InstructionConfig;
import org.harmonic.core.knn.TaskType;
import org.harmonic.core.util.HarmonicInputException;
import org.harmonic.knime.nodes.common.NodeOptions;
import org.knime.core.data.DataTableSpec;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.defaultnodesettings.SettingsModel;
import org.knime.core.node.defaultnodesettings.SettingsModelBoolean;
import org.knime.core.node.defaultnodesettings.SettingsModelInteger;
import org.knime.core.node.defaultnodesettings.SettingsModelIntegerBounded;
import org.knime.core.node.defaultnodesettings.SettingsModelString;

/**
 * The KNN Instruction Builder's options, one SettingsModel each, shared by model and dialog. The
 * config keys are public API: flow variables and batch {@code -option=<node>,<key>,<value>,<type>}
 * overrides use them (docs/knime.md).
 */
final class KnnInstructionBuilderSettings extends NodeOptions {
    static final String CFG_TARGET = "target";
    static final String CFG_DESCRIPTION = "description";
    static final String CFG_TASK = "task";
    static final String CFG_PRESET = "preset";
    static final String CFG_K = "k";
    static final String CFG_FILTER = "filter";
    static final String CFG_ENCODING = "encoding";
    static final String CFG_PERMUTE = "permute";
    static final String CFG_SEED = "seed";
    static final String CFG_PROMPTS = "generation_prompts";

    static final String TASK_AUTO = "auto";
    static final List<String> TASKS = List.of(TASK_AUTO, TaskType.BINARY_CLASSIFICATION.promptText(),
        TaskType.MULTI_CLASSIFICATION.promptText(), TaskType.REGRESSION.promptText());
    static final List<String> PRESETS = List.of("default", "reference");
    static final String FILTER_PRESET = "preset";
    static final List<String> FILTERS = List.of(FILTER_PRESET, "reference", "majority", "none");
    static final List<String> ENCODINGS = List.of("label", "scaled", "one-hot");
    /** Upper bound of generation prompts, far above any table one machine handles in a node. */
    static final int MAX_PROMPTS = 10_000_000;

    final SettingsModelString m_target = createTarget();
    final SettingsModelString m_description = createDescription();
    final SettingsModelString m_task = createTask();
    final SettingsModelString m_preset = createPreset();
    final SettingsModelIntegerBounded m_k = createK();
    final SettingsModelString m_filter = createFilter();
    final SettingsModelString m_encoding = createEncoding();
    final SettingsModelBoolean m_permute = createPermute();
    final SettingsModelInteger m_seed = createSeed();
    final SettingsModelIntegerBounded m_prompts = createPrompts();

    static SettingsModelString createTarget() {
        return new SettingsModelString(CFG_TARGET, "");
    }

    static SettingsModelString createDescription() {
        return new SettingsModelString(CFG_DESCRIPTION, "");
    }

    static SettingsModelString createTask() {
        return new SettingsModelString(CFG_TASK, TASK_AUTO);
    }

    static SettingsModelString createPreset() {
        return new SettingsModelString(CFG_PRESET, "default");
    }

    static SettingsModelIntegerBounded createK() {
        return new SettingsModelIntegerBounded(CFG_K, InstructionConfig.DEFAULT_K, 1, 9);
    }

    static SettingsModelString createFilter() {
        return new SettingsModelString(CFG_FILTER, FILTER_PRESET);
    }

    static SettingsModelString createEncoding() {
        return new SettingsModelString(CFG_ENCODING, "label");
    }

    static SettingsModelBoolean createPermute() {
        return new SettingsModelBoolean(CFG_PERMUTE, false);
    }

    static SettingsModelInteger createSeed() {
        return new SettingsModelInteger(CFG_SEED, (int)InstructionConfig.DEFAULT_SEED);
    }

    static SettingsModelIntegerBounded createPrompts() {
        return new SettingsModelIntegerBounded(CFG_PROMPTS, 0, 0, MAX_PROMPTS);
    }

    @Override
    protected List<SettingsModel> all() {
        return List.of(m_target, m_description, m_task, m_preset, m_k, m_filter, m_encoding, m_permute, m_seed,
            m_prompts);
    }

    @Override
    protected void check() throws InvalidSettingsException {
        toConfig();
    }

    @Override
    protected NodeOptions fresh() {
        return new KnnInstructionBuilderSettings();
    }

    /** Fails unless the input table can feed the builder with these settings. */
    void checkInput(final DataTableSpec spec) throws InvalidSettingsException {
        String target = m_target.getStringValue();
        if (target == null || target.isEmpty()) {
            throw new InvalidSettingsException("No target column selected: open the dialog and choose the label "
                + "column the instructions should predict.");
        }
        if (!spec.containsName(target)) {
            throw new InvalidSettingsException("Target column '" + target + "' is not in the input table; "
                + "available columns: " + String.join(", ", spec.getColumnNames()));
        }
        if (spec.getNumColumns() < 2) {
            throw new InvalidSettingsException("The input table needs at least one column besides the target '"
                + target + "'.");
        }
    }

    /** The core builder's configuration; bad values fail with the option named. */
    InstructionConfig toConfig() throws InvalidSettingsException {
        String target = m_target.getStringValue();
        try {
            InstructionConfig config = InstructionConfig.of(InstructionConfig.Preset.parse(
                oneOf(CFG_PRESET, m_preset.getStringValue(), PRESETS)), target == null || target.isEmpty() ? "?"
                    : target)
                .withK(m_k.getIntValue())
                .withSeed(m_seed.getIntValue())
                .withPermute(m_permute.getBooleanValue())
                .withPromptCount(m_prompts.getIntValue());
            String description = m_description.getStringValue();
            if (description != null && !description.isBlank()) {
                config = config.withDescription(description.trim());
            }
            String task = oneOf(CFG_TASK, m_task.getStringValue(), TASKS);
            if (!TASK_AUTO.equals(task)) {
                config = config.withTask(TaskType.parse(task));
            }
            String filter = oneOf(CFG_FILTER, m_filter.getStringValue(), FILTERS);
            if (!FILTER_PRESET.equals(filter)) {
                config = config.withFilter(FilterMode.valueOf(filter.toUpperCase(java.util.Locale.ROOT)));
            }
            String encoding = oneOf(CFG_ENCODING, m_encoding.getStringValue(), ENCODINGS);
            return config.withEncoding(
                CategoricalEncoding.valueOf(encoding.replace('-', '_').toUpperCase(java.util.Locale.ROOT)));
        } catch (HarmonicInputException e) {
            throw new InvalidSettingsException(e.getMessage(), e);
        }
    }
}
