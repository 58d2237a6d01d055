package org.knime.core.node.defaultnodesettings;

import org.knime.core.node.InvalidSettingsException;

/** A int setting within [min, max]. */
public class SettingsModelIntegerBounded extends SettingsModelInteger {
    private final int m_minValue;
    private final int m_maxValue;

    public SettingsModelIntegerBounded(final String configName, final int defaultValue, final int minValue,
            final int maxValue) {
        super(configName, defaultValue);
        if (minValue > maxValue) {
            throw new IllegalArgumentException("Specified min value must be smaller than the max value.");
        }
        if (defaultValue < minValue || defaultValue > maxValue) {
            throw new IllegalArgumentException("InitialValue (" + defaultValue
                + ") must be within the specified bounds [" + minValue + ", " + maxValue + "]");
        }
        m_minValue = minValue;
        m_maxValue = maxValue;
    }

    public int getLowerBound() {
        return m_minValue;
    }

    public int getUpperBound() {
        return m_maxValue;
    }

    @Override
    public void setIntValue(final int newValue) {
        if (newValue < m_minValue || newValue > m_maxValue) {
            throw new IllegalArgumentException("value (=" + newValue + ") must be within the range ["
                + m_minValue + "..." + m_maxValue + "].");
        }
        super.setIntValue(newValue);
    }

    @Override
    protected void validateValue(final int value) throws InvalidSettingsException {
        super.validateValue(value);
        if (value < m_minValue || value > m_maxValue) {
            throw new InvalidSettingsException("value (=" + value + ") must be within the range ["
                + m_minValue + "..." + m_maxValue + "].");
        }
    }

    @Override
    protected SettingsModelIntegerBounded createClone() {
        return new SettingsModelIntegerBounded(getConfigName(), getIntValue(), m_minValue, m_maxValue);
    }
}
