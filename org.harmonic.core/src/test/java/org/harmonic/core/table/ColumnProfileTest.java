package org.harmonic.core.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

class ColumnProfileTest {

    /** How rows are compared (copy guard, label shares, DLT): one text per value, whatever its spelling. */
    @Test
    void canonicalTextIsTheColumnsPrecisionForNumbersAndVerbatimForText() {
        ColumnProfile age = ColumnProfile.of(new IntegerColumn("age", new long[] {21, 60}));
        assertEquals("33", age.canonical("33.0"));
        assertEquals("33", age.canonical("33"));
        assertEquals("33.5", age.canonical("33.5"));
        ColumnProfile bmi = ColumnProfile.of(new NumericColumn("bmi", new double[] {22.5, 31.25}));
        assertEquals("0.1", bmi.canonical("0.10"));
        assertEquals("30.0", bmi.canonical("30"));
        ColumnProfile purpose = ColumnProfile.of(new CategoricalColumn("purpose", new String[] {"A40", "A41"}));
        assertEquals("A40", purpose.canonical("A40"));
        assertEquals("01", purpose.canonical("01"));
        assertEquals("not a number", bmi.canonical("not a number"));
        for (ColumnProfile p : List.of(age, bmi, purpose)) {
            assertEquals("nan", p.canonical(null));
            assertEquals("nan", p.canonical("nan"));
        }
    }

    @Test
    void aTableIsPutInAnotherColumnOrderAndSaysWhichNamesItLacks() {
        Table t = new Table(List.of(new IntegerColumn("a", new long[] {1, 2}),
                new CategoricalColumn("b", new String[] {"x", "y"})));
        assertEquals(List.of("c"), t.missing(List.of("b", "c", "a")));
        Table swapped = t.select(List.of("b", "a"));
        assertEquals(List.of("b", "a"), swapped.schema().names());
        assertEquals("y", swapped.format(1, 0));
        assertThrows(IllegalArgumentException.class, () -> t.select(List.of("c")));
    }
}
