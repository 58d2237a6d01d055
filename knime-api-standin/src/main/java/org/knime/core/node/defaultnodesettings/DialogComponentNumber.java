package org.knime.core.node.defaultnodesettings;

import javax.swing.JLabel;
import javax.swing.JTextField;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NotConfigurableException;
import org.knime.core.node.port.PortObjectSpec;

/** A number field for an integer, long or double settings model. */
public class DialogComponentNumber extends DialogComponent {
    private final JTextField m_field;
    private final SettingsModelNumber m_numberModel;

    public DialogComponentNumber(final SettingsModelNumber numberModel, final String label, final Number stepSize) {
        this(numberModel, label, stepSize, 10);
    }

    public DialogComponentNumber(final SettingsModelNumber numberModel, final String label, final Number stepSize,
            final int compWidth) {
        super(numberModel);
        if (stepSize == null) {
            throw new NullPointerException("step size must not be null");
        }
        m_numberModel = numberModel;
        m_field = new JTextField(compWidth);
        getComponentPanel().add(new JLabel(label));
        getComponentPanel().add(m_field);
        updateComponent();
    }

    @Override
    public void setToolTipText(final String text) {
        m_field.setToolTipText(text);
    }

    @Override
    protected void updateComponent() {
        String value = m_numberModel.getNumberValueStr();
        if (!value.equals(m_field.getText())) {
            m_field.setText(value);
        }
    }

    @Override
    protected void validateSettingsBeforeSave() throws InvalidSettingsException {
        try {
            m_numberModel.setNumberValueStr(m_field.getText().trim());
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingsException("Invalid number '" + m_field.getText() + "': " + e.getMessage(), e);
        }
    }

    @Override
    protected void checkConfigurabilityBeforeLoad(final PortObjectSpec[] specs) throws NotConfigurableException {
        // always configurable
    }

    @Override
    protected void setEnabledComponents(final boolean enabled) {
        m_field.setEnabled(enabled);
    }
}
