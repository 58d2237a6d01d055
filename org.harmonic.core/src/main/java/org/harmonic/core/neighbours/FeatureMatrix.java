package org.harmonic.core.neighbours;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;

import org.harmonic.core.table.Column;
import org.harmonic.core.table.PythonFormat;
import org.harmonic.core.table.Table;
import org.harmonic.core.util.SortedArrays;

/**
 * The table encoded for the neighbour distance (method.md B 3.1), stored dimension-major
 * ({@code values[d][row]}) so the distance loop streams one dimension at a time.
 *
 * <p>Numeric features are min-max scaled exactly as scikit-learn's {@code MinMaxScaler} computes
 * it ({@code x * scale + (0 - min * scale)}, a constant column maps to 0), so distances carry the
 * same rounding as the reference's. Categorical features become label codes in sorted order of
 * the categories with missing last (unscaled in the reference), or scaled codes, or one-hot
 * indicators. The target enters raw (numbers) or as its label code. A missing numeric value
 * takes the column's mean scaled value: the reference cannot handle it at all. Scaled by rank instead
 * ({@link org.harmonic.core.knn.NeighbourBasis#FEATURES_BY_RANK}), numbers take their mid-rank.
 */
public final class FeatureMatrix {
    private final double[][] values;
    private final int rows;

    private FeatureMatrix(double[][] values, int rows) {
        this.values = values;
        this.rows = rows;
    }

    public int rows() {
        return rows;
    }

    public int dimensions() {
        return values.length;
    }

    /** The encoded value of one row in one dimension (benchmarks export the matrix with it). */
    public double value(int dimension, int row) {
        return values[dimension][row];
    }

    /** Dimension-major values; callers must not modify them. */
    double[][] values() {
        return values;
    }

    /** The given rows only, in the given order (row {@code i} of the result is row {@code rows[i]}). */
    public FeatureMatrix rows(int[] rows) {
        double[][] picked = new double[values.length][rows.length];
        for (int d = 0; d < values.length; d++) {
            for (int i = 0; i < rows.length; i++) {
                picked[d][i] = values[d][rows[i]];
            }
        }
        return new FeatureMatrix(picked, rows.length);
    }

    /**
     * A matrix of already encoded values, dimension-major ({@code values[d][row]}), for callers
     * with their own encoding (the distance-to-closest-record metric). The arrays are not copied.
     */
    public static FeatureMatrix ofDimensions(double[][] values, int rows) {
        for (double[] d : values) {
            if (d.length != rows) {
                throw new IllegalArgumentException("every dimension needs " + rows + " values, got " + d.length);
            }
        }
        return new FeatureMatrix(values, rows);
    }

    public static FeatureMatrix encode(Table table, int targetIndex, CategoricalEncoding encoding) {
        return encode(table, targetIndex, encoding, java.util.Set.of());
    }

    /**
     * As {@link #encode(Table, int, CategoricalEncoding)}, leaving the columns {@code ignored} out of the
     * distances (the target too, where it is among them).
     */
    public static FeatureMatrix encode(Table table, int targetIndex, CategoricalEncoding encoding,
            java.util.Set<Integer> ignored) {
        return encode(table, targetIndex, encoding, ignored, false);
    }

    /**
     * As {@link #encode(Table, int, CategoricalEncoding, java.util.Set)}; with {@code byRank} every feature
     * column spreads over [0, 1] by position: numbers by {@link #rankScaled rank} instead of min-max, category
     * codes scaled even where {@code encoding} says unscaled label codes (one-hot indicators stay).
     */
    public static FeatureMatrix encode(Table table, int targetIndex, CategoricalEncoding encoding,
            java.util.Set<Integer> ignored, boolean byRank) {
        if (byRank && encoding == CategoricalEncoding.LABEL) {
            encoding = CategoricalEncoding.SCALED;
        }
        int n = table.rowCount();
        List<double[]> dims = new ArrayList<>();
        for (int c = 0; c < table.columnCount(); c++) {
            Column column = table.column(c);
            if (ignored.contains(c)) {
                continue;
            }
            if (c == targetIndex) {
                dims.add(column.type().isNumber() ? raw(column) : labelCodes(column, false));
            } else if (column.type().isNumber()) {
                dims.add(byRank ? rankScaled(column) : minMaxScaled(column));
            } else if (encoding == CategoricalEncoding.ONE_HOT) {
                dims.addAll(oneHot(column));
            } else {
                dims.add(labelCodes(column, encoding == CategoricalEncoding.SCALED));
            }
        }
        return new FeatureMatrix(dims.toArray(new double[0][]), n);
    }

