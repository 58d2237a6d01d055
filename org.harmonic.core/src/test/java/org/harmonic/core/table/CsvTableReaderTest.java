package org.harmonic.core.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.harmonic.core.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvTableReaderTest {

    @TempDir
    Path dir;

    @Test
    void germanCreditTypesMatchPandas() {
        Table t = new CsvTableReader().read(TestData.resource("data/german_train.csv"));
        assertEquals(700, t.rowCount());
        assertEquals(21, t.columnCount());
        assertEquals(ColumnType.CATEGORICAL, t.column("Purpose", "test").type());
        assertEquals(ColumnType.INTEGER, t.column("Credit amount", "test").type());
        assertEquals(ColumnType.INTEGER, t.column("status", "test").type());
    }

    @Test
    void diabetesFloatsPrintLikePython() {
        Table t = new CsvTableReader().read(TestData.resource("data/diabetes_train.csv"));
        Column pregnancies = t.column("Pregnancies", "test");
        assertEquals(ColumnType.NUMERIC, pregnancies.type());
        assertEquals("10.0", pregnancies.format(0));
        assertEquals("0.285", t.column("DiabetesPedigreeFunction", "test").format(0));
    }

    @Test
    void integerColumnWithAGapBecomesNumericAndMissingMarkersAreRecognised() throws IOException {
        Path f = dir.resolve("t.csv");
        Files.writeString(f, "n,c,b\n48,x,True\n,?,False\n7,NA,True\n");
        Table t = new CsvTableReader().read(f);
        assertEquals(ColumnType.NUMERIC, t.column(0).type());
        assertEquals("48.0", t.format(0, 0));
        assertEquals("nan", t.format(1, 0));
        assertEquals(ColumnType.CATEGORICAL, t.column(1).type());
        assertTrue(t.column(1).isMissing(1) && t.column(1).isMissing(2));
        assertEquals(ColumnType.BOOLEAN, t.column(2).type());
        assertEquals("False", t.format(1, 2));
    }

    @Test
    void writtenTableReadsBackIdentically() throws IOException {
        Table t = new CsvTableReader().read(TestData.resource("data/diabetes_train.csv"));
        Path f = dir.resolve("copy.csv");
        new CsvTableWriter().write(t, f);
        Table back = new CsvTableReader().read(f);
        assertEquals(t.schema(), back.schema());
        StringWriter a = new StringWriter();
        StringWriter b = new StringWriter();
        new CsvTableWriter().write(t, a);
        new CsvTableWriter().write(back, b);
        assertEquals(a.toString(), b.toString());
        assertEquals(Files.readString(TestData.resource("data/diabetes_train.csv")).replace("\r\n", "\n"),
                a.toString());
    }

    @Test
    void anInfiniteNumberIsABadInputThatNamesColumnAndRow() throws IOException {
        for (String inf : new String[] {"inf", "-inf", "Infinity", "-Infinity"}) {
            Path file = dir.resolve("inf.csv");
            Files.writeString(file, "age,job\n31,a\n" + inf + ",b\n40,c\n");
            org.harmonic.core.util.HarmonicInputException e = org.junit.jupiter.api.Assertions.assertThrows(
                    org.harmonic.core.util.HarmonicInputException.class, () -> new CsvTableReader().read(file));
            assertTrue(e.getMessage().contains("column 'age'") && e.getMessage().contains("data row 2")
                    && e.getMessage().contains("infinite"), e.getMessage());
        }
        // NaN stays what it was: a missing value
        Path nan = dir.resolve("nan.csv");
        Files.writeString(nan, "age,job\n31,a\nNaN,b\n40,c\n");
        assertTrue(new CsvTableReader().read(nan).column("age", "test").isMissing(1));
    }
}
