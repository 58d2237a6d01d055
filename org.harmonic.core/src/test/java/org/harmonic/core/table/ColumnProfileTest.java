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

    /** The columns sampled at the category temperature: few categories, or whole numbers in a narrow range. */
    @Test
    void fewValuesAreTenCategoriesOrWholeNumbersSpanningFive() throws Exception {
        Table german = new CsvTableReader().read(org.harmonic.core.TestData.resource("data/german_train.csv"));
        List<String> few = new java.util.ArrayList<>();
        for (int c = 0; c < german.columnCount(); c++) {
            if (ColumnProfile.of(german.column(c)).fewValues()) {
                few.add(german.schema().columns().get(c).name());
            }
        }
        // every text column (Purpose has exactly 10 categories), the four narrow counts and the 0/1 label; not
        // duration, amount or age
        assertEquals(List.of("Status of existing checking account", "Credit history", "Purpose",
                "Savings account/bonds", "Present employment since",
                "Installment rate in percentage of disposable income", "Personal status and sex",
                "Other debtors / guarantors", "Present residence since", "Property", "Other installment plans",
                "Housing", "Number of existing credits at this bank", "Job",
                "Number of people being liable to provide maintenance for", "Telephone", "foreign worker", "status"),
                few);
        String[] eleven = new String[11];
        for (int i = 0; i < eleven.length; i++) {
            eleven[i] = "c" + i;
        }
        assertEquals(false, ColumnProfile.of(new CategoricalColumn("many", eleven)).fewValues());
        assertEquals(true, ColumnProfile.of(new IntegerColumn("span5", new long[] {3, 8})).fewValues());
        assertEquals(false, ColumnProfile.of(new IntegerColumn("span6", new long[] {3, 9})).fewValues());
        assertEquals(false, ColumnProfile.of(new NumericColumn("decimals", new double[] {0.5, 1.5})).fewValues());
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
