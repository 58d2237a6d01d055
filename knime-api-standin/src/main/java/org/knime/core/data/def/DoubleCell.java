package org.knime.core.data.def;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataType;
import org.knime.core.data.DoubleValue;

/** A double cell (the stand-in omits the complex/fuzzy/bounded value interfaces). */
public final class DoubleCell extends DataCell implements DoubleValue {
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
    public static final class DoubleCellFactory {
        public static final DataType TYPE = DoubleCell.TYPE;

        private DoubleCellFactory() {
        }

        public static DataCell create(final double d) {
            return new DoubleCell(d);
        }
    }
}
