package org.knime.core.node.defaultnodesettings;

import org.knime.core.node.workflow.FlowVariable;

/** A settings model whose value a flow variable can replace in the dialog. */
public interface SettingsModelFlowVariableCompatible {

    String getKey();

    @SuppressWarnings("deprecation")
    FlowVariable.Type getFlowVariableType();
}
