package org.knime.core.node.defaultnodesettings;

import javax.swing.JCheckBox;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NotConfigurableException;
import org.knime.core.node.port.PortObjectSpec;

/** A check box for a boolean settings model. */
public final class DialogComponentBoolean extends DialogComponent {
    private final JCheckBox m_checkbox;

    public DialogComponentBoolean(final SettingsModelBoolean booleanModel, final String label) {
        super(booleanModel);
        m_checkbox = new JCheckBox(label);
        m_checkbox.addItemListener(e -> booleanModel.setBooleanValue(m_checkbox.isSelected()));
        getComponentPanel().add(m_checkbox);
        updateComponent();
    }

    public boolean isSelected() {
        return m_checkbox.isSelected();
    }

    @Override
    public void setToolTipText(final String text) {
        m_checkbox.setToolTipText(text);
    }

    @Override
    protected void updateComponent() {
        boolean value = ((SettingsModelBoolean)getModel()).getBooleanValue();
        if (value != m_checkbox.isSelected()) {
            m_checkbox.setSelected(value);
        }
    }

    @Override
    protected void validateSettingsBeforeSave() throws InvalidSettingsException {
        ((SettingsModelBoolean)getModel()).setBooleanValue(m_checkbox.isSelected());
    }

    @Override
    protected void checkConfigurabilityBeforeLoad(final PortObjectSpec[] specs) throws NotConfigurableException {
        // always configurable
    }

    @Override
    protected void setEnabledComponents(final boolean enabled) {
        m_checkbox.setEnabled(enabled);
    }
}
