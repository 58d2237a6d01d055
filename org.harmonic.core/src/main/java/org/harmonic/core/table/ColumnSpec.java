package org.harmonic.core.table;

/** Name and type of one column. */
public record ColumnSpec(String name, ColumnType type) {
}
