package org.knime.core.node.workflow;

/**
 * A flow variable. The stand-in mirrors the constructors and accessors for string, double and
 * int variables and the deprecated {@link Type} enum that {@code SettingsModelFlowVariableCompatible}
 * returns (KNIME's class also has typed {@code VariableType} access).
 */
public final class FlowVariable extends FlowObject {

    /** @deprecated KNIME's old type enum, still used by SettingsModelFlowVariableCompatible. */
    @Deprecated
    public enum Type {
        DOUBLE, INTEGER, STRING, CREDENTIALS, OTHER
    }

    private final String m_name;
    private final Type m_type;
    private final Object m_value;

    public FlowVariable(final String name, final String valueS) {
        this(name, Type.STRING, valueS);
    }

    public FlowVariable(final String name, final double valueD) {
        this(name, Type.DOUBLE, valueD);
    }

    public FlowVariable(final String name, final int valueI) {
        this(name, Type.INTEGER, valueI);
    }

    private FlowVariable(final String name, final Type type, final Object value) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("Flow variable name must not be empty");
        }
        m_name = name;
        m_type = type;
        m_value = value;
    }

    public String getName() {
        return m_name;
    }

    public String getStringValue() {
        return m_type == Type.STRING ? (String)m_value : null;
    }

    public double getDoubleValue() {
        return m_value instanceof Number ? ((Number)m_value).doubleValue() : Double.NaN;
    }

    public int getIntValue() {
        return m_value instanceof Integer ? (Integer)m_value : 0;
    }

    public String getValueAsString() {
        return String.valueOf(m_value);
    }

    /** @deprecated use typed access in KNIME */
    @Deprecated
    public Type getType() {
        return m_type;
    }

    @Override
    public String toString() {
        return "\"" + m_name + "\" (" + m_type + ": " + m_value + ")";
    }
}
