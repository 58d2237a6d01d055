package org.knime.core.data;

/** KNIME's StringValue (the stand-in omits the `UTILITY` factory field). */
public interface StringValue extends DataValue {
    String getStringValue();
}
