package org.knime.core.node.defaultnodesettings;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.NodeSettingsWO;
import org.knime.core.node.NotConfigurableException;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.workflow.FlowVariable;

/** A double setting. */
public class SettingsModelDouble extends SettingsModelNumber implements SettingsModelFlowVariableCompatible {
    private final String m_configName;
    private double m_value;

    public SettingsModelDouble(final String configName, final double defaultValue) {
        if (configName == null || configName.isEmpty()) {
            throw new IllegalArgumentException("The configName must be a non-empty string");
        }
        m_configName = configName;
        m_value = defaultValue;
    }

    public void setDoubleValue(final double newValue) {
        boolean same = Double.compare(newValue, m_value) == 0;
        m_value = newValue;
        if (!same) {
            notifyChangeListeners();
        }
    }

    public double getDoubleValue() {
        return m_value;
    }

    /** Checks a value before it is taken over; subclasses with bounds override it. */
    protected void validateValue(final double value) throws InvalidSettingsException {
        // any value
    }

    @Override
    protected SettingsModelDouble createClone() {
        return new SettingsModelDouble(m_configName, m_value);
    }

    @Override
    protected String getModelTypeID() {
        return "SMID_double";
    }

    @Override
    protected String getConfigName() {
        return m_configName;
    }

    @Override
    String getNumberValueStr() {
        return Double.toString(m_value);
    }

    @Override
    void setNumberValueStr(final String newValueStr) {
        setDoubleValue(Double.parseDouble(newValueStr));
    }

    @Override
    protected void loadSettingsForDialog(final NodeSettingsRO settings, final PortObjectSpec[] specs)
            throws NotConfigurableException {
        try {
            setDoubleValue(settings.getDouble(m_configName, m_value));
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
        validateValue(settings.getDouble(m_configName));
    }

    @Override
    protected void loadSettingsForModel(final NodeSettingsRO settings) throws InvalidSettingsException {
        double value = settings.getDouble(m_configName);
        validateValue(value);
        setDoubleValue(value);
    }

    @Override
    protected void saveSettingsForModel(final NodeSettingsWO settings) {
        settings.addDouble(m_configName, m_value);
    }

    @Override
    public String getKey() {
        return m_configName;
    }

    @SuppressWarnings("deprecation")
    @Override
    public FlowVariable.Type getFlowVariableType() {
        return FlowVariable.Type.DOUBLE;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + " ('" + m_configName + "')";
    }
}
