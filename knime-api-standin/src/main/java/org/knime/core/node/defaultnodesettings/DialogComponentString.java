package org.knime.core.node.defaultnodesettings;

import javax.swing.JLabel;
import javax.swing.JTextField;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NotConfigurableException;
import org.knime.core.node.port.PortObjectSpec;

/** A text field for a string settings model. */
public final class DialogComponentString extends DialogComponent {
    private final JTextField m_field;
    private final boolean m_disallowEmpty;

    public DialogComponentString(final SettingsModelString stringModel, final String label) {
        this(stringModel, label, false, 15);
    }

    public DialogComponentString(final SettingsModelString stringModel, final String label,
            final boolean disallowEmptyString, final int compWidth) {
        super(stringModel);
        m_disallowEmpty = disallowEmptyString;
        m_field = new JTextField(compWidth);
        getComponentPanel().add(new JLabel(label));
        getComponentPanel().add(m_field);
        updateComponent();
    }

    private SettingsModelString model() {
        return (SettingsModelString)getModel();
    }

    @Override
    public void setToolTipText(final String text) {
        m_field.setToolTipText(text);
    }

    @Override
    protected void updateComponent() {
        String value = model().getStringValue();
        String text = value == null ? "" : value;
        if (!text.equals(m_field.getText())) {
            m_field.setText(text);
        }
    }

    @Override
    protected void validateSettingsBeforeSave() throws InvalidSettingsException {
        String text = m_field.getText();
        if (m_disallowEmpty && text.isEmpty()) {
            throw new InvalidSettingsException("Please enter a string value.");
        }
        model().setStringValue(text);
    }

    @Override
    protected void checkConfigurabilityBeforeLoad(final PortObjectSpec[] specs) throws NotConfigurableException {
        // always configurable
    }

    @Override
    protected void setEnabledComponents(final boolean enabled) {
        m_field.setEnabled(enabled);
    }

    public void setSizeComponents(final int width, final int height) {
        m_field.setColumns(width / 8);
    }
}
