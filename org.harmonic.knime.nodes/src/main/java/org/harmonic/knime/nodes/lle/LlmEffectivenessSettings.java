package org.harmonic.knime.nodes.lle;

import java.util.List;

import org.harmonic.core.api.Lle;
import org.harmonic.core.options.EvaluateOptions;
import org.harmonic.core.options.OptionSpec.Front;
import org.harmonic.core.table.ColumnType;
import org.harmonic.core.util.HarmonicInputException;
import org.harmonic.knime.nodes.common.NodeOptions;
import org.harmonic.knime.nodes.common.SpecModels;
import org.harmonic.knime.nodes.table.KnimeTables;
import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataTableSpec;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.defaultnodesettings.SettingsModel;
import org.knime.core.node.defaultnodesettings.SettingsModelInteger;
import org.knime.core.node.defaultnodesettings.SettingsModelIntegerBounded;
import org.knime.core.node.defaultnodesettings.SettingsModelString;

/**
 * The LLE node's options, one SettingsModel each, shared by model and dialog. The config keys are
 * public API (flow variables, batch {@code -option}; docs/knime.md).
 */
final class LlmEffectivenessSettings extends NodeOptions {

    static final List<String> SIZES = EvaluateOptions.LLE_SIZES;
    static final List<String> DEVICES = EvaluateOptions.DEVICES;
    static final List<String> DECISIONS = EvaluateOptions.LLE_DECISIONS;

    /** Names of the three inputs in messages, in port order. */
    static final List<String> TABLES = List.of("real training", "synthetic", "real test");

    final SettingsModelString m_target = createTarget();
    // not bounded: a bounded model would reject 0 with a generic range message; the core says how to fix it
    final SettingsModelInteger m_epochs = createEpochs();
    final SettingsModelString m_modelSize = createModelSize();
    final SettingsModelString m_labelWords = createLabelWords();
    final SettingsModelIntegerBounded m_maxTrainRows = createMaxTrainRows();
    final SettingsModelIntegerBounded m_maxTestRows = createMaxTestRows();
    final SettingsModelInteger m_seed = createSeed();
    final SettingsModelString m_device = createDevice();
    final SettingsModelString m_decision = createDecision();

    static SettingsModelString createTarget() {
        return SpecModels.string(EvaluateOptions.TARGET);
    }

    static SettingsModelInteger createEpochs() {
        return SpecModels.unboundedInteger(EvaluateOptions.LLE_EPOCHS); // unbounded: the core's message explains a bad value
    }

    static SettingsModelString createModelSize() {
        return SpecModels.string(EvaluateOptions.LLE_SIZE);
    }

    static SettingsModelString createLabelWords() {
        return SpecModels.string(EvaluateOptions.LLE_LABELS);
    }

    static SettingsModelIntegerBounded createMaxTrainRows() {
        return SpecModels.integer(EvaluateOptions.LLE_MAX_TRAIN_ROWS);
    }

    static SettingsModelIntegerBounded createMaxTestRows() {
        return SpecModels.integer(EvaluateOptions.LLE_MAX_TEST_ROWS);
    }

    static SettingsModelInteger createSeed() {
        return SpecModels.unboundedInteger(EvaluateOptions.SEED);
    }

    static SettingsModelString createDevice() {
        return SpecModels.string(EvaluateOptions.DEVICE);
    }

    /** How predictions are read from the label words' likelihoods (core: LlmEffectiveness.Decision). */
    static SettingsModelString createDecision() {
        return SpecModels.string(EvaluateOptions.LLE_DECISION);
    }

    @Override
    protected List<SettingsModel> all() {
        return List.of(m_target, m_epochs, m_modelSize, m_labelWords, m_maxTrainRows, m_maxTestRows, m_seed,
            m_device, m_decision);
    }

    @Override
    protected void check() throws InvalidSettingsException {
        checkedOptions();
    }

    @Override
    protected NodeOptions fresh() {
        return new LlmEffectivenessSettings();
    }

    /**
     * Fails unless a target is chosen that is a class column of every table, and the three tables
     * have the same columns (any order), naming the column at fault. Null specs (not connected
     * yet) are skipped.
     */
    String checkInput(final DataTableSpec real, final DataTableSpec synthetic, final DataTableSpec test)
            throws InvalidSettingsException {
        String target = m_target.getStringValue();
        if (target == null || target.isEmpty()) {
            throw new InvalidSettingsException("No target column selected: open the dialog and choose the label "
                + "column (option '" + EvaluateOptions.TARGET.knime() + "'), e.g. the class the classifier should predict.");
        }
        DataTableSpec[] specs = {real, synthetic, test};
        for (int i = 0; i < specs.length; i++) {
            if (specs[i] != null && !specs[i].containsName(target)) {
                throw new InvalidSettingsException("Target column '" + target + "' is not in the " + TABLES.get(i)
                    + " table; choose a column every input has, or rename it (columns: "
                    + String.join(", ", specs[i].getColumnNames()) + ").");
            }
        }
        if (real != null) {
            DataColumnSpec column = real.getColumnSpec(target);
            if (KnimeTables.columnType(column.getType()) == ColumnType.NUMERIC) {
                throw new InvalidSettingsException("Target column '" + target + "' holds real numbers (" + column
                    .getType() + "); LLE fine-tunes a classifier and needs a class column (string, integer or "
                    + "boolean). Choose another target, or convert it (e.g. Number to String).");
            }
        }
        sameColumns(real, synthetic, TABLES.get(1));
        sameColumns(real, test, TABLES.get(2));
        sameColumns(synthetic, test, TABLES.get(2));
        return target;
    }

    private static void sameColumns(final DataTableSpec reference, final DataTableSpec other, final String which)
            throws InvalidSettingsException {
        if (reference == null || other == null) {
            return;
        }
        for (String name : reference.getColumnNames()) {
            if (!other.containsName(name)) {
                throw new InvalidSettingsException("The " + which + " table has no column '" + name + "', which the "
                    + "other inputs have; LLE needs the same columns in all three tables. Filter the tables to the "
                    + "same columns (order may differ).");
            }
        }
        for (String name : other.getColumnNames()) {
            if (!reference.containsName(name)) {
                throw new InvalidSettingsException("The " + which + " table has an extra column '" + name + "'; LLE "
                    + "needs the same columns in all three tables. Remove it (Column Filter) or add it to the "
                    + "other inputs.");
            }
        }
    }

    /** The evaluation seed (LLE's fine-tuning and subsampling seed). */
    long seed() {
        return m_seed.getIntValue();
    }

    /** The options, checked; bad values fail with the option named and the fix. */
    EvaluateOptions checkedOptions() throws InvalidSettingsException {
        try {
            EvaluateOptions options = new EvaluateOptions(Front.KNIME, null, (long)m_seed.getIntValue(), null, null, null, null, null,
                m_device.getStringValue(), null, null, null, m_labelWords.getStringValue(), null, null,
                m_epochs.getIntValue(), m_modelSize.getStringValue(), m_maxTrainRows.getIntValue(),
                m_maxTestRows.getIntValue(), m_decision.getStringValue());
            Lle.check(options);
            return options;
        } catch (HarmonicInputException e) {
            throw new InvalidSettingsException(e.getMessage(), e);
        }
    }
}
