package org.knime.core.data;

/** KNIME's BooleanValue (the stand-in omits the `UTILITY` factory field). */
public interface BooleanValue extends DataValue {
    boolean getBooleanValue();
}
