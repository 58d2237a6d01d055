package org.knime.core.data;

/** KNIME's LongValue (the stand-in omits the `UTILITY` factory field). */
public interface LongValue extends DataValue {
    long getLongValue();
}
