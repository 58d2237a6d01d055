package org.knime.core.node.defaultnodesettings;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.NodeSettingsWO;
import org.knime.core.node.NotConfigurableException;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.workflow.FlowVariable;

/** A int setting. */
public class SettingsModelInteger extends SettingsModelNumber implements SettingsModelFlowVariableCompatible {
    private final String m_configName;
    private int m_value;

    public SettingsModelInteger(final String configName, final int defaultValue) {
        if (configName == null || configName.isEmpty()) {
            throw new IllegalArgumentException("The configName must be a non-empty string");
        }
        m_configName = configName;
        m_value = defaultValue;
    }

    public void setIntValue(final int newValue) {
        boolean same = newValue == m_value;
        m_value = newValue;
        if (!same) {
            notifyChangeListeners();
        }
    }

    public int getIntValue() {
        return m_value;
    }

    /** Checks a value before it is taken over; subclasses with bounds override it. */
    protected void validateValue(final int value) throws InvalidSettingsException {
        // any value
    }

    @Override
    protected SettingsModelInteger createClone() {
        return new SettingsModelInteger(m_configName, m_value);
    }

    @Override
    protected String getModelTypeID() {
        return "SMID_integer";
    }

    @Override
    protected String getConfigName() {
        return m_configName;
    }

    @Override
    String getNumberValueStr() {
        return Integer.toString(m_value);
    }

    @Override
    void setNumberValueStr(final String newValueStr) {
        setIntValue(Integer.parseInt(newValueStr));
    }

    @Override
    protected void loadSettingsForDialog(final NodeSettingsRO settings, final PortObjectSpec[] specs)
            throws NotConfigurableException {
        try {
            setIntValue(settings.getInt(m_configName, m_value));
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
        validateValue(settings.getInt(m_configName));
    }

    @Override
    protected void loadSettingsForModel(final NodeSettingsRO settings) throws InvalidSettingsException {
        int value = settings.getInt(m_configName);
        validateValue(value);
        setIntValue(value);
    }

    @Override
    protected void saveSettingsForModel(final NodeSettingsWO settings) {
        settings.addInt(m_configName, m_value);
    }

    @Override
    public String getKey() {
        return m_configName;
    }

    @SuppressWarnings("deprecation")
    @Override
    public FlowVariable.Type getFlowVariableType() {
        return FlowVariable.Type.INTEGER;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + " ('" + m_configName + "')";
    }
}
