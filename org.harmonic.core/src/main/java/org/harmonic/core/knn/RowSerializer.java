package org.harmonic.core.knn;

import org.harmonic.core.table.Table;
import org.harmonic.core.util.PythonJson;

/**
 * Renders a table row as the reference's one-line JSON object (method.md B 3.4): keys in the
 * given column order, every value a string holding Python's {@code str()} of the cell, ", " and
 * ": " separators. Unlike the reference, keys and values are JSON-escaped, so a value with a
 * quote or a newline still yields valid JSON; for ordinary values the text is identical.
 */
public final class RowSerializer {
    private final Table table;
    /** {@code "name": } prefix of each column, escaped once. */
    private final String[] keys;

    public RowSerializer(Table table) {
        this.table = table;
        this.keys = new String[table.columnCount()];
        for (int c = 0; c < keys.length; c++) {
            keys[c] = PythonJson.quote(table.schema().get(c).name()) + ": ";
        }
    }

    /** The row with columns in {@code order} (indexes into the table's columns). */
    public String serialize(int row, int[] order) {
        StringBuilder out = new StringBuilder(32 * order.length);
        serialize(row, order, out);
        return out.toString();
    }

    public void serialize(int row, int[] order, StringBuilder out) {
        out.append('{');
        for (int i = 0; i < order.length; i++) {
            if (i > 0) {
                out.append(", ");
            }
            int c = order[i];
            out.append(keys[c]);
            PythonJson.quote(table.format(row, c), out);
        }
        out.append('}');
    }
}
