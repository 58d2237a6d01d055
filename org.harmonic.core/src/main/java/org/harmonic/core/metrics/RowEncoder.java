package org.harmonic.core.metrics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.harmonic.core.table.PythonFormat;

/**
 * Turns rows into vectors for the distance-based metrics (WD, DCR), with every parameter fit on
 * the real table only, so real and synthetic rows land in the same space.
 *
 * <ul>
 * <li>Categorical column: the label code of the category, codes 0..C-1 in sorted order of the
 * real table's categories (numeric order when all are numbers, else code-point order), as a
 * label encoder assigns them; anything else (a
 * missing value, a category the real table lacks) gets the next code C.</li>
 * <li>Numerical column: the value; a missing value takes the real column's mean.</li>
 * <li>Then every dimension is scaled with real statistics: min-max ({@code (v - min) / (max - min)},
 * a constant column maps to {@code v - min}) or standardisation ({@code (v - mean) / std} with the
 * population standard deviation, a constant column only centred).</li>
 * </ul>
 */
public final class RowEncoder {

    /** How each dimension is scaled after encoding. */
    public enum Scaling {
        MIN_MAX,
        STANDARD
    }

    private final List<Map<String, Integer>> codes = new ArrayList<>();
    private final double[] fill;
    private final double[] shift;
    private final double[] divisor;

    private RowEncoder(List<ColumnValues> real, Scaling scaling) {
        int dims = real.size();
        fill = new double[dims];
        shift = new double[dims];
        divisor = new double[dims];
        for (int c = 0; c < dims; c++) {
            ColumnValues col = real.get(c);
            Map<String, Integer> map = null;
            if (!col.numerical()) {
                map = categoryCodes(col.categories());
            } else {
                fill[c] = meanOfPresent(col.numbers());
            }
            codes.add(map);
            double[] raw = rawValues(col, c, map);
            if (scaling == Scaling.MIN_MAX) {
                double min = Double.POSITIVE_INFINITY;
                double max = Double.NEGATIVE_INFINITY;
                for (double v : raw) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
                shift[c] = min;
                divisor[c] = max > min ? max - min : 1;
            } else {
                double mean = 0;
                for (double v : raw) {
                    mean += v;
                }
                mean /= raw.length;
                double ss = 0;
                for (double v : raw) {
                    ss += (v - mean) * (v - mean);
                }
                double std = Math.sqrt(ss / raw.length);
                shift[c] = mean;
                divisor[c] = std > 0 ? std : 1;
            }
        }
    }

    /** An encoder fit on the real table's columns. */
    public static RowEncoder fit(List<ColumnValues> real, Scaling scaling) {
        return new RowEncoder(real, scaling);
    }

    /**
     * Sorted categories -> codes 0..C-1: numeric order when every category is a number (a class
     * label 0/1/2), else code-point order, as Python sorts strings.
     */
    public static Map<String, Integer> categoryCodes(String[] categories) {
        boolean allNumbers = true;
        for (String s : categories) {
            if (s != null && !org.harmonic.core.table.TypeInference.isNumber(s)) {
                allNumbers = false;
                break;
            }
        }
        TreeSet<String> sorted = new TreeSet<>(allNumbers
                ? (a, b) -> {
                    int byValue = Double.compare(org.harmonic.core.table.TypeInference.parseNumber(a),
                            org.harmonic.core.table.TypeInference.parseNumber(b));
                    return byValue != 0 ? byValue : PythonFormat.compareCodePoints(a, b);
                }
                : PythonFormat::compareCodePoints);
        for (String s : categories) {
            if (s != null) {
                sorted.add(s);
            }
        }
        Map<String, Integer> map = new HashMap<>();
        int next = 0;
        for (String s : sorted) {
            map.put(s, next++);
        }
        return map;
    }

    private double[] rawValues(ColumnValues col, int c, Map<String, Integer> map) {
        double[] out = new double[col.size()];
        for (int r = 0; r < out.length; r++) {
            if (col.numerical()) {
                double v = col.numbers()[r];
                out[r] = Double.isNaN(v) ? fill[c] : v;
            } else {
                Integer code = col.categories()[r] == null ? null : map.get(col.categories()[r]);
                out[r] = code == null ? map.size() : code;
            }
        }
        return out;
    }

    /** Encodes and scales a table's columns (in the real table's order), dimension-major. */
    public double[][] encode(List<ColumnValues> columns) {
        double[][] out = new double[columns.size()][];
        for (int c = 0; c < columns.size(); c++) {
            double[] raw = rawValues(columns.get(c), c, codes.get(c));
            for (int r = 0; r < raw.length; r++) {
                raw[r] = (raw[r] - shift[c]) / divisor[c];
            }
            out[c] = raw;
        }
        return out;
    }

    public static double meanOfPresent(double[] values) {
        double sum = 0;
        int n = 0;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                sum += v;
                n++;
            }
        }
        return n == 0 ? 0 : sum / n;
    }
}
