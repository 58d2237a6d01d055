package org.knime.core.node.defaultnodesettings;

import java.util.concurrent.CopyOnWriteArrayList;

import javax.swing.event.ChangeEvent;
import javax.swing.event.ChangeListener;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.NodeSettingsWO;
import org.knime.core.node.NotConfigurableException;
import org.knime.core.node.port.PortObjectSpec;

/**
 * One setting shared by a node model and its dialog. {@link #saveSettingsTo} writes the value
 * under {@link #getConfigName()} plus a sub-config {@code <configName>_Internals} with the model
 * type id and the enabled status, as KNIME does.
 */
public abstract class SettingsModel {

    public static final String CFGKEY_INTERNAL = "_Internals";

    private static final String CFGKEY_MODEL_ID = "SettingsModelID";
    private static final String CFGKEY_ENABLED = "EnabledStatus";

    private final CopyOnWriteArrayList<ChangeListener> m_listeners = new CopyOnWriteArrayList<>();
    private boolean m_enabled = true;

    public SettingsModel() {
    }

    protected abstract <T extends SettingsModel> T createClone();

    protected abstract String getModelTypeID();

    protected abstract String getConfigName();

    protected abstract void loadSettingsForDialog(NodeSettingsRO settings, PortObjectSpec[] specs)
            throws NotConfigurableException;

    protected abstract void saveSettingsForDialog(NodeSettingsWO settings) throws InvalidSettingsException;

    protected abstract void validateSettingsForModel(NodeSettingsRO settings) throws InvalidSettingsException;

    protected abstract void loadSettingsForModel(NodeSettingsRO settings) throws InvalidSettingsException;

    protected abstract void saveSettingsForModel(NodeSettingsWO settings);

    @Override
    public abstract String toString();

    public final void saveSettingsTo(final NodeSettingsWO settings) {
        saveSettingsForModel(settings);
        saveInternals(settings);
    }

    public final void validateSettings(final NodeSettingsRO settings) throws InvalidSettingsException {
        validateSettingsForModel(settings);
    }

    public final void loadSettingsFrom(final NodeSettingsRO settings) throws InvalidSettingsException {
        loadSettingsForModel(settings);
        loadInternals(settings);
    }

    public final <T extends SettingsModel> T createCloneWithValidatedValue(final NodeSettingsRO settings)
            throws InvalidSettingsException {
        T clone = createClone();
        clone.loadSettingsForModel(settings);
        return clone;
    }

    public void addChangeListener(final ChangeListener l) {
        m_listeners.addIfAbsent(l);
    }

    public void removeChangeListener(final ChangeListener l) {
        m_listeners.remove(l);
    }

    protected void prependChangeListener(final ChangeListener l) {
        m_listeners.remove(l);
        m_listeners.add(0, l);
    }

    protected void notifyChangeListeners() {
        ChangeEvent event = new ChangeEvent(this);
        for (ChangeListener l : m_listeners) {
            l.stateChanged(event);
        }
    }

    public void setEnabled(final boolean enabled) {
        boolean changed = enabled != m_enabled;
        m_enabled = enabled;
        if (changed) {
            notifyChangeListeners();
        }
    }

    public boolean isEnabled() {
        return m_enabled;
    }

    /** What a dialog component's load does (KNIME: package-private dlgLoadSettingsFrom). */
    final void dialogLoad(final NodeSettingsRO settings, final PortObjectSpec[] specs)
            throws NotConfigurableException {
        loadSettingsForDialog(settings, specs);
        loadInternals(settings);
    }

    /** What a dialog component's save does (KNIME: package-private dlgSaveSettingsTo). */
    final void dialogSave(final NodeSettingsWO settings) throws InvalidSettingsException {
        saveSettingsForDialog(settings);
        saveInternals(settings);
    }

    private void saveInternals(final NodeSettingsWO settings) {
        NodeSettingsWO internals = settings.addNodeSettings(getConfigName() + CFGKEY_INTERNAL);
        internals.addString(CFGKEY_MODEL_ID, getModelTypeID());
        internals.addBoolean(CFGKEY_ENABLED, m_enabled);
    }

    private void loadInternals(final NodeSettingsRO settings) {
        try {
            NodeSettingsRO internals = settings.getNodeSettings(getConfigName() + CFGKEY_INTERNAL);
            setEnabled(internals.getBoolean(CFGKEY_ENABLED, m_enabled));
        } catch (InvalidSettingsException e) {
            // settings written without internals (e.g. by hand or by -option overrides): keep the state
        }
    }
}
