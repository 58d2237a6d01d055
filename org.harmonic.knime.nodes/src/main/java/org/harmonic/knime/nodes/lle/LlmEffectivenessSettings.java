package org.harmonic.knime.nodes.lle;

import java.util.List;
import java.util.Map;

import org.harmonic.core.generator.DefaultGenerator;
import org.harmonic.core.metrics.EvaluationConfig;
import org.harmonic.core.metrics.lm.LlmEffectiveness;
import org.harmonic.core.table.ColumnType;
import org.harmonic.core.util.HarmonicInputException;
import org.harmonic.knime.nodes.common.NodeOptions;
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
    static final String CFG_TARGET = "target";
    static final String CFG_EPOCHS = "epochs";
    static final String CFG_MODEL_SIZE = "model_size";
    static final String CFG_LABEL_WORDS = "label_words";
    static final String CFG_MAX_TRAIN_ROWS = "max_train_rows";
    static final String CFG_MAX_TEST_ROWS = "max_test_rows";
    static final String CFG_SEED = "seed";
    static final String CFG_DEVICE = "device";
    static final String CFG_DECISION = "decision";

    static final String SIZE_STANDARD = "standard";
    static final String SIZE_TINY = "tiny";
    static final List<String> SIZES = List.of(SIZE_STANDARD, SIZE_TINY);
    static final List<String> DEVICES = List.of("cpu", "gpu");
    static final List<String> DECISIONS = java.util.Arrays.stream(LlmEffectiveness.Decision.values())
        .map(LlmEffectiveness.Decision::id).toList();

    /** Names of the three inputs in messages, in port order. */
    static final List<String> TABLES = List.of("real training", "synthetic", "real test");

    final SettingsModelString m_target = createTarget();
    // not bounded: a bounded model would reject 0 with a generic range message; toSettings says how to fix it
    final SettingsModelInteger m_epochs = createEpochs();
    final SettingsModelString m_modelSize = createModelSize();
    final SettingsModelString m_labelWords = createLabelWords();
    final SettingsModelIntegerBounded m_maxTrainRows = createMaxTrainRows();
    final SettingsModelIntegerBounded m_maxTestRows = createMaxTestRows();
    final SettingsModelInteger m_seed = createSeed();
    final SettingsModelString m_device = createDevice();
    final SettingsModelString m_decision = createDecision();

    static SettingsModelString createTarget() {
        return new SettingsModelString(CFG_TARGET, "");
    }

    static SettingsModelInteger createEpochs() {
        return new SettingsModelInteger(CFG_EPOCHS, LlmEffectiveness.Settings.defaults().training().epochs());
    }

    static SettingsModelString createModelSize() {
        return new SettingsModelString(CFG_MODEL_SIZE, SIZE_STANDARD);
    }

    static SettingsModelString createLabelWords() {
        return new SettingsModelString(CFG_LABEL_WORDS, "");
    }

    static SettingsModelIntegerBounded createMaxTrainRows() {
        return new SettingsModelIntegerBounded(CFG_MAX_TRAIN_ROWS, LlmEffectiveness.Settings.defaults().maxTrainRows(),
            0, Integer.MAX_VALUE);
    }

    static SettingsModelIntegerBounded createMaxTestRows() {
        return new SettingsModelIntegerBounded(CFG_MAX_TEST_ROWS, LlmEffectiveness.Settings.defaults().maxTestRows(),
            0, Integer.MAX_VALUE);
    }

    static SettingsModelInteger createSeed() {
        return new SettingsModelInteger(CFG_SEED, (int)EvaluationConfig.defaults().seed());
    }

    static SettingsModelString createDevice() {
        return new SettingsModelString(CFG_DEVICE, "cpu");
    }

    /** How predictions are read from the label words' likelihoods (core: LlmEffectiveness.Decision). */
    static SettingsModelString createDecision() {
        return new SettingsModelString(CFG_DECISION, LlmEffectiveness.Settings.defaults().decision().id());
    }

    @Override
    protected List<SettingsModel> all() {
        return List.of(m_target, m_epochs, m_modelSize, m_labelWords, m_maxTrainRows, m_maxTestRows, m_seed,
            m_device, m_decision);
    }

    @Override
    protected void check() throws InvalidSettingsException {
        toSettings();
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
                + "column (option '" + CFG_TARGET + "'), e.g. the class the classifier should predict.");
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

    /** The core's LLE settings; bad values fail with the option named and the fix. */
    LlmEffectiveness.Settings toSettings() throws InvalidSettingsException {
        int epochs = m_epochs.getIntValue();
        if (epochs < 1) {
            throw new InvalidSettingsException("Option '" + CFG_EPOCHS + "' is " + epochs + "; the classifier needs at "
                + "least 1 fine-tuning epoch (the default is " + createEpochs().getIntValue() + ").");
        }
        String size = oneOf(CFG_MODEL_SIZE, m_modelSize.getStringValue(), SIZES);
        String device = oneOf(CFG_DEVICE, m_device.getStringValue(), DEVICES);
        LlmEffectiveness.Decision decision =
            LlmEffectiveness.Decision.parse(oneOf(CFG_DECISION, m_decision.getStringValue(), DECISIONS));
        Map<String, String> words;
        try {
            words = LlmEffectiveness.parseLabelWords(m_labelWords.getStringValue() == null ? ""
                : m_labelWords.getStringValue());
        } catch (HarmonicInputException e) {
            throw new InvalidSettingsException("Option '" + CFG_LABEL_WORDS + "': " + e.getMessage()
                + "; or leave it empty to use the label values themselves.", e);
        }
        try {
            LlmEffectiveness.Settings s = LlmEffectiveness.Settings.defaults();
            return s.withSize(SIZE_TINY.equals(size) ? DefaultGenerator.Size.tiny() : DefaultGenerator.Size.standard())
                .withTraining(s.training().withEpochs(epochs)).withLabelWords(words).withDevice(device)
                .withMaxTrainRows(m_maxTrainRows.getIntValue()).withMaxTestRows(m_maxTestRows.getIntValue()).withDecision(decision);
        } catch (HarmonicInputException e) {
            throw new InvalidSettingsException(e.getMessage(), e);
        }
    }
}
