package org.knime.core.node.defaultnodesettings;

import java.util.ArrayList;
import java.util.List;

import javax.swing.JComboBox;
import javax.swing.JLabel;

import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataValue;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NotConfigurableException;
import org.knime.core.node.port.PortObjectSpec;

/**
 * A drop-down list of the input table's columns whose type fits one of the value classes; when
 * the model names no listed column, the first one is selected (and saved), as in KNIME.
 */
public class DialogComponentColumnNameSelection extends DialogComponent {
    private final JComboBox<String> m_combo = new JComboBox<>();
    private final int m_specIndex;
    private final boolean m_isRequired;
    private final Class<? extends DataValue>[] m_classFilter;
    private final List<DataColumnSpec> m_columns = new ArrayList<>();

    @SafeVarargs
    public DialogComponentColumnNameSelection(final SettingsModelString model, final String label,
            final int specIndex, final Class<? extends DataValue>... classFilter) {
        this(model, label, specIndex, true, classFilter);
    }

    @SafeVarargs
    public DialogComponentColumnNameSelection(final SettingsModelString model, final String label,
            final int specIndex, final boolean isRequired, final Class<? extends DataValue>... classFilter) {
        super(model);
        m_specIndex = specIndex;
        m_isRequired = isRequired;
        m_classFilter = classFilter.clone();
        getComponentPanel().add(new JLabel(label));
        getComponentPanel().add(m_combo);
    }

    private boolean accepts(final DataColumnSpec column) {
        for (Class<? extends DataValue> c : m_classFilter) {
            if (column.getType().isCompatible(c)) {
                return true;
            }
        }
        return m_classFilter.length == 0;
    }

    public final DataColumnSpec getSelectedAsSpec() {
        Object selected = m_combo.getSelectedItem();
        for (DataColumnSpec c : m_columns) {
            if (c.getName().equals(selected)) {
                return c;
            }
        }
        return null;
    }

    public final String getSelected() {
        DataColumnSpec spec = getSelectedAsSpec();
        return spec == null ? null : spec.getName();
    }

    @Override
    public void setToolTipText(final String text) {
        m_combo.setToolTipText(text);
    }

    @Override
    protected void updateComponent() {
        m_columns.clear();
        m_combo.removeAllItems();
        PortObjectSpec spec = getLastTableSpec(m_specIndex);
        if (spec instanceof DataTableSpec) {
            for (DataColumnSpec c : (DataTableSpec)spec) {
                if (accepts(c)) {
                    m_columns.add(c);
                    m_combo.addItem(c.getName());
                }
            }
        }
        String value = ((SettingsModelString)getModel()).getStringValue();
        if (value != null && m_columns.stream().anyMatch(c -> c.getName().equals(value))) {
            m_combo.setSelectedItem(value);
        } else if (!m_columns.isEmpty()) {
            m_combo.setSelectedIndex(0);
        }
    }

    @Override
    protected void validateSettingsBeforeSave() throws InvalidSettingsException {
        String selected = getSelected();
        if (selected == null && m_isRequired) {
            throw new InvalidSettingsException("Please select an item from the list.");
        }
        ((SettingsModelString)getModel()).setStringValue(selected);
    }

    @Override
    protected void checkConfigurabilityBeforeLoad(final PortObjectSpec[] specs) throws NotConfigurableException {
        if (specs == null || specs.length <= m_specIndex || specs[m_specIndex] == null) {
            throw new NotConfigurableException("Need input table spec to configure dialog. Configure or execute "
                + "predecessor nodes.");
        }
        if (!(specs[m_specIndex] instanceof DataTableSpec)) {
            throw new NotConfigurableException("Input port " + m_specIndex + " is not a data table");
        }
        boolean any = ((DataTableSpec)specs[m_specIndex]).stream().anyMatch(this::accepts);
        if (!any && m_isRequired) {
            throw new NotConfigurableException("No column in spec compatible to the required types.");
        }
    }

    @Override
    protected void setEnabledComponents(final boolean enabled) {
        m_combo.setEnabled(enabled);
    }
}
