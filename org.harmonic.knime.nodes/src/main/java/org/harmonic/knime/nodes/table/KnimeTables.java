package org.harmonic.knime.nodes.table;

import java.util.ArrayList;
import java.util.List;

import org.harmonic.core.table.BooleanColumn;
import org.harmonic.core.table.CategoricalColumn;
import org.harmonic.core.table.Column;
import org.harmonic.core.table.ColumnSpec;
import org.harmonic.core.table.ColumnType;
import org.harmonic.core.table.IntegerColumn;
import org.harmonic.core.table.NumericColumn;
import org.harmonic.core.table.Schema;
import org.harmonic.core.table.Table;
import org.harmonic.core.util.HarmonicInputException;
import org.knime.core.data.BooleanValue;
import org.knime.core.data.DataCell;
import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataType;
import org.knime.core.data.DoubleValue;
import org.knime.core.data.IntValue;
import org.knime.core.data.LongValue;
import org.knime.core.data.RowKey;
import org.knime.core.data.StringValue;
import org.knime.core.data.container.CloseableRowIterator;
import org.knime.core.data.def.BooleanCell;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.data.def.IntCell;
import org.knime.core.data.def.LongCell;
import org.knime.core.data.def.StringCell;
import org.knime.core.node.BufferedDataContainer;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.ExecutionMonitor;

/**
 * Converts between KNIME tables and the core's columnar {@link Table}.
 *
 * <p>KNIME column types map to core column types as follows (the first that fits wins):
 * boolean → {@code BOOLEAN}; int or long → {@code INTEGER}; double → {@code NUMERIC}; anything
 * else → {@code CATEGORICAL}, using the string value (or the cell's text for other types, e.g.
 * dates). Missing cells stay missing in every type; in double columns NaN counts as missing, as
 * in the core. Back to KNIME: {@code INTEGER} becomes int cells when every value fits an int,
 * else long cells; {@code NUMERIC} double; {@code CATEGORICAL} string; {@code BOOLEAN} boolean.
 */
public final class KnimeTables {
    /** Rows between two cancel checks / progress reports. */
    private static final int CHECK_EVERY = 1024;

    private KnimeTables() {
    }

    /**
     * A converted table and the KNIME row IDs of its rows, in order.
     *
     * @param table  the core table
     * @param rowIds KNIME row ID of each core row
     */
    public record Converted(Table table, List<String> rowIds) {
    }

    /** The core column type a KNIME column becomes. */
    public static ColumnType columnType(final DataType type) {
        if (type.isCompatible(BooleanValue.class)) {
            return ColumnType.BOOLEAN;
        }
        if (type.isCompatible(IntValue.class) || type.isCompatible(LongValue.class)) {
            return ColumnType.INTEGER;
        }
        if (type.isCompatible(DoubleValue.class)) {
            return ColumnType.NUMERIC;
        }
        return ColumnType.CATEGORICAL;
    }

    /** The core schema a KNIME table spec becomes (what configure can know). */
    public static Schema schema(final DataTableSpec spec) {
        List<ColumnSpec> columns = new ArrayList<>();
        for (DataColumnSpec c : spec) {
            columns.add(new ColumnSpec(c.getName(), columnType(c.getType())));
        }
        return new Schema(columns);
    }

    /** Reads a KNIME table into a core table, reporting progress and honouring cancel. */
    public static Converted toTable(final BufferedDataTable in, final ExecutionMonitor exec)
            throws CanceledExecutionException {
        DataTableSpec spec = in.getDataTableSpec();
        if (spec.getNumColumns() == 0) {
            throw new HarmonicInputException("the input table has no columns");
        }
        long size = in.size();
        if (size > Integer.MAX_VALUE) {
            throw new HarmonicInputException("the input table has " + size + " rows; at most " + Integer.MAX_VALUE
                + " fit one table, split it (e.g. with a chunk loop)");
        }
        int n = (int)size;
        int cols = spec.getNumColumns();
        ColumnType[] types = new ColumnType[cols];
        Object[] values = new Object[cols];
        boolean[][] missing = new boolean[cols][];
        for (int c = 0; c < cols; c++) {
            types[c] = columnType(spec.getColumnSpec(c).getType());
            missing[c] = new boolean[n];
            values[c] = switch (types[c]) {
                case BOOLEAN -> new boolean[n];
                case INTEGER -> new long[n];
                case NUMERIC -> new double[n];
                case CATEGORICAL -> new String[n];
            };
        }
        List<String> rowIds = new ArrayList<>(n);
        int r = 0;
        try (CloseableRowIterator rows = in.iterator()) {
            while (rows.hasNext()) {
                DataRow row = rows.next();
                if (r % CHECK_EVERY == 0) {
                    exec.checkCanceled();
                    exec.setProgress(n == 0 ? 1 : r / (double)n, "reading rows");
                }
                rowIds.add(row.getKey().getString());
                for (int c = 0; c < cols; c++) {
                    read(row.getCell(c), types[c], values[c], missing[c], r);
                }
                r++;
            }
        }
        List<Column> columns = new ArrayList<>(cols);
        for (int c = 0; c < cols; c++) {
            String name = spec.getColumnSpec(c).getName();
            boolean[] m = anyTrue(missing[c]) ? missing[c] : null;
            columns.add(switch (types[c]) {
                case BOOLEAN -> new BooleanColumn(name, (boolean[])values[c], m);
                case INTEGER -> new IntegerColumn(name, (long[])values[c], m);
                case NUMERIC -> new NumericColumn(name, (double[])values[c]);
                case CATEGORICAL -> new CategoricalColumn(name, (String[])values[c]);
            });
        }
        exec.setProgress(1, "table read");
        return new Converted(new Table(columns), rowIds);
    }

