package org.harmonic.core.generator;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.harmonic.core.util.Seeds;
import org.harmonic.core.table.BooleanColumn;
import org.harmonic.core.table.CategoricalColumn;
import org.harmonic.core.table.Column;
import org.harmonic.core.table.ColumnProfile;
import org.harmonic.core.table.IntegerColumn;
import org.harmonic.core.table.NumericColumn;
import org.harmonic.core.table.Table;
import org.harmonic.core.table.TableProfile;

/**
 * Stage 1 of DP-LLMTGen (method.md B 8): a random table with the real table's schema, on which the
 * generator learns the row format without spending privacy. Every value is drawn independently:
 * a numeric column uniformly in [min, max], rounded to the column's decimals (whole numbers for
 * integer columns and for float columns whose values are all whole); a categorical or boolean
 * column uniformly over its categories. Only the schema is used: column names, category sets,
 * ranges and number formats are treated as public (supply public bounds with a public schema
 * when the real ones are sensitive).
 */
public final class FormatLearningTable {

    private FormatLearningTable() {
    }

    public static Table random(TableProfile schema, int rows, long seed) {
        SplittableRandom random = new SplittableRandom(Seeds.formatLearningTable(seed));
        List<Column> columns = new ArrayList<>();
        for (ColumnProfile c : schema.columns()) {
            columns.add(column(c, rows, random.split()));
        }
        return new Table(columns);
    }

    private static Column column(ColumnProfile c, int rows, SplittableRandom random) {
        double min = Double.isNaN(c.min()) ? 0 : c.min();
        double max = Double.isNaN(c.max()) ? 0 : c.max();
        switch (c.type()) {
            case INTEGER: {
                long[] values = new long[rows];
                for (int r = 0; r < rows; r++) {
                    values[r] = (long) min + (long) Math.floor(random.nextDouble() * ((long) max - (long) min + 1));
                }
                return new IntegerColumn(c.name(), values);
            }
            case NUMERIC: {
                double[] values = new double[rows];
                for (int r = 0; r < rows; r++) {
                    double v = min + random.nextDouble() * (max - min);
                    if (c.integralFloat()) {
                        v = Math.rint(v);
                    } else if (c.decimals() < 17) {
                        v = BigDecimal.valueOf(v).setScale(c.decimals(), RoundingMode.HALF_EVEN).doubleValue();
                    }
                    values[r] = Math.max(min, Math.min(max, v));
                }
                return new NumericColumn(c.name(), values);
            }
            case BOOLEAN: {
                boolean[] values = new boolean[rows];
                List<String> categories = c.categories().isEmpty() ? List.of("False", "True") : c.categories();
                for (int r = 0; r < rows; r++) {
                    values[r] = categories.get(random.nextInt(categories.size())).equals("True");
                }
                return new BooleanColumn(c.name(), values, new boolean[rows]);
            }
            default: {
                String[] values = new String[rows];
                List<String> categories = c.categories().isEmpty() ? List.of("") : c.categories();
                for (int r = 0; r < rows; r++) {
                    values[r] = categories.get(random.nextInt(categories.size()));
                }
                return new CategoricalColumn(c.name(), values);
            }
        }
    }
}
