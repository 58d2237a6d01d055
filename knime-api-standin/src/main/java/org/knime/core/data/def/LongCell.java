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
import org.knime.core.data.LongValue;

/** A long cell (also a double value, as in KNIME). */
public class LongCell extends DataCell
        implements LongValue, DoubleValue, BoundedValue, ComplexNumberValue, FuzzyIntervalValue, FuzzyNumberValue {
    private static final long serialVersionUID = 1L;

    public static final DataType TYPE = DataType.getType(LongCell.class);

    private final long m_long;

    public LongCell(final long l) {
        m_long = l;
    }

    @Override
    public long getLongValue() {
        return m_long;
    }

    @Override
    public double getDoubleValue() {
        return m_long;
    }

    @Override
    protected boolean equalsDataCell(final DataCell dc) {
        return ((LongCell)dc).m_long == m_long;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(m_long);
    }

    @Override
    public String toString() {
        return Long.toString(m_long);
    }

    /** Factory of long cells. */
    public static final class LongCellFactory implements FromSimpleString, FromComplexString {
        public static final DataType TYPE = LongCell.TYPE;

        private LongCellFactory() {
        }

        public static DataCell create(final long l) {
            return new LongCell(l);
        }
    }
}
