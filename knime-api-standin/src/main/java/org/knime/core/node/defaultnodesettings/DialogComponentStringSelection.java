package org.knime.core.node.defaultnodesettings;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

import javax.swing.JComboBox;
import javax.swing.JLabel;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NotConfigurableException;
import org.knime.core.node.port.PortObjectSpec;

/** A drop-down list of strings for a string settings model. */
public final class DialogComponentStringSelection extends DialogComponent {
    private final JComboBox<String> m_combo = new JComboBox<>();
    private final List<String> m_items = new ArrayList<>();

    public DialogComponentStringSelection(final SettingsModelString stringModel, final String label,
            final String... list) {
        this(stringModel, label, Arrays.asList(list));
    }

    public DialogComponentStringSelection(final SettingsModelString stringModel, final String label,
            final Collection<String> list) {
        this(stringModel, label, list, false);
    }

    public DialogComponentStringSelection(final SettingsModelString stringModel, final String label,
            final Collection<String> list, final boolean editable) {
        super(stringModel);
        if (list == null || list.isEmpty()) {
            throw new IllegalArgumentException("Selection list of options shouldn't be null or empty");
        }
        m_combo.setEditable(editable);
        getComponentPanel().add(new JLabel(label));
        getComponentPanel().add(m_combo);
        replaceListItems(list, null);
    }

    public void replaceListItems(final Collection<String> newItems, final String select) {
        m_items.clear();
        m_items.addAll(newItems);
        m_combo.removeAllItems();
        newItems.forEach(m_combo::addItem);
        if (select != null) {
            ((SettingsModelString)getModel()).setStringValue(select);
        }
        updateComponent();
    }

    @Override
    public void setToolTipText(final String text) {
        m_combo.setToolTipText(text);
    }

    @Override
    protected void updateComponent() {
        String value = ((SettingsModelString)getModel()).getStringValue();
        if (value != null && !m_items.contains(value)) {
            m_items.add(value);
            m_combo.addItem(value);
        }
        m_combo.setSelectedItem(value);
    }

    @Override
    protected void validateSettingsBeforeSave() throws InvalidSettingsException {
        Object selected = m_combo.getSelectedItem();
        if (selected == null) {
            throw new InvalidSettingsException("Please select an item from the list.");
        }
        ((SettingsModelString)getModel()).setStringValue(selected.toString());
    }

    @Override
    protected void checkConfigurabilityBeforeLoad(final PortObjectSpec[] specs) throws NotConfigurableException {
        // always configurable
    }

    @Override
    protected void setEnabledComponents(final boolean enabled) {
        m_combo.setEnabled(enabled);
    }

    public void setSizeComponents(final int width, final int height) {
        m_combo.setPreferredSize(new java.awt.Dimension(width, height));
    }
}
