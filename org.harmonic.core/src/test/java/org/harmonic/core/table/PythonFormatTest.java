package org.harmonic.core.table;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

import org.harmonic.core.TestData;
import org.junit.jupiter.api.Test;

class PythonFormatTest {

    @Test
    void documentedExamples() {
        assertEquals("10.0", PythonFormat.floatRepr(10.0));
        assertEquals("1e-05", PythonFormat.floatRepr(1e-5));
        assertEquals("1508544000.0", PythonFormat.floatRepr(1508544000.0));
        assertEquals("0.285", PythonFormat.floatRepr(0.285));
        assertEquals("nan", PythonFormat.floatRepr(Double.NaN));
        assertEquals("-inf", PythonFormat.floatRepr(Double.NEGATIVE_INFINITY));
    }

    /** table/float_repr.tsv holds Python's repr() of ~3,100 doubles (see make_float_repr.py beside it). */
    @Test
    void equalsPythonReprForThousandsOfDoubles() throws IOException {
        List<String> lines = Files.readAllLines(TestData.resource("table/float_repr.tsv"));
        for (String line : lines) {
            String[] parts = line.split("\t");
            double value = Double.longBitsToDouble(Long.parseUnsignedLong(parts[0], 16));
            assertEquals(parts[1], PythonFormat.floatRepr(value), "bits " + parts[0]);
        }
    }
}
