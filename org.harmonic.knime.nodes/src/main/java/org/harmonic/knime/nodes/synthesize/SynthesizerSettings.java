package org.harmonic.knime.nodes.synthesize;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.harmonic.core.api.Synthesis;
import org.harmonic.core.options.FitOptions;
import org.harmonic.core.options.OptionSpec.Front;
import org.harmonic.core.options.SynthesizeOptions;
import org.harmonic.core.util.HarmonicInputException;
import org.harmonic.knime.nodes.common.NodeOptions;
import org.harmonic.knime.nodes.common.SpecModels;
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
    static final String CFG_ROWS = SynthesizeOptions.ROWS.knime();
    static final String CFG_SEED = "seed";
    static final String CFG_TEMPERATURE = SynthesizeOptions.TEMPERATURE.knime();
    static final String CFG_TOP_K = SynthesizeOptions.TOP_K.knime();
    static final String CFG_TOP_P = SynthesizeOptions.TOP_P.knime();
    static final String CFG_CONDITIONS = SynthesizeOptions.CONDITIONS.knime();
    static final String CFG_BALANCE = SynthesizeOptions.BALANCE.knime();
    static final String CFG_UNIQUE = SynthesizeOptions.UNIQUE.knime();
    static final String CFG_BATCH_SIZE = SynthesizeOptions.BATCH.knime();
    static final String CFG_DEVICE = "device";
    static final String CFG_LABEL_SHARES = SynthesizeOptions.LABEL_SHARES.knime();
    static final String CFG_LABEL_TEMPERATURE = SynthesizeOptions.LABEL_TEMPERATURE.knime();
    static final String CFG_CATEGORY_TEMPERATURE = SynthesizeOptions.CATEGORY_TEMPERATURE.knime();
    static final String CFG_DECIMAL_TEMPERATURE = SynthesizeOptions.DECIMAL_TEMPERATURE.knime();
    static final String CFG_PREDICTOR_TEMPERATURE = SynthesizeOptions.PREDICTOR_TEMPERATURE.knime();
    static final String CFG_GUIDANCE = SynthesizeOptions.GUIDANCE.knime();
    static final String CFG_ROWS_PER_PROMPT = SynthesizeOptions.ROWS_PER_PROMPT.knime();
    static final String CFG_CHUNK_INDEX = SynthesizeOptions.CHUNK_INDEX.knime();
    static final String CFG_CHUNK_COUNT = SynthesizeOptions.CHUNK_COUNT.knime();
    static final List<String> LABEL_SHARES = SynthesizeOptions.LABEL_SHARE_VALUES;

    static final List<String> DEVICES = FitOptions.DEVICES;

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
    final SettingsModelDoubleBounded m_categoryTemperature = createCategoryTemperature();
    final SettingsModelDoubleBounded m_decimalTemperature = createDecimalTemperature();
    final SettingsModelDoubleBounded m_predictorTemperature = createPredictorTemperature();
    final SettingsModelDoubleBounded m_guidance = createGuidance();
    final SettingsModelIntegerBounded m_rowsPerPrompt = createRowsPerPrompt();
    final SettingsModelIntegerBounded m_chunkIndex = createChunkIndex();
    final SettingsModelIntegerBounded m_chunkCount = createChunkCount();

    static SettingsModelIntegerBounded createRows() {
        return SpecModels.integer(SynthesizeOptions.ROWS);
    }

    static SettingsModelInteger createSeed() {
        return new SettingsModelInteger(CFG_SEED, 416);
    }

    static SettingsModelDoubleBounded createTemperature() {
        return SpecModels.number(SynthesizeOptions.TEMPERATURE);
    }

    static SettingsModelIntegerBounded createTopK() {
        return SpecModels.integer(SynthesizeOptions.TOP_K);
    }

    static SettingsModelDoubleBounded createTopP() {
        return SpecModels.number(SynthesizeOptions.TOP_P);
    }

    static SettingsModelString createConditions() {
        return SpecModels.string(SynthesizeOptions.CONDITIONS);
    }

    static SettingsModelString createBalance() {
        return SpecModels.string(SynthesizeOptions.BALANCE);
    }

    static SettingsModelBoolean createUnique() {
        return SpecModels.bool(SynthesizeOptions.UNIQUE);
    }

    static SettingsModelIntegerBounded createBatchSize() {
        return SpecModels.integer(SynthesizeOptions.BATCH);
    }

    static SettingsModelDoubleBounded createLabelTemperature() {
        return SpecModels.number(SynthesizeOptions.LABEL_TEMPERATURE);
    }

    static SettingsModelDoubleBounded createCategoryTemperature() {
        return SpecModels.number(SynthesizeOptions.CATEGORY_TEMPERATURE);
    }

    static SettingsModelDoubleBounded createDecimalTemperature() {
        return SpecModels.number(SynthesizeOptions.DECIMAL_TEMPERATURE);
    }

    static SettingsModelDoubleBounded createPredictorTemperature() {
        return SpecModels.number(SynthesizeOptions.PREDICTOR_TEMPERATURE);
    }

    static SettingsModelDoubleBounded createGuidance() {
        return SpecModels.number(SynthesizeOptions.GUIDANCE);
    }

    static SettingsModelString createLabelShares() {
        return SpecModels.string(SynthesizeOptions.LABEL_SHARES);
    }

    static SettingsModelIntegerBounded createRowsPerPrompt() {
        return SpecModels.integer(SynthesizeOptions.ROWS_PER_PROMPT);
    }

    static SettingsModelIntegerBounded createChunkIndex() {
        return SpecModels.integer(SynthesizeOptions.CHUNK_INDEX);
    }

    static SettingsModelIntegerBounded createChunkCount() {
        return SpecModels.integer(SynthesizeOptions.CHUNK_COUNT);
    }

    static SettingsModelString createDevice() {
        return SpecModels.string(FitOptions.DEVICE);
    }

    @Override
    protected List<SettingsModel> all() {
        return List.of(m_rows, m_seed, m_temperature, m_topK, m_topP, m_conditions, m_balance, m_unique, m_batchSize,
            m_device, m_labelShares, m_labelTemperature, m_categoryTemperature, m_decimalTemperature,
            m_predictorTemperature, m_guidance, m_rowsPerPrompt, m_chunkIndex, m_chunkCount);
    }

    @Override
    protected Map<String, SettingsModel> addedLater() {
        // a workflow saved before these options existed loads with their defaults
        return Map.of(CFG_LABEL_SHARES, m_labelShares, CFG_LABEL_TEMPERATURE, m_labelTemperature,
            CFG_CATEGORY_TEMPERATURE, m_categoryTemperature, CFG_DECIMAL_TEMPERATURE, m_decimalTemperature,
            CFG_PREDICTOR_TEMPERATURE, m_predictorTemperature, CFG_GUIDANCE, m_guidance, CFG_ROWS_PER_PROMPT,
            m_rowsPerPrompt, CFG_CHUNK_INDEX, m_chunkIndex, CFG_CHUNK_COUNT, m_chunkCount);
    }

    @Override
    protected void check() throws InvalidSettingsException {
        checkedOptions();
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

    /** The fixed values as written: {@code column=value} entries separated by ';' or new lines. */
    private List<String> conditionTexts() {
        String text = m_conditions.getStringValue() == null ? "" : m_conditions.getStringValue();
        return Arrays.asList(text.split("[;\\n]"));
    }

    /** The options as the core's one model of them; 0 rows is "automatic" (the real table's count). */
    SynthesizeOptions options() {
        return new SynthesizeOptions(Front.KNIME, SpecModels.given(m_rows, SynthesizeOptions.ROWS),
            SpecModels.given(m_temperature, SynthesizeOptions.TEMPERATURE),
            m_topK.getIntValue(), m_topP.getDoubleValue(), conditionTexts(), m_balance.getStringValue(),
            m_unique.getBooleanValue(), null, m_labelShares.getStringValue(),
            SpecModels.given(m_labelTemperature, SynthesizeOptions.LABEL_TEMPERATURE),
            m_categoryTemperature.getDoubleValue(), m_decimalTemperature.getDoubleValue(),
            m_predictorTemperature.getDoubleValue(),
            SpecModels.given(m_guidance, SynthesizeOptions.GUIDANCE),
            m_batchSize.getIntValue(), SpecModels.given(m_rowsPerPrompt, SynthesizeOptions.ROWS_PER_PROMPT),
            m_chunkIndex.getIntValue(), m_chunkCount.getIntValue());
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

    /** The sampling seed. */
    long seed() {
        return m_seed.getIntValue();
    }

    /** The options, checked without a table; bad values fail with the option named. */
    SynthesizeOptions checkedOptions() throws InvalidSettingsException {
        try {
            Synthesis.check(options(), seed(), List.of());
            return options();
        } catch (HarmonicInputException e) {
            throw new InvalidSettingsException(e.getMessage(), e);
        }
    }


}
