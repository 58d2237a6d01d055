package org.harmonic.core.synth;

import java.util.List;

import org.harmonic.core.table.ColumnProfile;
import org.harmonic.core.table.ColumnType;
import org.harmonic.core.table.PythonFormat;
import org.harmonic.core.table.Table;

/**
 * Canonical text of a row for the privacy guard: numbers are compared at the column's precision
 * (an integer by its digits, a decimal by its Python repr, so {@code 33.60} equals {@code 33.6}),
 * categories verbatim, missing values as {@code nan}.
 */
final class RowKeys {
    private final List<ColumnProfile> columns;

    RowKeys(List<ColumnProfile> columns) {
        this.columns = columns;
    }

    /** The key of cells given in schema order (null = missing). */
    String key(String[] cells) {
        StringBuilder out = new StringBuilder();
        for (int c = 0; c < cells.length; c++) {
            out.append(columns.get(c).canonical(cells[c])).append('\u0000');
        }
        return out.toString();
    }

    /** The key of a table row; the table's columns must be in schema order. */
    String key(Table table, int row) {
        String[] cells = new String[table.columnCount()];
        for (int c = 0; c < cells.length; c++) {
            cells[c] = table.column(c).isMissing(row) ? null : table.format(row, c);
        }
        return key(cells);
    }
}
