package org.knime.core.node.defaultnodesettings;

import java.util.ArrayList;
import java.util.List;

import javax.swing.BoxLayout;
import javax.swing.JPanel;

import org.knime.core.data.DataTableSpec;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeDialogPane;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.NodeSettingsWO;
import org.knime.core.node.NotConfigurableException;
import org.knime.core.node.port.PortObjectSpec;

/**
 * A dialog assembled from {@link DialogComponent}s; load and save are final and go through the
 * components, then the {@code ...Additional...} hooks.
 */
public class DefaultNodeSettingsPane extends NodeDialogPane {
    private final List<DialogComponent> m_components = new ArrayList<>();
    private JPanel m_currentPanel;
    private String m_defaultTabTitle = "Options";

    public DefaultNodeSettingsPane() {
        m_currentPanel = newPanel();
        addTab(m_defaultTabTitle, m_currentPanel);
    }

    private static JPanel newPanel() {
        JPanel panel = new JPanel();
        panel.setLayout(new BoxLayout(panel, BoxLayout.Y_AXIS));
        return panel;
    }

    public void addDialogComponent(final DialogComponent diaC) {
        m_components.add(diaC);
        m_currentPanel.add(diaC.getComponentPanel());
    }

    public void createNewGroup(final String title) {
        JPanel group = newPanel();
        group.setBorder(javax.swing.BorderFactory.createTitledBorder(title));
        m_currentPanel.add(group);
    }

    public void closeCurrentGroup() {
        // groups are visual only in the stand-in
    }

    public void setHorizontalPlacement(final boolean horizontal) {
        // layout only
    }

    public void createNewTab(final String tabTitle) {
        m_currentPanel = newPanel();
        addTab(tabTitle, m_currentPanel);
    }

    public void selectTab(final String tabTitle) {
        // layout only
    }

    public void setDefaultTabTitle(final String tabTitle) {
        java.awt.Component tab = getTab(m_defaultTabTitle);
        removeTab(m_defaultTabTitle);
        addTab(tabTitle, tab);
        m_defaultTabTitle = tabTitle;
    }

    @Override
    public final void loadSettingsFrom(final NodeSettingsRO settings, final PortObjectSpec[] specs)
            throws NotConfigurableException {
        for (DialogComponent c : m_components) {
            c.loadSettingsFrom(settings, specs);
        }
        loadAdditionalSettingsFrom(settings, specs);
    }

    @Override
    public final void saveSettingsTo(final NodeSettingsWO settings) throws InvalidSettingsException {
        for (DialogComponent c : m_components) {
            c.saveSettingsTo(settings);
        }
        saveAdditionalSettingsTo(settings);
    }

    public void loadAdditionalSettingsFrom(final NodeSettingsRO settings, final PortObjectSpec[] specs)
            throws NotConfigurableException {
        DataTableSpec[] tableSpecs = new DataTableSpec[specs.length];
        for (int i = 0; i < specs.length; i++) {
            if (specs[i] instanceof DataTableSpec) {
                tableSpecs[i] = (DataTableSpec)specs[i];
            }
        }
        loadAdditionalSettingsFrom(settings, tableSpecs);
    }

    public void loadAdditionalSettingsFrom(final NodeSettingsRO settings, final DataTableSpec[] specs)
            throws NotConfigurableException {
        // no additional settings
    }

    public void saveAdditionalSettingsTo(final NodeSettingsWO settings) throws InvalidSettingsException {
        // no additional settings
    }
}
