package org.knime.core.data.def;

import org.knime.core.data.BooleanValue;
import org.knime.core.data.BoundedValue;
import org.knime.core.data.ComplexNumberValue;
import org.knime.core.data.DataCell;
import org.knime.core.data.DataCellFactory.FromComplexString;
import org.knime.core.data.DataCellFactory.FromSimpleString;
import org.knime.core.data.DataType;
import org.knime.core.data.DoubleValue;
import org.knime.core.data.FuzzyIntervalValue;
import org.knime.core.data.FuzzyNumberValue;
import org.knime.core.data.IntValue;
import org.knime.core.data.LongValue;
import org.knime.core.data.NominalValue;

/** A boolean cell; its constructor is package-private as in KNIME: use TRUE/FALSE or the factory. */
public final class BooleanCell extends DataCell
        implements BooleanValue, IntValue, LongValue, DoubleValue, NominalValue, BoundedValue, ComplexNumberValue,
        FuzzyIntervalValue, FuzzyNumberValue {
    private static final long serialVersionUID = 1L;

    public static final BooleanCell TRUE = new BooleanCell(true);

    public static final BooleanCell FALSE = new BooleanCell(false);

    public static final DataType TYPE = DataType.getType(BooleanCell.class);

    private final boolean m_value;

    BooleanCell(final boolean b) {
        m_value = b;
    }

    /** @deprecated use {@link BooleanCellFactory#create(boolean)} */
    @Deprecated
    public static final BooleanCell get(final boolean value) {
        return value ? TRUE : FALSE;
    }

    @Override
    public boolean getBooleanValue() {
        return m_value;
    }

    @Override
    public int getIntValue() {
        return m_value ? 1 : 0;
    }

    @Override
    public long getLongValue() {
        return getIntValue();
    }

    @Override
    public double getDoubleValue() {
        return getIntValue();
    }

    @Override
    protected boolean equalsDataCell(final DataCell dc) {
        return ((BooleanCell)dc).m_value == m_value;
    }

    @Override
    public int hashCode() {
        return Boolean.hashCode(m_value);
    }

    @Override
    public String toString() {
        return Boolean.toString(m_value);
    }

    /** Factory of boolean cells. */
    public static final class BooleanCellFactory implements FromSimpleString, FromComplexString {
        public static final DataType TYPE = BooleanCell.TYPE;

        private BooleanCellFactory() {
        }

        public static DataCell create(final boolean b) {
            return b ? TRUE : FALSE;
        }
    }
}
