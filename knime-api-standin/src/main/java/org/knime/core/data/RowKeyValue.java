package org.knime.core.data;

/** KNIME's RowKeyValue (the stand-in omits the `UTILITY` factory field). */
public interface RowKeyValue {
    String getString();
}
