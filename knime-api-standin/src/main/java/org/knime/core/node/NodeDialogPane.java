package org.knime.core.node;

import java.awt.Component;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.swing.JPanel;
import javax.swing.JTabbedPane;

import org.knime.core.data.DataTableSpec;
import org.knime.core.node.port.PortObjectSpec;

/**
 * A node's settings dialog (Swing). The stand-in keeps the tabs in a map and builds its panel
 * only when asked, so dialogs can be created and exercised headless.
 */
public abstract class NodeDialogPane {
    private final Map<String, Component> m_tabs = new LinkedHashMap<>();

    protected NodeDialogPane() {
    }

    protected abstract void saveSettingsTo(NodeSettingsWO settings) throws InvalidSettingsException;

    protected void loadSettingsFrom(final NodeSettingsRO settings, final PortObjectSpec[] specs)
            throws NotConfigurableException {
        DataTableSpec[] tableSpecs = new DataTableSpec[specs.length];
        for (int i = 0; i < specs.length; i++) {
            if (specs[i] instanceof DataTableSpec) {
                tableSpecs[i] = (DataTableSpec)specs[i];
            }
        }
        loadSettingsFrom(settings, tableSpecs);
    }

    protected void loadSettingsFrom(final NodeSettingsRO settings, final DataTableSpec[] specs)
            throws NotConfigurableException {
        throw new NotConfigurableException("NodeDialogPane.loadSettingsFrom() implementation missing!");
    }

    public void onOpen() {
    }

    public void onClose() {
    }

    public void onCancel() {
    }

    protected final void addTab(final String title, final Component comp) {
        m_tabs.put(title, comp);
    }

    protected final void addTab(final String title, final Component comp, final boolean wrapInScrollPane) {
        m_tabs.put(title, comp);
    }

    protected final void removeTab(final String name) {
        m_tabs.remove(name);
    }

    protected final Component getTab(final String title) {
        return m_tabs.get(title);
    }

    protected final List<String> getTabTitles() {
        return new ArrayList<>(m_tabs.keySet());
    }

    public final JPanel getPanel() {
        JPanel panel = new JPanel();
        JTabbedPane tabs = new JTabbedPane();
        m_tabs.forEach(tabs::addTab);
        panel.add(tabs);
        return panel;
    }

    protected final NodeLogger getLogger() {
        return NodeLogger.getLogger(getClass());
    }
}
