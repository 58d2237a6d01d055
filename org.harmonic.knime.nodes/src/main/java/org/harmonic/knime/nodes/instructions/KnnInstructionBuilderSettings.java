package org.harmonic.knime.nodes.instructions;

import java.util.List;

import org.harmonic.core.api.KnnInstructions;
import org.harmonic.core.options.InstructionsOptions;
import org.harmonic.core.options.OptionSpec.Front;
import org.harmonic.core.util.HarmonicInputException;
import org.harmonic.knime.nodes.common.NodeOptions;
import org.harmonic.knime.nodes.common.SpecModels;
import org.knime.core.data.DataTableSpec;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.defaultnodesettings.SettingsModel;
import org.knime.core.node.defaultnodesettings.SettingsModelBoolean;
import org.knime.core.node.defaultnodesettings.SettingsModelInteger;
import org.knime.core.node.defaultnodesettings.SettingsModelIntegerBounded;
import org.knime.core.node.defaultnodesettings.SettingsModelString;

/**
 * The KNN Instruction Builder's options, one SettingsModel each, shared by model and dialog. Keys,
 * defaults and bounds come from the core's {@link InstructionsOptions#SPECS} (as {@code harmonic
 * instructions} has them); the config keys are public API: flow variables and batch
 * {@code -option=<node>,<key>,<value>,<type>} overrides use them (docs/knime.md).
 */
final class KnnInstructionBuilderSettings extends NodeOptions {
    static final List<String> TASKS = InstructionsOptions.TASKS;
    static final List<String> PRESETS = InstructionsOptions.PRESETS;
    static final List<String> FILTERS = InstructionsOptions.FILTERS;
    static final List<String> ENCODINGS = InstructionsOptions.ENCODINGS;

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
        return SpecModels.string(InstructionsOptions.TARGET);
    }

    static SettingsModelString createDescription() {
        return SpecModels.string(InstructionsOptions.DESCRIPTION);
    }

    static SettingsModelString createTask() {
        return SpecModels.string(InstructionsOptions.TASK);
    }

    static SettingsModelString createPreset() {
        return SpecModels.string(InstructionsOptions.PRESET);
    }

    static SettingsModelIntegerBounded createK() {
        return SpecModels.integer(InstructionsOptions.K);
    }

    static SettingsModelString createFilter() {
        return SpecModels.string(InstructionsOptions.FILTER);
    }

    static SettingsModelString createEncoding() {
        return SpecModels.string(InstructionsOptions.ENCODING);
    }

    static SettingsModelBoolean createPermute() {
        return SpecModels.bool(InstructionsOptions.PERMUTE);
    }

    static SettingsModelInteger createSeed() {
        return SpecModels.unboundedInteger(InstructionsOptions.SEED);
    }

    static SettingsModelIntegerBounded createPrompts() {
        return SpecModels.integer(InstructionsOptions.GENERATION_PROMPTS);
    }

    @Override
    protected List<SettingsModel> all() {
        return List.of(m_target, m_description, m_task, m_preset, m_k, m_filter, m_encoding, m_permute, m_seed,
            m_prompts);
    }

    @Override
    protected void check() throws InvalidSettingsException {
        checkedOptions();
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

    /** The settings as the core's options ("?" stands for a target not chosen yet: checked on the input). */
    InstructionsOptions options() {
        String target = m_target.getStringValue();
        return new InstructionsOptions(Front.KNIME, target == null || target.isEmpty() ? "?" : target,
            m_description.getStringValue(), m_task.getStringValue(), m_preset.getStringValue(), m_k.getIntValue(),
            m_filter.getStringValue(), m_encoding.getStringValue(), null, m_permute.getBooleanValue(),
            (long)m_seed.getIntValue(), m_prompts.getIntValue());
    }

    /** The options, checked; bad values fail with the option named. */
    InstructionsOptions checkedOptions() throws InvalidSettingsException {
        try {
            // KNIME tables carry no file name: an empty description is "a table", as the builder says
            KnnInstructions.check(options());
            return options();
        } catch (HarmonicInputException e) {
            throw new InvalidSettingsException(e.getMessage(), e);
        }
    }
}
