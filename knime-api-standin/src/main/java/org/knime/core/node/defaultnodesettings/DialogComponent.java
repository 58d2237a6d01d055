package org.knime.core.node.defaultnodesettings;

import javax.swing.JPanel;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.NodeSettingsWO;
import org.knime.core.node.NotConfigurableException;
import org.knime.core.node.port.PortObjectSpec;

/**
 * A dialog element bound to one settings model: load fills the model (and the component) from
 * settings, save writes the model. Components are lightweight Swing, so they work headless.
 */
public abstract class DialogComponent {
    private final SettingsModel m_model;
    private final JPanel m_panel = new JPanel();
    private PortObjectSpec[] m_lastSpecs;

    public DialogComponent(final SettingsModel model) {
        if (model == null) {
            throw new NullPointerException("SettingsModel must not be null");
        }
        m_model = model;
        model.prependChangeListener(e -> {
            updateComponent();
            setEnabledComponents(model.isEnabled());
        });
    }

    public JPanel getComponentPanel() {
        return m_panel;
    }

    public final SettingsModel getModel() {
        return m_model;
    }

    public final void loadSettingsFrom(final NodeSettingsRO settings, final PortObjectSpec[] specs)
            throws NotConfigurableException {
        m_lastSpecs = specs == null ? null : specs.clone();
        checkConfigurabilityBeforeLoad(specs);
        m_model.dialogLoad(settings, specs);
        updateComponent();
    }

    public final void saveSettingsTo(final NodeSettingsWO settings) throws InvalidSettingsException {
        validateSettingsBeforeSave();
        m_model.dialogSave(settings);
    }

    /** @deprecated enable the model instead */
    @Deprecated
    public final void setEnabled(final boolean enabled) {
        m_model.setEnabled(enabled);
    }

    public abstract void setToolTipText(String text);

    protected abstract void updateComponent();

    protected abstract void validateSettingsBeforeSave() throws InvalidSettingsException;

    protected abstract void checkConfigurabilityBeforeLoad(PortObjectSpec[] specs)
            throws NotConfigurableException;

    protected abstract void setEnabledComponents(boolean enabled);

    protected final PortObjectSpec getLastTableSpec(final int portID) {
        return m_lastSpecs == null || portID >= m_lastSpecs.length ? null : m_lastSpecs[portID];
    }

    protected final PortObjectSpec[] getLastTableSpecs() {
        return m_lastSpecs;
    }
}
