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

/** A double cell (the complex/fuzzy/bounded value interfaces are declared without members here). */
public final class DoubleCell extends DataCell
        implements DoubleValue, BoundedValue, ComplexNumberValue, FuzzyIntervalValue, FuzzyNumberValue {
    private static final long serialVersionUID = 1L;

    public static final DataType TYPE = DataType.getType(DoubleCell.class);

    private final double m_double;

    public DoubleCell(final double d) {
        m_double = d;
    }

    @Override
    public double getDoubleValue() {
        return m_double;
    }

    @Override
    protected boolean equalsDataCell(final DataCell dc) {
        return Double.compare(((DoubleCell)dc).m_double, m_double) == 0;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(m_double);
    }

    @Override
    public String toString() {
        return Double.toString(m_double);
    }

    /** Factory of double cells. */
    public static final class DoubleCellFactory implements FromSimpleString, FromComplexString {
        public static final DataType TYPE = DoubleCell.TYPE;

        private DoubleCellFactory() {
        }

        public static DataCell create(final double d) {
            return new DoubleCell(d);
        }
    }
}
