package org.harmonic.knime.nodes.dlt;

import java.util.ArrayList;
import java.util.List;

import org.harmonic.core.lm.Perplexity;
import org.harmonic.core.metrics.lm.DataLeakageTest;
import org.harmonic.core.metrics.EvaluationConfig;
import org.harmonic.core.util.HarmonicInputException;
import org.harmonic.knime.nodes.common.NodeOptions;
import org.knime.core.data.DataTableSpec;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.defaultnodesettings.SettingsModel;
import org.knime.core.node.defaultnodesettings.SettingsModelInteger;
import org.knime.core.node.defaultnodesettings.SettingsModelIntegerBounded;
import org.knime.core.node.defaultnodesettings.SettingsModelString;

/**
 * The DLT node's options, one SettingsModel each, shared by model and dialog. The config keys are
 * public API (flow variables, batch {@code -option}; docs/knime.md).
 */
final class DataLeakageTestSettings extends NodeOptions {
    static final String CFG_PERPLEXITY = "perplexity";
    static final String CFG_MAX_ROWS = "max_rows";
    static final String CFG_BATCH_SIZE = "batch_size";
    static final String CFG_SEED = "seed";
    static final String CFG_DEVICE = "device";

    static final String PERPLEXITY_EXP = "exp";
    static final String PERPLEXITY_REFERENCE = "reference";
    static final List<String> PERPLEXITIES = List.of(PERPLEXITY_EXP, PERPLEXITY_REFERENCE);
    static final List<String> DEVICES = List.of("cpu", "gpu");

    final SettingsModelString m_perplexity = createPerplexity();
    final SettingsModelIntegerBounded m_maxRows = createMaxRows();
    final SettingsModelIntegerBounded m_batchSize = createBatchSize();
    final SettingsModelInteger m_seed = createSeed();
    final SettingsModelString m_device = createDevice();

    static SettingsModelString createPerplexity() {
        return new SettingsModelString(CFG_PERPLEXITY, PERPLEXITY_EXP);
    }

    static SettingsModelIntegerBounded createMaxRows() {
        return new SettingsModelIntegerBounded(CFG_MAX_ROWS, DataLeakageTest.Settings.defaults().maxRows(), 0,
            Integer.MAX_VALUE);
    }

    static SettingsModelIntegerBounded createBatchSize() {
        return new SettingsModelIntegerBounded(CFG_BATCH_SIZE, DataLeakageTest.Settings.defaults().batchSize(), 1,
            4096);
    }

    static SettingsModelInteger createSeed() {
        return new SettingsModelInteger(CFG_SEED, (int)EvaluationConfig.defaults().seed());
    }

    static SettingsModelString createDevice() {
        return new SettingsModelString(CFG_DEVICE, "cpu");
    }

    @Override
    protected List<SettingsModel> all() {
        return List.of(m_perplexity, m_maxRows, m_batchSize, m_seed, m_device);
    }

    @Override
    protected void check() throws InvalidSettingsException {
        toSettings();
        device();
    }

    @Override
    protected NodeOptions fresh() {
        return new DataLeakageTestSettings();
    }

    /** The evaluation seed (seeds the row subsamples). */
    long seed() {
        return m_seed.getIntValue();
    }

    String device() throws InvalidSettingsException {
        return oneOf(CFG_DEVICE, m_device.getStringValue(), DEVICES);
    }

    /** The core's DLT settings; bad values fail with the option named. */
    DataLeakageTest.Settings toSettings() throws InvalidSettingsException {
        Perplexity.Base base = PERPLEXITY_EXP.equals(oneOf(CFG_PERPLEXITY, m_perplexity.getStringValue(),
            PERPLEXITIES)) ? Perplexity.Base.E : Perplexity.Base.REFERENCE_BASE2;
        try {
            return new DataLeakageTest.Settings(base, m_maxRows.getIntValue(), m_batchSize.getIntValue());
        } catch (HarmonicInputException e) {
            throw new InvalidSettingsException(e.getMessage(), e);
        }
    }

    /**
     * Fails unless {@code table} has every one of the generator's columns, naming the first one
     * missing. Other columns are allowed: DLT scores the generator's columns only.
     */
    static void requireColumns(final List<String> generatorColumns, final DataTableSpec table, final String which)
            throws InvalidSettingsException {
        if (table == null || generatorColumns.isEmpty()) {
            return;
        }
        List<String> missing = new ArrayList<>();
        for (String name : generatorColumns) {
            if (!table.containsName(name)) {
                missing.add(name);
            }
        }
        if (!missing.isEmpty()) {
            throw new InvalidSettingsException("The " + which + " table has no column '" + missing.get(0) + "'"
                + (missing.size() > 1 ? " (nor " + String.join(", ", missing.subList(1, missing.size())) + ")" : "")
                + ", which the generator was trained on; connect the " + which + " table of this generator (its "
                + "columns: " + String.join(", ", generatorColumns) + ").");
        }
    }
}
