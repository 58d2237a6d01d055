package org.knime.core.node.defaultnodesettings;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.NodeSettingsWO;
import org.knime.core.node.NotConfigurableException;
import org.knime.core.node.port.PortObjectSpec;

/** A long setting. */
public class SettingsModelLong extends SettingsModelNumber {
    private final String m_configName;
    private long m_value;

    public SettingsModelLong(final String configName, final long defaultValue) {
        if (configName == null || configName.isEmpty()) {
            throw new IllegalArgumentException("The configName must be a non-empty string");
        }
        m_configName = configName;
        m_value = defaultValue;
    }

    public void setLongValue(final long newValue) {
        boolean same = newValue == m_value;
        m_value = newValue;
        if (!same) {
            notifyChangeListeners();
        }
    }

    public long getLongValue() {
        return m_value;
    }

    /** Checks a value before it is taken over; subclasses with bounds override it. */
    protected void validateValue(final long value) throws InvalidSettingsException {
        // any value
    }

    @Override
    protected SettingsModelLong createClone() {
        return new SettingsModelLong(m_configName, m_value);
    }

    @Override
    protected String getModelTypeID() {
        return "SMN_long";
    }

    @Override
    protected String getConfigName() {
        return m_configName;
    }

    @Override
    String getNumberValueStr() {
        return Long.toString(m_value);
    }

    @Override
    void setNumberValueStr(final String newValueStr) {
        setLongValue(Long.parseLong(newValueStr));
    }

    @Override
    protected void loadSettingsForDialog(final NodeSettingsRO settings, final PortObjectSpec[] specs)
            throws NotConfigurableException {
        try {
            setLongValue(settings.getLong(m_configName, m_value));
        } catch (IllegalArgumentException e) {
            // keep the old value, as KNIME does
        }
    }

    @Override
    protected void saveSettingsForDialog(final NodeSettingsWO settings) throws InvalidSettingsException {
        saveSettingsForModel(settings);
    }

    @Override
    protected void validateSettingsForModel(final NodeSettingsRO settings) throws InvalidSettingsException {
        validateValue(settings.getLong(m_configName));
    }

    @Override
    protected void loadSettingsForModel(final NodeSettingsRO settings) throws InvalidSettingsException {
        long value = settings.getLong(m_configName);
        validateValue(value);
        setLongValue(value);
    }

    @Override
    protected void saveSettingsForModel(final NodeSettingsWO settings) {
        settings.addLong(m_configName, m_value);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + " ('" + m_configName + "')";
    }
}
