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
 * generator learns the row format, and how a row relates to the rows shown beside it, without spending
 * privacy. Only the schema is used: column names, category sets, ranges and number formats are treated as
 * public (supply public bounds with a public schema when the real ones are sensitive).
 *
 * <p>The rows come in neighbourhoods: {@link #GROUP_SIZE} rows on average are drawn around one random
 * prototype, each value the prototype's with probability {@link #KEEP} (a number moved by up to
 * {@link #JITTER} of its column's range) and otherwise drawn independently. A table of independent values
 * (the reference's recipe) has no neighbourhoods to learn from: the model learns the format and nothing of
 * what its k nearest rows say about a row, and that skill, left to the noisy private stage, never formed
 * (docs/quality.md section 24: German credit at epsilon 8, MLE ratio -0.10 to 0.08). Learned here it is
 * public, and the private stage only has to fit the real table. A value is drawn uniformly: a number in
 * [min, max] rounded to the column's decimals (whole numbers for integer columns and float columns whose
 * values are all whole), a category or boolean uniformly over the column's values.
 */
public final class FormatLearningTable {

    /** Rows per neighbourhood, on average (the prototype of each row is drawn uniformly). */
    static final int GROUP_SIZE = 8;
    /** Probability that a value is its prototype's rather than an independent draw. */
    static final double KEEP = 0.85;
    /** Largest move of a kept number, as a share of its column's range. */
    static final double JITTER = 0.05;

    private FormatLearningTable() {
    }

    public static Table random(TableProfile schema, int rows, long seed) {
        SplittableRandom random = new SplittableRandom(Seeds.formatLearningTable(seed));
        int prototypes = Math.max(1, rows / GROUP_SIZE);
        int[] owner = new int[rows];
        for (int r = 0; r < rows; r++) {
            owner[r] = random.nextInt(prototypes);
        }
        List<Column> columns = new ArrayList<>();
        for (ColumnProfile c : schema.columns()) {
            Column prototype = column(c, prototypes, random.split());
            Column independent = column(c, rows, random.split());
            columns.add(neighbourhoods(c, prototype, independent, owner, random.split()));
        }
        return new Table(columns);
    }

    /** Row r: prototype {@code owner[r]}'s value with probability {@link #KEEP}, else {@code independent}'s. */
    private static Column neighbourhoods(ColumnProfile c, Column prototype, Column independent, int[] owner,
            SplittableRandom random) {
        int rows = owner.length;
        double min = low(c);
        double max = high(c);
        switch (c.type()) {
            case INTEGER: {
                long[] values = new long[rows];
                for (int r = 0; r < rows; r++) {
                    values[r] = random.nextDouble() < KEEP
                            ? Math.max((long) min, Math.min((long) max, Math.round(((IntegerColumn) prototype)
                                    .value(owner[r]) + moved(random, min, max))))
                            : ((IntegerColumn) independent).value(r);
                }
                return new IntegerColumn(c.name(), values);
            }
            case NUMERIC: {
                double[] values = new double[rows];
                for (int r = 0; r < rows; r++) {
                    values[r] = random.nextDouble() < KEEP
                            ? inColumn(c, prototype.number(owner[r]) + moved(random, min, max), min, max)
                            : independent.number(r);
                }
                return new NumericColumn(c.name(), values);
            }
            case BOOLEAN: {
                boolean[] values = new boolean[rows];
                for (int r = 0; r < rows; r++) {
                    values[r] = random.nextDouble() < KEEP ? ((BooleanColumn) prototype).value(owner[r])
                            : ((BooleanColumn) independent).value(r);
                }
                return new BooleanColumn(c.name(), values, new boolean[rows]);
            }
            default: {
                String[] values = new String[rows];
                for (int r = 0; r < rows; r++) {
                    values[r] = random.nextDouble() < KEEP ? ((CategoricalColumn) prototype).value(owner[r])
                            : ((CategoricalColumn) independent).value(r);
                }
                return new CategoricalColumn(c.name(), values);
            }
        }
    }

    /** The column's smallest value; 0 for a column without values. */
    private static double low(ColumnProfile c) {
        return Double.isNaN(c.min()) ? 0 : c.min();
    }

    /** The column's largest value; 0 for a column without values. */
    private static double high(ColumnProfile c) {
        return Double.isNaN(c.max()) ? 0 : c.max();
    }

    /** A uniform move of at most {@link #JITTER} of the range [min, max], either way. */
    private static double moved(SplittableRandom random, double min, double max) {
        return (random.nextDouble() * 2 - 1) * JITTER * (max - min);
    }

    /** {@code v} in the column's format (rounded to its decimals) and range. */
    private static double inColumn(ColumnProfile c, double v, double min, double max) {
        if (c.integralFloat()) {
            v = Math.rint(v);
        } else if (c.decimals() < 17) {
            v = BigDecimal.valueOf(v).setScale(c.decimals(), RoundingMode.HALF_EVEN).doubleValue();
        }
        return Math.max(min, Math.min(max, v));
    }

    private static Column column(ColumnProfile c, int rows, SplittableRandom random) {
        double min = low(c);
        double max = high(c);
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
                    values[r] = inColumn(c, min + random.nextDouble() * (max - min), min, max);
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
