package org.knime.core.data;

/** KNIME's MissingValue (the stand-in omits the `UTILITY` factory field). */
public interface MissingValue extends DataValue {
    String getError();
}
