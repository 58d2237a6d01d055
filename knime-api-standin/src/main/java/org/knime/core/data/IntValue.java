package org.knime.core.data;

/** KNIME's IntValue (the stand-in omits the `UTILITY` factory field). */
public interface IntValue extends DataValue {
    int getIntValue();
}
