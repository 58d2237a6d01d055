package org.harmonic.core.table;

import java.util.ArrayList;
import java.util.List;

import org.harmonic.core.util.HarmonicInputException;

/** An immutable columnar table: a schema and one typed column per schema entry. */
public final class Table {
    private final Schema schema;
    private final List<Column> columns;
    private final int rowCount;

    public Table(List<Column> columns) {
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("a table needs at least one column");
        }
        this.columns = List.copyOf(columns);
        this.rowCount = columns.get(0).size();
        List<ColumnSpec> specs = new ArrayList<>();
        for (Column c : columns) {
            if (c.size() != rowCount) {
                throw new IllegalArgumentException("column '" + c.name() + "' has " + c.size()
                        + " rows, expected " + rowCount);
            }
            specs.add(new ColumnSpec(c.name(), c.type()));
        }
        this.schema = new Schema(specs);
    }

    public Schema schema() {
        return schema;
    }

    public int rowCount() {
        return rowCount;
    }

    public int columnCount() {
        return columns.size();
    }

    public Column column(int index) {
        return columns.get(index);
    }

    public List<Column> columns() {
        return columns;
    }

    /** The named column, or an input error listing the available columns. */
    public Column column(String name, String role) {
        return columns.get(schema.require(name, role));
    }

    /** The names among {@code names} that this table has no column for, in their order. */
    public List<String> missing(List<String> names) {
        List<String> out = new java.util.ArrayList<>();
        for (String n : names) {
            if (schema.indexOf(n) < 0) {
                out.add(n);
            }
        }
        return out;
    }

    /**
     * The columns named {@code names}, in that order (how a table is put in a generator's or
     * another table's column order). Callers check {@link #missing} first to say what is wrong in
     * their own terms; a name still missing here is a bug.
     */
    public Table select(List<String> names) {
        List<Column> out = new java.util.ArrayList<>(names.size());
        for (String n : names) {
            int c = schema.indexOf(n);
            if (c < 0) {
                throw new IllegalArgumentException("no column '" + n + "' in " + schema.names());
            }
            out.add(columns.get(c));
        }
        return new Table(out);
    }

    /** Python {@code str()} text of a cell (see {@link Column#format}). */
    public String format(int row, int column) {
        return columns.get(column).format(row);
    }

    /** Rejects tables too small to work with, naming the table. */
    public void requireRows(int minimum, String what) {
        if (rowCount < minimum) {
            throw new HarmonicInputException(what + " has " + rowCount + " data rows; at least "
                    + minimum + " are needed");
        }
    }
}
