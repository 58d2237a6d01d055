package org.knime.core.data.def;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataCellFactory.FromComplexString;
import org.knime.core.data.DataCellFactory.FromInputStream;
import org.knime.core.data.DataCellFactory.FromReader;
import org.knime.core.data.DataCellFactory.FromSimpleString;
import org.knime.core.data.DataType;
import org.knime.core.data.NominalValue;
import org.knime.core.data.StringValue;

/** A string cell. */
public final class StringCell extends DataCell implements StringValue, NominalValue {
    private static final long serialVersionUID = 1L;

    public static final DataType TYPE = DataType.getType(StringCell.class);

    private final String m_string;

    public StringCell(final String str) {
        if (str == null) {
            throw new NullPointerException("String value can't be null.");
        }
        m_string = str;
    }

    @Override
    public String getStringValue() {
        return m_string;
    }

    @Override
    protected boolean equalsDataCell(final DataCell dc) {
        return ((StringCell)dc).m_string.equals(m_string);
    }

    @Override
    public int hashCode() {
        return m_string.hashCode();
    }

    @Override
    public String toString() {
        return m_string;
    }

    /** Factory of string cells. */
    public static final class StringCellFactory implements FromSimpleString, FromComplexString, FromReader, FromInputStream {
        public static final DataType TYPE = StringCell.TYPE;

        private StringCellFactory() {
        }

        public static DataCell create(final String s) {
            return new StringCell(s);
        }
    }
}
