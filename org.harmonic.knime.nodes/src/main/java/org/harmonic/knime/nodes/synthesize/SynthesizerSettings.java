package org.harmonic.knime.nodes.synthesize;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.harmonic.core.lm.sampling.SamplingConfig;
import org.harmonic.core.synth.Chunk;
import org.harmonic.core.synth.Condition;
import org.harmonic.core.synth.LabelShares;
import org.harmonic.core.synth.SynthesisConfig;
import org.harmonic.core.util.HarmonicInputException;
import org.harmonic.knime.nodes.common.NodeOptions;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.defaultnodesettings.SettingsModel;
import org.knime.core.node.defaultnodesettings.SettingsModelBoolean;
import org.knime.core.node.defaultnodesettings.SettingsModelDoubleBounded;
import org.knime.core.node.defaultnodesettings.SettingsModelInteger;
import org.knime.core.node.defaultnodesettings.SettingsModelIntegerBounded;
import org.knime.core.node.defaultnodesettings.SettingsModelString;

/**
 * The Synthesizer's options, one SettingsModel each, shared by model and dialog. The config keys
 * are public API (flow variables, batch {@code -option}; docs/knime.md).
 */
final class SynthesizerSettings extends NodeOptions {
    static final String CFG_ROWS = "rows";
    static final String CFG_SEED = "seed";
    static final String CFG_TEMPERATURE = "temperature";
    static final String CFG_TOP_K = "top_k";
    static final String CFG_TOP_P = "top_p";
    static final String CFG_CONDITIONS = "conditions";
    static final String CFG_BALANCE = "balance";
    static final String CFG_UNIQUE = "unique";
    static final String CFG_BATCH_SIZE = "batch_size";
    static final String CFG_DEVICE = "device";
    static final String CFG_LABEL_SHARES = "label_shares";
    static final String CFG_LABEL_TEMPERATURE = "label_temperature";
    static final String CFG_CHUNK_INDEX = "chunk_index";
    static final String CFG_CHUNK_COUNT = "chunk_count";
    /** Most parts a job may be split into (KNIME's Parallel Chunk loop, Hub executors). */
    static final int MAX_CHUNKS = 100_000;

    static final List<String> LABEL_SHARES = List.of(LabelShares.REAL.optionValue(), LabelShares.MODEL.optionValue());

    static final List<String> DEVICES = List.of("cpu", "gpu");
    /** Upper bound of rows per run; larger tables come from chunk loops. */
    static final int MAX_ROWS = 10_000_000;

    final SettingsModelIntegerBounded m_rows = createRows();
    final SettingsModelInteger m_seed = createSeed();
    final SettingsModelDoubleBounded m_temperature = createTemperature();
    final SettingsModelIntegerBounded m_topK = createTopK();
    final SettingsModelDoubleBounded m_topP = createTopP();
    final SettingsModelString m_conditions = createConditions();
    final SettingsModelString m_balance = createBalance();
    final SettingsModelBoolean m_unique = createUnique();
    final SettingsModelIntegerBounded m_batchSize = createBatchSize();
    final SettingsModelString m_device = createDevice();
    final SettingsModelString m_labelShares = createLabelShares();
    final SettingsModelDoubleBounded m_labelTemperature = createLabelTemperature();
    final SettingsModelIntegerBounded m_chunkIndex = createChunkIndex();
    final SettingsModelIntegerBounded m_chunkCount = createChunkCount();

    static SettingsModelIntegerBounded createRows() {
        return new SettingsModelIntegerBounded(CFG_ROWS, 100, 0, MAX_ROWS);
    }

    static SettingsModelInteger createSeed() {
        return new SettingsModelInteger(CFG_SEED, 416);
    }

    static SettingsModelDoubleBounded createTemperature() {
        return new SettingsModelDoubleBounded(CFG_TEMPERATURE, SamplingConfig.defaults().temperature(), 0, 100);
    }

    static SettingsModelIntegerBounded createTopK() {
        return new SettingsModelIntegerBounded(CFG_TOP_K, SamplingConfig.defaults().topK(), 0, Integer.MAX_VALUE);
    }

    static SettingsModelDoubleBounded createTopP() {
        return new SettingsModelDoubleBounded(CFG_TOP_P, SamplingConfig.defaults().topP(), 1e-6, 1);
    }

    static SettingsModelString createConditions() {
        return new SettingsModelString(CFG_CONDITIONS, "");
    }

    static SettingsModelString createBalance() {
        return new SettingsModelString(CFG_BALANCE, "");
    }

    static SettingsModelBoolean createUnique() {
        return new SettingsModelBoolean(CFG_UNIQUE, false);
    }

