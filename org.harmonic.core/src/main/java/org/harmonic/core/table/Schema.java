package org.harmonic.core.table;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.harmonic.core.util.HarmonicInputException;

/** Ordered column names and types of a table. */
public record Schema(List<ColumnSpec> columns) {

    public Schema {
        columns = List.copyOf(columns);
    }

    public int size() {
        return columns.size();
    }

    public ColumnSpec get(int index) {
        return columns.get(index);
    }

    public List<String> names() {
        return columns.stream().map(ColumnSpec::name).collect(Collectors.toList());
    }

    /** Index of the column, or -1. */
    public int indexOf(String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Index of a column the user named (a target, a condition), failing with a message that lists
     * the available columns.
     */
    public int require(String name, String role) {
        int index = indexOf(name);
        if (index < 0) {
            List<String> names = new ArrayList<>(names());
            throw new HarmonicInputException(role + " column '" + name + "' is not in the table; "
                    + "available columns: " + String.join(", ", names));
        }
        return index;
    }
}
