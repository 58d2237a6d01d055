package org.harmonic.knime.nodes.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.harmonic.core.table.BooleanColumn;
import org.harmonic.core.table.CategoricalColumn;
import org.harmonic.core.table.ColumnType;
import org.harmonic.core.table.IntegerColumn;
import org.harmonic.core.table.NumericColumn;
import org.harmonic.core.table.Table;
import org.harmonic.knime.nodes.TestTables;
import org.junit.jupiter.api.Test;
import org.knime.core.data.DataColumnSpecCreator;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataType;
import org.knime.core.data.RowKey;
import org.knime.core.data.def.BooleanCell;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.data.def.IntCell;
import org.knime.core.data.def.LongCell;
import org.knime.core.data.def.StringCell;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.DefaultNodeProgressMonitor;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.NodeModelHarness;

/** KNIME types map onto core column types and back, missing cells included. */
class KnimeTablesTest {

    private static DataTableSpec spec() {
        return new DataTableSpec(
            new DataColumnSpecCreator("flag", BooleanCell.TYPE).createSpec(),
            new DataColumnSpecCreator("count", IntCell.TYPE).createSpec(),
            new DataColumnSpecCreator("big", LongCell.TYPE).createSpec(),
            new DataColumnSpecCreator("x", DoubleCell.TYPE).createSpec(),
            new DataColumnSpecCreator("city", StringCell.TYPE).createSpec());
    }

    private static BufferedDataTable table(final ExecutionContext exec) {
        DataRow r0 = new DefaultRow(new RowKey("a"), BooleanCell.TRUE, new IntCell(3), new LongCell(1L << 40),
            new DoubleCell(0.1), new StringCell("Bern"));
        DataRow r1 = new DefaultRow(new RowKey("b"), DataType.getMissingCell(), DataType.getMissingCell(),
            DataType.getMissingCell(), DataType.getMissingCell(), DataType.getMissingCell());
        DataRow r2 = new DefaultRow(new RowKey("c"), BooleanCell.FALSE, new IntCell(-7), new LongCell(5),
            new DoubleCell(1e-5), new StringCell("Zürich"));
        return NodeModelHarness.table(exec, spec(), List.of(r0, r1, r2));
    }

    @Test
    void knimeColumnsBecomeTypedCoreColumnsWithMissingValues() throws Exception {
        KnimeTables.Converted c = KnimeTables.toTable(table(NodeModelHarness.newContext()),
            NodeModelHarness.newContext());
        Table t = c.table();
        assertEquals(List.of("a", "b", "c"), c.rowIds());
        assertEquals(List.of(ColumnType.BOOLEAN, ColumnType.INTEGER, ColumnType.INTEGER, ColumnType.NUMERIC,
            ColumnType.CATEGORICAL), t.schema().columns().stream().map(s -> s.type()).toList());
        assertTrue(((BooleanColumn)t.column(0)).value(0));
        assertEquals(1L << 40, ((IntegerColumn)t.column(2)).value(0));
        assertEquals("0.1", t.format(0, 3));
        assertEquals("1e-05", t.format(2, 3), "Python float text, as the CSV path gives");
        assertEquals("Zürich", ((CategoricalColumn)t.column(4)).value(2));
        for (int col = 0; col < 5; col++) {
            assertTrue(t.column(col).isMissing(1), "column " + col + " keeps the missing cell");
            assertEquals("nan", t.format(1, col));
        }
    }

    @Test
    void coreTablesComeBackWithTheSameValues() throws Exception {
        ExecutionContext exec = NodeModelHarness.newContext();
        Table original = KnimeTables.toTable(table(exec), exec).table();
        BufferedDataTable knime = KnimeTables.toKnime(original, exec);
        assertEquals(IntCell.TYPE, knime.getDataTableSpec().getColumnSpec("count").getType());
        assertEquals(LongCell.TYPE, knime.getDataTableSpec().getColumnSpec("big").getType(), "too big for int");
        Table back = KnimeTables.toTable(knime, exec).table();
        for (int r = 0; r < 3; r++) {
            for (int col = 0; col < 5; col++) {
                assertEquals(original.format(r, col), back.format(r, col), "row " + r + " column " + col);
            }
        }
    }

    @Test
    void germanCreditSurvivesTheRoundTrip() throws Exception {
        Table csv = TestTables.germanCore();
        Table back = KnimeTables.toTable(TestTables.germanKnime(), NodeModelHarness.newContext()).table();
        assertEquals(csv.schema(), back.schema());
        for (int r = 0; r < csv.rowCount(); r++) {
            for (int col = 0; col < csv.columnCount(); col++) {
                assertEquals(csv.format(r, col), back.format(r, col));
            }
        }
        assertTrue(csv.column(4) instanceof IntegerColumn);
        assertTrue(back.column(0) instanceof CategoricalColumn);
        assertTrue(new NumericColumn("n", new double[] {Double.NaN}).isMissing(0));
    }

    @Test
    void conversionHonoursCancel() throws Exception {
        DefaultNodeProgressMonitor monitor = new DefaultNodeProgressMonitor();
        monitor.setExecuteCanceled();
        BufferedDataTable german = TestTables.germanKnime();
        assertThrows(CanceledExecutionException.class,
            () -> KnimeTables.toTable(german, NodeModelHarness.newContext(monitor)));
    }
}