    static SettingsModelIntegerBounded createBatchSize() {
        return new SettingsModelIntegerBounded(CFG_BATCH_SIZE, SynthesisConfig.of(1, 0).batchSize(), 1, 4096);
    }

    static SettingsModelDoubleBounded createLabelTemperature() {
        return new SettingsModelDoubleBounded(CFG_LABEL_TEMPERATURE, SynthesisConfig.DEFAULT_LABEL_TEMPERATURE, 0, 100);
    }

    static SettingsModelString createLabelShares() {
        return new SettingsModelString(CFG_LABEL_SHARES, SynthesisConfig.DEFAULT_LABEL_SHARES.optionValue());
    }

    static SettingsModelIntegerBounded createChunkIndex() {
        return new SettingsModelIntegerBounded(CFG_CHUNK_INDEX, Chunk.WHOLE.index(), 0, MAX_CHUNKS - 1);
    }

    static SettingsModelIntegerBounded createChunkCount() {
        return new SettingsModelIntegerBounded(CFG_CHUNK_COUNT, Chunk.WHOLE.count(), 1, MAX_CHUNKS);
    }

    static SettingsModelString createDevice() {
        return new SettingsModelString(CFG_DEVICE, "cpu");
    }

    @Override
    protected List<SettingsModel> all() {
        return List.of(m_rows, m_seed, m_temperature, m_topK, m_topP, m_conditions, m_balance, m_unique, m_batchSize,
            m_device, m_labelShares, m_labelTemperature, m_chunkIndex, m_chunkCount);
    }

    @Override
    protected Map<String, SettingsModel> addedLater() {
        // a workflow saved before these options existed loads with their defaults
        return Map.of(CFG_LABEL_SHARES, m_labelShares, CFG_LABEL_TEMPERATURE, m_labelTemperature,
            CFG_CHUNK_INDEX, m_chunkIndex, CFG_CHUNK_COUNT, m_chunkCount);
    }

    @Override
    protected void check() throws InvalidSettingsException {
        toConfig();
        device();
    }

    @Override
    protected NodeOptions fresh() {
        return new SynthesizerSettings();
    }

    /** The balanced column, or null for none. */
    String balance() {
        String b = m_balance.getStringValue();
        return b == null || b.isBlank() ? null : b.trim();
    }

    /** The fixed values: {@code column=value} entries separated by ';' or new lines. */
    List<Condition> conditions() throws InvalidSettingsException {
        List<Condition> out = new ArrayList<>();
        String text = m_conditions.getStringValue() == null ? "" : m_conditions.getStringValue();
        for (String part : text.split("[;\\n]")) {
            if (!part.isBlank()) {
                try {
                    out.add(Condition.parse(part.trim()));
                } catch (HarmonicInputException e) {
                    throw new InvalidSettingsException("Option '" + CFG_CONDITIONS + "': " + e.getMessage()
                        + "; separate several with ';'", e);
                }
            }
        }
        return out;
    }

    String device() throws InvalidSettingsException {
        String v = m_device.getStringValue() == null ? "" : m_device.getStringValue().trim();
        for (String d : DEVICES) {
            if (d.equalsIgnoreCase(v)) {
                return d;
            }
        }
        throw new InvalidSettingsException("Option '" + CFG_DEVICE + "' is '" + m_device.getStringValue()
            + "'; use one of " + String.join(", ", DEVICES));
    }

    /** The core configuration; bad values fail with the option named. */
    SynthesisConfig toConfig() throws InvalidSettingsException {
        int rows = m_rows.getIntValue();
        if (rows == 0 && balance() == null) {
            throw new InvalidSettingsException("Rows is 0: give the number of synthetic rows, or choose a column to "
                + "balance (then 0 fills every class up to the majority class's count).");
        }
        try {
            // the canonical constructor: with a balance column, 0 rows is valid ("fill up"), which of() rejects
            SynthesisConfig defaults = SynthesisConfig.of(1, 0);
            return new SynthesisConfig(rows, m_seed.getIntValue(),
                new SamplingConfig(m_temperature.getDoubleValue(), m_topK.getIntValue(), m_topP.getDoubleValue(),
                    SamplingConfig.defaults().maxNewTokens()),
                defaults.rangeMargin(), m_unique.getBooleanValue(), conditions(), balance(), m_batchSize.getIntValue(),
                defaults.minAcceptance(),
                LabelShares.parse(oneOf(CFG_LABEL_SHARES, m_labelShares.getStringValue(), LABEL_SHARES)),
                m_labelTemperature.getDoubleValue(), new Chunk(m_chunkIndex.getIntValue(), m_chunkCount.getIntValue()));
        } catch (HarmonicInputException e) {
            throw new InvalidSettingsException(e.getMessage(), e);
        }
    }
}
