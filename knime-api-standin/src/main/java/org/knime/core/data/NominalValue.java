package org.knime.core.data;

/** KNIME's NominalValue (the stand-in omits the `UTILITY` factory field). */
public interface NominalValue extends DataValue {}
