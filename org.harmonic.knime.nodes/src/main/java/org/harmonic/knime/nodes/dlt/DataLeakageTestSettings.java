package org.harmonic.knime.nodes.dlt;

import java.util.List;

import org.harmonic.core.api.Dlt;
import org.harmonic.core.options.EvaluateOptions;
import org.harmonic.core.options.OptionSpec.Front;
import org.harmonic.core.util.HarmonicInputException;
import org.harmonic.knime.nodes.common.NodeOptions;
import org.harmonic.knime.nodes.common.SpecModels;
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

    static final List<String> PERPLEXITIES = EvaluateOptions.PERPLEXITIES;
    static final List<String> DEVICES = EvaluateOptions.DEVICES;

    final SettingsModelString m_perplexity = createPerplexity();
    final SettingsModelIntegerBounded m_maxRows = createMaxRows();
    final SettingsModelIntegerBounded m_batchSize = createBatchSize();
    final SettingsModelInteger m_seed = createSeed();
    final SettingsModelString m_device = createDevice();

    static SettingsModelString createPerplexity() {
        return SpecModels.string(EvaluateOptions.DLT_PERPLEXITY);
    }

    static SettingsModelIntegerBounded createMaxRows() {
        return SpecModels.integer(EvaluateOptions.DLT_MAX_ROWS);
    }

    static SettingsModelIntegerBounded createBatchSize() {
        return SpecModels.integer(EvaluateOptions.DLT_BATCH);
    }

    static SettingsModelInteger createSeed() {
        return SpecModels.unboundedInteger(EvaluateOptions.SEED);
    }

    static SettingsModelString createDevice() {
        return SpecModels.string(EvaluateOptions.DEVICE);
    }

    @Override
    protected List<SettingsModel> all() {
        return List.of(m_perplexity, m_maxRows, m_batchSize, m_seed, m_device);
    }

    @Override
    protected void check() throws InvalidSettingsException {
        checkedOptions();
    }

    @Override
    protected NodeOptions fresh() {
        return new DataLeakageTestSettings();
    }

    /** The evaluation seed (seeds the row subsamples). */
    long seed() {
        return m_seed.getIntValue();
    }

    /** The settings as the core's options. */
    private EvaluateOptions options() {
        return new EvaluateOptions(Front.KNIME, null, (long)m_seed.getIntValue(), null, null, null, null, null,
            m_device.getStringValue(), m_perplexity.getStringValue(), m_maxRows.getIntValue(), m_batchSize.getIntValue(),
            null, null, null, null, null, null, null, null);
    }

    String device() throws InvalidSettingsException {
        try {
            return options().deviceValue();
        } catch (HarmonicInputException e) {
            throw new InvalidSettingsException(e.getMessage(), e);
        }
    }

    /** The options, checked (the device too); bad values fail with the option named. */
    EvaluateOptions checkedOptions() throws InvalidSettingsException {
        try {
            Dlt.check(options());
            return options();
        } catch (HarmonicInputException e) {
            throw new InvalidSettingsException(e.getMessage(), e);
        }
    }

    /**
     * Fails unless {@code table} has every one of the generator's columns ({@link Dlt#requireColumns}); passes
     * while the table's spec is not known.
     */
    static void requireColumns(final List<String> generatorColumns, final DataTableSpec table, final String which)
            throws InvalidSettingsException {
        if (table == null) {
            return;
        }
        try {
            Dlt.requireColumns(generatorColumns, List.of(table.getColumnNames()), which);
        } catch (HarmonicInputException e) {
            throw new InvalidSettingsException(e.getMessage(), e);
        }
    }
}