    private static void read(final DataCell cell, final ColumnType type, final Object values,
            final boolean[] missing, final int r) {
        if (cell.isMissing()) {
            missing[r] = true;
            switch (type) {
                case NUMERIC -> ((double[])values)[r] = Double.NaN;
                case CATEGORICAL -> ((String[])values)[r] = null;
                default -> {
                    // the missing mask says it
                }
            }
            return;
        }
        switch (type) {
            case BOOLEAN -> ((boolean[])values)[r] = ((BooleanValue)cell).getBooleanValue();
            case INTEGER -> ((long[])values)[r] = ((LongValue)cell).getLongValue();
            case NUMERIC -> {
                double d = ((DoubleValue)cell).getDoubleValue();
                ((double[])values)[r] = d;
                missing[r] = Double.isNaN(d);
            }
            case CATEGORICAL -> ((String[])values)[r] =
                cell instanceof StringValue ? ((StringValue)cell).getStringValue() : cell.toString();
        }
    }

    private static boolean anyTrue(final boolean[] values) {
        for (boolean b : values) {
            if (b) {
                return true;
            }
        }
        return false;
    }

    /** The KNIME spec a core schema becomes, given whether each integer column fits int cells. */
    public static DataTableSpec spec(final Table table) {
        DataColumnSpec[] columns = new DataColumnSpec[table.columnCount()];
        for (int c = 0; c < columns.length; c++) {
            Column column = table.column(c);
            columns[c] = new org.knime.core.data.DataColumnSpecCreator(column.name(), knimeType(column))
                .createSpec();
        }
        return new DataTableSpec(columns);
    }

    private static DataType knimeType(final Column column) {
        return switch (column.type()) {
            case BOOLEAN -> BooleanCell.TYPE;
            case NUMERIC -> DoubleCell.TYPE;
            case CATEGORICAL -> StringCell.TYPE;
            case INTEGER -> fitsInt((IntegerColumn)column) ? IntCell.TYPE : LongCell.TYPE;
        };
    }

    private static boolean fitsInt(final IntegerColumn column) {
        for (int r = 0; r < column.size(); r++) {
            long v = column.value(r);
            if (!column.isMissing(r) && (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE)) {
                return false;
            }
        }
        return true;
    }

    /** Writes a core table as a KNIME table with row IDs Row0, Row1, ... */
    public static BufferedDataTable toKnime(final Table table, final ExecutionContext exec)
            throws CanceledExecutionException {
        return toKnime(table, spec(table), exec);
    }

    /**
     * Writes a core table into a spec announced before the rows existed (a node's configure):
     * the same column names in the same order; integer columns become int or long cells as the
     * spec says, and a string column takes any value's text.
     */
    public static BufferedDataTable toKnime(final Table table, final DataTableSpec spec, final ExecutionContext exec)
            throws CanceledExecutionException {
        int n = table.rowCount();
        int cols = table.columnCount();
        if (spec.getNumColumns() != cols) {
            throw new IllegalArgumentException("spec has " + spec.getNumColumns() + " columns, table " + cols);
        }
        DataType[] types = new DataType[cols];
        for (int c = 0; c < cols; c++) {
            DataColumnSpec column = spec.getColumnSpec(c);
            if (!column.getName().equals(table.column(c).name())) {
                throw new IllegalArgumentException("column " + c + " is '" + table.column(c).name() + "', the spec says '"
                    + column.getName() + "'");
            }
            types[c] = column.getType();
        }
        BufferedDataContainer out = exec.createDataContainer(spec);
        for (int r = 0; r < n; r++) {
            if (r % CHECK_EVERY == 0) {
                exec.checkCanceled();
                exec.setProgress(r / (double)n, "writing rows");
            }
            DataCell[] cells = new DataCell[cols];
            for (int c = 0; c < cols; c++) {
                cells[c] = cell(table.column(c), r, types[c]);
            }
            out.addRowToTable(new DefaultRow(RowKey.createRowKey((long)r), cells));
        }
        out.close();
        exec.setProgress(1, "rows written");
        return out.getTable();
    }

    private static DataCell cell(final Column column, final int r, final DataType type) {
        if (column.isMissing(r)) {
            return DataType.getMissingCell();
        }
        if (StringCell.TYPE.equals(type)) {
            return new StringCell(column.type() == ColumnType.CATEGORICAL ? ((CategoricalColumn)column).value(r)
                : column.format(r));
        }
        return switch (column.type()) {
            case BOOLEAN -> BooleanCell.BooleanCellFactory.create(((BooleanColumn)column).value(r));
            case NUMERIC -> new DoubleCell(column.number(r));
            case CATEGORICAL -> new StringCell(((CategoricalColumn)column).value(r));
            case INTEGER -> IntCell.TYPE.equals(type) ? new IntCell(Math.toIntExact(((IntegerColumn)column).value(r)))
                : new LongCell(((IntegerColumn)column).value(r));
        };
    }
}
