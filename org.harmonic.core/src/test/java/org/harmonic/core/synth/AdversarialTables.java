package org.harmonic.core.synth;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.harmonic.core.table.Column;
import org.harmonic.core.table.ColumnType;
import org.harmonic.core.table.Table;
import org.harmonic.core.table.TypeInference;

/**
 * Seeded random tables whose values are hard on a tokenizer: census-style hyphenated categories
 * (often the most frequent value of their column), spaces, digits, punctuation, non-ASCII text,
 * categories that are prefixes or suffixes of one another or ordinary words the BPE learns as
 * single tokens, missing values, and integer and decimal columns with negative values.
 */
final class AdversarialTables {
    static final String TARGET = "income";

    private static final List<String[]> CATEGORY_POOLS = List.of(
            new String[] {"Self-emp-not-inc", "Private", "Self-emp-inc", "Local-gov", "State-gov", "Never-worked"},
            new String[] {"Married-civ-spouse", "Never-married", "Divorced", "Married-spouse-absent",
                "Married-AF-spouse", "Widowed"},
            new String[] {"HS-grad", "Some-college", "Bachelors", "Assoc-acdm", "Masters", "7th-8th", "Doctorate"},
            new String[] {"United-States", "Mexico", "é", "Outlying-US(Guam-USVI-etc)", "Trinadad&Tobago", "Zürich",
                "café", "São Paulo", "St. Gallen"},
            new String[] {"A", "AB", "B-A", "B", "BA", "A-B", "A-", "-A"},
            new String[] {"Male", "Female", "the", "a table", "Human", "Assistant", "age", "nan-ish"},
            new String[] {"R&D", "O'Brien", "A/B", "(x)", "1-2", "3rd", "A171", "x.y", "Exec-managerial"});
    private static final List<String> COLUMN_NAMES = List.of("workclass", "marital-status", "education",
            "native country", "code", "word", "misc");

    private AdversarialTables() {
    }

    /** A table of {@code rows} rows drawn with {@code seed}. */
    static Table random(long seed, int rows) {
        Random random = new Random(seed);
        List<Column> columns = new ArrayList<>();
        for (int p = 0; p < CATEGORY_POOLS.size(); p++) {
            if (p > 0 && random.nextInt(4) == 0) {
                continue; // not every table has every kind of column
            }
            String[] pool = CATEGORY_POOLS.get(p);
            int used = 2 + random.nextInt(pool.length - 1);
            boolean missing = random.nextInt(3) == 0;
            String[] cells = new String[rows];
            for (int r = 0; r < rows; r++) {
                // the first value dominates its column, as "United-States" (92 %) does in census data
                int pick = random.nextDouble() < 0.6 ? 0 : random.nextInt(used);
                cells[r] = missing && random.nextInt(8) == 0 ? null : pool[pick];
            }
            columns.add(TypeInference.column(COLUMN_NAMES.get(p), cells, ColumnType.CATEGORICAL));
        }
        columns.add(TypeInference.column("age", integers(random, rows), ColumnType.INTEGER));
        columns.add(TypeInference.column("balance", decimals(random, rows), ColumnType.NUMERIC));
        String[] income = new String[rows];
        for (int r = 0; r < rows; r++) {
            income[r] = random.nextInt(3) == 0 ? ">50K" : "<=50K";
        }
        columns.add(TypeInference.column(TARGET, income, ColumnType.CATEGORICAL));
        return new Table(columns);
    }

    private static String[] integers(Random random, int rows) {
        String[] cells = new String[rows];
        for (int r = 0; r < rows; r++) {
            cells[r] = Integer.toString(random.nextInt(200) - 60);
        }
        return cells;
    }

    private static String[] decimals(Random random, int rows) {
        String[] cells = new String[rows];
        for (int r = 0; r < rows; r++) {
            cells[r] = random.nextInt(10) == 0 ? null
                    : String.format(Locale.ROOT, "%.2f", (random.nextDouble() - 0.4) * 5000);
        }
        return cells;
    }
}
