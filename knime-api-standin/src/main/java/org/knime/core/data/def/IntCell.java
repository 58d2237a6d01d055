package org.knime.core.data.def;

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

/** An int cell (also a long and a double value, as in KNIME). */
public class IntCell extends DataCell
        implements IntValue, LongValue, DoubleValue, BoundedValue, ComplexNumberValue, FuzzyIntervalValue, FuzzyNumberValue {
    private static final long serialVersionUID = 1L;

    public static final DataType TYPE = DataType.getType(IntCell.class);

    private final int m_int;

    public IntCell(final int i) {
        m_int = i;
    }

    @Override
    public int getIntValue() {
        return m_int;
    }

    @Override
    public long getLongValue() {
        return m_int;
    }

    @Override
    public double getDoubleValue() {
        return m_int;
    }

    @Override
    protected boolean equalsDataCell(final DataCell dc) {
        return ((IntCell)dc).m_int == m_int;
    }

    @Override
    public int hashCode() {
        return m_int;
    }

    @Override
    public String toString() {
        return Integer.toString(m_int);
    }

    /** Factory of int cells. */
    public static final class IntCellFactory implements FromSimpleString, FromComplexString {
        public static final DataType TYPE = IntCell.TYPE;

        private IntCellFactory() {
        }

        public static DataCell create(final int i) {
            return new IntCell(i);
        }
    }
}