    private static double[] raw(Column column) {
        double[] out = new double[column.size()];
        for (int r = 0; r < out.length; r++) {
            out[r] = column.number(r);
        }
        return out;
    }

    /**
     * Each value's mid-rank among the column's present values, scaled to [0, 1]: tied values share the mean of
     * their ranks, so a column's many equal values (zeros, a common amount) stay equal. A missing value, and
     * every value of a column with fewer than two present, takes 0.5, the middle.
     */
    static double[] rankScaled(Column column) {
        int n = column.size();
        double[] present = IntStream.range(0, n).mapToDouble(column::number).filter(v -> !Double.isNaN(v))
                .sorted().toArray();
        double[] out = new double[n];
        int m = present.length;
        for (int r = 0; r < n; r++) {
            double v = column.number(r);
            if (Double.isNaN(v) || m < 2) {
                out[r] = 0.5;
                continue;
            }
            int first = SortedArrays.firstAtLeast(present, v);
            int last = SortedArrays.firstAtLeast(present, Math.nextUp(v)) - 1;
            out[r] = (first + last) / 2.0 / (m - 1);
        }
        return out;
    }

    private static double[] minMaxScaled(Column column) {
        int n = column.size();
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int r = 0; r < n; r++) {
            double v = column.number(r);
            if (!Double.isNaN(v)) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        double[] out = new double[n];
        if (min > max) {
            return out; // all missing: the column carries no distance information
        }
        double range = max - min;
        double scale = range == 0 ? 1.0 : 1.0 / range;
        double offset = 0 - min * scale;
        double sum = 0;
        int present = 0;
        for (int r = 0; r < n; r++) {
            double v = column.number(r);
            out[r] = v * scale + offset;
            if (!Double.isNaN(v)) {
                sum += out[r];
                present++;
            }
        }
        if (present < n) {
            double mean = sum / present;
            for (int r = 0; r < n; r++) {
                if (Double.isNaN(out[r])) {
                    out[r] = mean;
                }
            }
        }
        return out;
    }

    /**
     * Category -> code in sorted (code point) order, missing last, as a label encoder does; the
     * instruction builder's reference label filter compares labels by these codes too.
     */
    public static Map<String, Integer> categoryCodes(Column column) {
        TreeMap<String, Integer> codes = new TreeMap<>(PythonFormat::compareCodePoints);
        for (int r = 0; r < column.size(); r++) {
            if (!column.isMissing(r)) {
                codes.put(column.format(r), 0);
            }
        }
        int next = 0;
        for (Map.Entry<String, Integer> e : codes.entrySet()) {
            e.setValue(next++);
        }
        return codes;
    }

    private static double[] labelCodes(Column column, boolean scaled) {
        Map<String, Integer> codes = categoryCodes(column);
        int missingCode = codes.size();
        boolean anyMissing = false;
        double[] out = new double[column.size()];
        for (int r = 0; r < out.length; r++) {
            if (column.isMissing(r)) {
                out[r] = missingCode;
                anyMissing = true;
            } else {
                out[r] = codes.get(column.format(r));
            }
        }
        if (scaled) {
            int maxCode = anyMissing ? missingCode : missingCode - 1;
            if (maxCode > 0) {
                for (int r = 0; r < out.length; r++) {
                    out[r] /= maxCode;
                }
            }
        }
        return out;
    }

    private static List<double[]> oneHot(Column column) {
        Map<String, Integer> codes = categoryCodes(column);
        double weight = 1 / Math.sqrt(2);
        List<double[]> out = new ArrayList<>();
        int width = codes.size() + 1; // the last indicator marks missing values
        for (int i = 0; i < width; i++) {
            out.add(new double[column.size()]);
        }
        for (int r = 0; r < column.size(); r++) {
            int code = column.isMissing(r) ? codes.size() : codes.get(column.format(r));
            out.get(code)[r] = weight;
        }
        return out;
    }
}
