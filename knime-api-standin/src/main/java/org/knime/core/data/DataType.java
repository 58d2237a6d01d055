package org.knime.core.data;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.knime.core.data.convert.map.IdentifiableType;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.config.ConfigRO;
import org.knime.core.node.config.ConfigWO;

/**
 * The type of a column: its cell class and the value interfaces that class implements. The
 * stand-in implements KNIME 5.5's {@code IdentifiableType} but without its 5.5-only member
 * {@code getIdentifier()}, so code compiled here also runs on KNIME 5.4.
 */
public final class DataType implements IdentifiableType {
    private static final Map<Class<? extends DataCell>, DataType> TYPES = new ConcurrentHashMap<>();
    private static final DataCell MISSING = new MissingCell(null);

    private final Class<? extends DataCell> m_cellClass;

    private DataType(final Class<? extends DataCell> cellClass) {
        m_cellClass = cellClass;
    }

    public static DataType getType(final Class<? extends DataCell> cell) {
        return TYPES.computeIfAbsent(cell, DataType::new);
    }

    public static DataCell getMissingCell() {
        return MISSING;
    }

    public static DataType load(final ConfigRO config) throws InvalidSettingsException {
        String name = config.getString("cell_class");
        try {
            return getType(Class.forName(name).asSubclass(DataCell.class));
        } catch (ClassNotFoundException | ClassCastException e) {
            throw new InvalidSettingsException("unknown cell class " + name, e);
        }
    }

    public void save(final ConfigWO config) {
        config.addString("cell_class", m_cellClass.getName());
    }

    public boolean isCompatible(final Class<? extends DataValue> valueClass) {
        return valueClass.isAssignableFrom(m_cellClass);
    }

    public boolean isASuperTypeOf(final DataType type) {
        return m_cellClass.isAssignableFrom(type.m_cellClass);
    }

    public boolean isMissingValueType() {
        return MissingCell.class.equals(m_cellClass);
    }

    public Class<? extends DataCell> getCellClass() {
        return m_cellClass;
    }

    public String getName() {
        switch (m_cellClass.getSimpleName()) {
            case "StringCell":
                return "String";
            case "IntCell":
                return "Number (integer)";
            case "LongCell":
                return "Number (long)";
            case "DoubleCell":
                return "Number (double)";
            case "BooleanCell":
                return "Boolean value";
            default:
                return m_cellClass.getSimpleName();
        }
    }

    public String toPrettyString() {
        return getName();
    }

    @Override
    public boolean equals(final Object obj) {
        return obj instanceof DataType && ((DataType)obj).m_cellClass.equals(m_cellClass);
    }

    @Override
    public int hashCode() {
        return m_cellClass.hashCode();
    }

    @Override
    public String toString() {
        return getName();
    }
}
