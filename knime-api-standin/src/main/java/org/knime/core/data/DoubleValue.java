package org.knime.core.data;

/** KNIME's DoubleValue (the stand-in omits the `UTILITY` factory field). */
public interface DoubleValue extends DataValue {
    double getDoubleValue();
}
