package org.harmonic.cli.bench;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.harmonic.core.table.Column;
import org.harmonic.core.table.ColumnProfile;
import org.harmonic.core.table.ColumnType;
import org.harmonic.core.table.CsvTableReader;
import org.harmonic.core.table.CsvTableWriter;
import org.harmonic.core.table.PythonFormat;
import org.harmonic.core.table.Table;
import org.harmonic.core.table.TypeInference;

/**
 * A SMOTE-style interpolation baseline for {@code bench/paper-table} (the paper's "SMOTE"
 * column): for each synthetic row pick a random real row, one of its k nearest neighbours of the
 * same class, and a uniform lambda in [0, 1); numbers are x + lambda (neighbour - x) (integers
 * rounded, decimals kept at the column's precision), categories come from either row (the
 * neighbour's with probability lambda), the class is kept. Distance: numbers min-max scaled, a
 * category mismatch counts 1. Rows are drawn uniformly, so the class balance of the real table is
 * kept. Not a metric and not part of the method; usage:
 * {@code java -cp harmonic-core.jar org.harmonic.cli.bench.InterpolationBaseline TRAIN.csv TARGET ROWS SEED OUT.csv [K]}
 */
public final class InterpolationBaseline {

    private InterpolationBaseline() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 5) {
            System.err.println("usage: InterpolationBaseline TRAIN.csv TARGET ROWS SEED OUT.csv [K]");
            System.exit(2);
        }
        Table real = new CsvTableReader().read(Path.of(args[0]));
        int k = args.length > 5 ? Integer.parseInt(args[5]) : 5;
        Table syn = generate(real, real.schema().require(args[1], "target"), Integer.parseInt(args[2]), k,
                Long.parseLong(args[3]));
        new CsvTableWriter().write(syn, Path.of(args[4]));
    }

    /** {@code rows} interpolated rows from {@code real}. */
    public static Table generate(Table real, int target, int rows, int k, long seed) {
        int n = real.rowCount();
        int cols = real.columnCount();
        ColumnProfile[] profiles = new ColumnProfile[cols];
        for (int c = 0; c < cols; c++) {
            profiles[c] = ColumnProfile.of(real.column(c));
        }
        String[] label = new String[n];
        for (int r = 0; r < n; r++) {
            label[r] = real.format(r, target);
        }
        int[][] neighbours = new int[n][];
        SplittableRandom random = new SplittableRandom(seed);
        String[][] cells = new String[cols][rows];
        for (int s = 0; s < rows; s++) {
            int i = random.nextInt(n);
            if (neighbours[i] == null) {
                neighbours[i] = nearestSameClass(real, profiles, label, i, k);
            }
            int j = neighbours[i].length == 0 ? i : neighbours[i][random.nextInt(neighbours[i].length)];
            double lambda = random.nextDouble();
            boolean fromNeighbour = random.nextDouble() < lambda;
            for (int c = 0; c < cols; c++) {
                Column col = real.column(c);
                String value;
                if (c == target) {
                    value = label[i];
                } else if (col.isMissing(i) || col.isMissing(j)) {
                    value = col.isMissing(i) ? text(col, j) : text(col, i);
                } else if (col.type().isNumber()) {
                    value = number(profiles[c], col.number(i) + lambda * (col.number(j) - col.number(i)));
                } else {
                    value = text(col, random.nextDouble() < lambda ? j : i);
                }
                cells[c][s] = value;
            }
        }
        List<Column> columns = new ArrayList<>();
        for (int c = 0; c < cols; c++) {
            columns.add(TypeInference.column(real.column(c).name(), cells[c], real.column(c).type()));
        }
        return new Table(columns);
    }

    private static String text(Column col, int row) {
        return col.isMissing(row) ? null : col.format(row);
    }

    private static String number(ColumnProfile p, double v) {
        if (p.type() == ColumnType.INTEGER || p.integralFloat()) {
            long rounded = Math.round(v);
            return p.type() == ColumnType.INTEGER ? Long.toString(rounded) : PythonFormat.floatRepr(rounded);
        }
        int decimals = Math.min(p.decimals(), 12);
        return PythonFormat.floatRepr(new BigDecimal(v).setScale(decimals, RoundingMode.HALF_EVEN).doubleValue());
    }

    /** Indexes of the k nearest other rows with the same label (exact, brute force). */
    private static int[] nearestSameClass(Table real, ColumnProfile[] profiles, String[] label, int i, int k) {
        int n = real.rowCount();
        double[] distance = new double[n];
        Integer[] candidates = new Integer[n];
        int m = 0;
        for (int r = 0; r < n; r++) {
            if (r == i || !label[r].equals(label[i])) {
                continue;
            }
            double d = 0;
            for (int c = 0; c < profiles.length; c++) {
                Column col = real.column(c);
                if (col.isMissing(i) || col.isMissing(r)) {
                    d += col.isMissing(i) == col.isMissing(r) ? 0 : 1;
                } else if (col.type().isNumber()) {
                    double range = profiles[c].max() - profiles[c].min();
                    double diff = range > 0 ? (col.number(i) - col.number(r)) / range : 0;
                    d += diff * diff;
                } else {
                    d += col.format(i).equals(col.format(r)) ? 0 : 1;
                }
            }
            distance[r] = d;
            candidates[m++] = r;
        }
        Integer[] sorted = Arrays.copyOf(candidates, m);
        Arrays.sort(sorted, (a, b) -> a.equals(b) ? 0 : distance[a] != distance[b]
                ? Double.compare(distance[a], distance[b]) : Integer.compare(a, b));
        int[] out = new int[Math.min(k, m)];
        for (int q = 0; q < out.length; q++) {
            out[q] = sorted[q];
        }
        return out;
    }
}
