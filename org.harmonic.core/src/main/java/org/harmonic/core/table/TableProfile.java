package org.harmonic.core.table;

import java.util.ArrayList;
import java.util.List;

/**
 * The schema a generator was trained on: columns in table order with their categories, ranges and
 * number formats, and the target column. Synthetic rows are checked against it.
 */
public record TableProfile(List<ColumnProfile> columns, String target) {

    public TableProfile {
        columns = List.copyOf(columns);
    }

    public static TableProfile of(Table table, String target) {
        List<ColumnProfile> columns = new ArrayList<>();
        for (Column c : table.columns()) {
            columns.add(ColumnProfile.of(c));
        }
        return new TableProfile(columns, target);
    }

    public int indexOf(String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    public List<String> names() {
        return columns.stream().map(ColumnProfile::name).toList();
    }
}
