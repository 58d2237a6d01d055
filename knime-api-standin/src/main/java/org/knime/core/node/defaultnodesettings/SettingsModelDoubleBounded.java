package org.knime.core.node.defaultnodesettings;

import org.knime.core.node.InvalidSettingsException;

/** A double setting within [min, max]. */
public class SettingsModelDoubleBounded extends SettingsModelDouble {
    private final double m_minValue;
    private final double m_maxValue;

    public SettingsModelDoubleBounded(final String configName, final double defaultValue, final double minValue,
            final double maxValue) {
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

    public double getLowerBound() {
        return m_minValue;
    }

    public double getUpperBound() {
        return m_maxValue;
    }

    @Override
    public void setDoubleValue(final double newValue) {
        if (newValue < m_minValue || newValue > m_maxValue) {
            throw new IllegalArgumentException("value (=" + newValue + ") must be within the range ["
                + m_minValue + "..." + m_maxValue + "].");
        }
        super.setDoubleValue(newValue);
    }

    @Override
    protected void validateValue(final double value) throws InvalidSettingsException {
        super.validateValue(value);
        if (value < m_minValue || value > m_maxValue) {
            throw new InvalidSettingsException("value (=" + value + ") must be within the range ["
                + m_minValue + "..." + m_maxValue + "].");
        }
    }

    @Override
    protected SettingsModelDoubleBounded createClone() {
        return new SettingsModelDoubleBounded(getConfigName(), getDoubleValue(), m_minValue, m_maxValue);
    }
}
