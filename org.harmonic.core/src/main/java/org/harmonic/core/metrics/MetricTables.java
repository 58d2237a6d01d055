package org.harmonic.core.metrics;

import java.util.ArrayList;
import java.util.List;

import org.harmonic.core.knn.TaskType;
import org.harmonic.core.table.Column;
import org.harmonic.core.table.ColumnType;
import org.harmonic.core.table.Table;

/**
 * The tables a metric works on, aligned column by column to the real training table's order,
 * with every column read in its role (SDMetrics' metadata): integer and numeric columns are
 * numerical, except a classification target, which is categorical like text and boolean columns.
 *
 * @param real       real training table as read
 * @param synthetic  synthetic table as read (same column names, any order)
 * @param test       real test table, or null
 * @param target     index of the target column in the real table
 * @param task       prediction task of the target
 * @param realCols   real columns in their roles
 * @param synCols    synthetic columns in their roles, in the real table's order
 * @param testCols   test columns in their roles, or null
 */
public record MetricTables(Table real, Table synthetic, Table test, int target, TaskType task,
        List<ColumnValues> realCols, List<ColumnValues> synCols, List<ColumnValues> testCols) {

    public static MetricTables of(Table real, Table synthetic, Table test, int target, TaskType task) {
        List<ColumnValues> r = new ArrayList<>();
        List<ColumnValues> s = new ArrayList<>();
        List<ColumnValues> t = test == null ? null : new ArrayList<>();
        for (int c = 0; c < real.columnCount(); c++) {
            Column column = real.column(c);
            boolean numerical = isNumerical(column.type(), c == target, task);
            boolean numbersByValue = column.type().isNumber();
            r.add(read(column, numerical, numbersByValue));
            s.add(read(synthetic.column(column.name(), "synthetic"), numerical, numbersByValue));
            if (t != null) {
                t.add(read(test.column(column.name(), "test"), numerical, numbersByValue));
            }
        }
        return new MetricTables(real, synthetic, test, target, task, List.copyOf(r), List.copyOf(s),
                t == null ? null : List.copyOf(t));
    }

    /** SDMetrics role of a column: numbers are numerical unless the column is a class label. */
    public static boolean isNumerical(ColumnType type, boolean isTarget, TaskType task) {
        if (isTarget) {
            return !task.isClassification() && type.isNumber();
        }
        return type.isNumber();
    }

    public static ColumnValues read(Column column, boolean numerical, boolean numbersByValue) {
        return numerical ? ColumnValues.numerical(column) : ColumnValues.categorical(column, numbersByValue);
    }

    public int columnCount() {
        return realCols.size();
    }

    public String name(int column) {
        return realCols.get(column).name();
    }

    public boolean numerical(int column) {
        return realCols.get(column).numerical();
    }

    public String targetName() {
        return name(target);
    }
}
