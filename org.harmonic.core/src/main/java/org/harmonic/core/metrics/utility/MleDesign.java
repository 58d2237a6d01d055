package org.harmonic.core.metrics.utility;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.harmonic.core.metrics.ColumnValues;
import org.harmonic.core.metrics.RowEncoder;

/**
 * The one feature encoding of the MLE protocol, fit on the real training table and applied
 * unchanged to the synthetic table and the real test table (the reference fits a separate
 * encoder per file, which misaligns codes; method.md B 9.18): numerical features standardised
 * with the real mean and population standard deviation (missing = the mean, i.e. 0); categorical
 * features one-hot over the real categories in sorted order (a missing or unseen category = all
 * zeros). Class labels are coded 0..K-1 in sorted order of the real training labels.
 */
final class MleDesign {
    private final List<Integer> features = new ArrayList<>();
    private final List<Map<String, Integer>> categories = new ArrayList<>();
    private final List<double[]> moments = new ArrayList<>();
    private final List<String> names = new ArrayList<>();
    private final Map<String, Integer> classes;
    private final int target;
    private final boolean classification;
    private int width;

    MleDesign(List<ColumnValues> real, int target, boolean classification) {
        this.target = target;
        this.classification = classification;
        for (int c = 0; c < real.size(); c++) {
            if (c == target) {
                continue;
            }
            ColumnValues col = real.get(c);
            features.add(c);
            if (col.numerical()) {
                double mean = RowEncoder.meanOfPresent(col.numbers());
                double ss = 0;
                int n = 0;
                for (double v : col.numbers()) {
                    if (!Double.isNaN(v)) {
                        ss += (v - mean) * (v - mean);
                        n++;
                    }
                }
                double std = Math.sqrt(ss / Math.max(1, n));
                moments.add(new double[] {mean, std > 0 ? std : 1});
                categories.add(null);
                names.add(col.name());
                width++;
            } else {
                Map<String, Integer> codes = RowEncoder.categoryCodes(col.categories());
                moments.add(null);
                categories.add(codes);
                for (int i = 0; i < codes.size(); i++) {
                    names.add(col.name() + "#" + i);
                }
                width += codes.size();
            }
        }
        classes = classification ? RowEncoder.categoryCodes(real.get(target).categories()) : null;
    }

    int width() {
        return width;
    }

    int classCount() {
        return classes.size();
    }

    /** The class names in code order. */
    List<String> classNames() {
        String[] out = new String[classes.size()];
        classes.forEach((k, v) -> out[v] = k);
        return List.of(out);
    }

    /** Rows whose target is usable: present, and for classification one of the real classes. */
    int[] usableRows(List<ColumnValues> table) {
        ColumnValues y = table.get(target);
        List<Integer> rows = new ArrayList<>();
        for (int r = 0; r < y.size(); r++) {
            if (y.isMissing(r)) {
                continue;
            }
            if (classification && !classes.containsKey(y.categories()[r])) {
                continue;
            }
            rows.add(r);
        }
        return rows.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Design matrix (row-major) of the given rows. */
    double[][] x(List<ColumnValues> table, int[] rows) {
        double[][] out = new double[rows.length][width];
        for (int i = 0; i < rows.length; i++) {
            int r = rows[i];
            int pos = 0;
            for (int f = 0; f < features.size(); f++) {
                ColumnValues col = table.get(features.get(f));
                if (moments.get(f) != null) {
                    double v = col.numbers()[r];
                    double[] m = moments.get(f);
                    out[i][pos++] = Double.isNaN(v) ? 0 : (v - m[0]) / m[1];
                } else {
                    Map<String, Integer> codes = categories.get(f);
                    String v = col.categories()[r];
                    Integer code = v == null ? null : codes.get(v);
                    if (code != null) {
                        out[i][pos + code] = 1;
                    }
                    pos += codes.size();
                }
            }
        }
        return out;
    }

    int[] classLabels(List<ColumnValues> table, int[] rows) {
        String[] y = table.get(target).categories();
        int[] out = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = classes.get(y[rows[i]]);
        }
        return out;
    }

    double[] values(List<ColumnValues> table, int[] rows) {
        double[] y = table.get(target).numbers();
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = y[rows[i]];
        }
        return out;
    }
}
