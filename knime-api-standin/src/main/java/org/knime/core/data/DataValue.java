package org.knime.core.data;

/** Marker of the value kinds a cell offers (the stand-in omits the {@code UTILITY} factory field). */
public interface DataValue {
}
