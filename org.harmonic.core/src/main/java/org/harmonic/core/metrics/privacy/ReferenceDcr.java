package org.harmonic.core.metrics.privacy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.harmonic.core.neighbours.FeatureMatrix;
import org.harmonic.core.neighbours.NearestNeighbours;
import org.harmonic.core.util.Progress;
import org.harmonic.core.metrics.ColumnValues;
import org.harmonic.core.metrics.Json;
import org.harmonic.core.metrics.MetricTables;
import org.harmonic.core.metrics.Percentiles;
import org.harmonic.core.metrics.RowEncoder;

/**
 * The reference implementation's DCR script (method.md B 6.4), on all columns:
 * <ol>
 * <li>drop every copy of a row that occurs more than once within its own table;</li>
 * <li>label-encode and standardise each table with <em>its own</em> categories, mean and
 * population standard deviation;</li>
 * <li>for every real row its nearest and second-nearest synthetic rows (rf), for every real row
 * the nearest other real rows (rr), for every synthetic row the nearest other synthetic rows (ff);</li>
 * <li>report P5 (numpy's 5th percentile) of the nearest distances d1 and of the nearest-neighbour
 * distance ratios NNDR = d1 / d2, for rf, rr and ff.</li>
 * </ol>
 * The value is the script's printed summary, (P5(d_rf) + P5(d_rr) + P5(d_ff)) / 3.
 */
public final class ReferenceDcr {
    public static final String DEFINITION = "harmonic_reference.dcr.p5_mean_rf_rr_ff";

    /** Fifth percentiles of nearest distances and NNDR for real-synthetic, real-real and synthetic-synthetic. */
    public record Result(double rf, double rr, double ff, double nndrRf, double nndrRr, double nndrFf, int realRows,
            int syntheticRows) {
        public double value() {
            return (rf + rr + ff) / 3;
        }

        public Map<String, Object> details() {
            return Json.map("value", value(), "dcr_p5_real_to_synthetic", rf, "dcr_p5_real_to_real", rr,
                    "dcr_p5_synthetic_to_synthetic", ff, "nndr_p5_real_to_synthetic", nndrRf,
                    "nndr_p5_real_to_real", nndrRr, "nndr_p5_synthetic_to_synthetic", nndrFf,
                    "real_rows_after_dedup", realRows, "synthetic_rows_after_dedup", syntheticRows);
        }
    }

    Result compute(MetricTables t, NearestNeighbours search, Progress progress) {
        List<ColumnValues> real = unique(t.realCols());
        List<ColumnValues> syn = unique(t.synCols());
        FeatureMatrix r = DistanceToClosestRecord.matrix(
                RowEncoder.fit(real, RowEncoder.Scaling.STANDARD).encode(real));
        FeatureMatrix s = DistanceToClosestRecord.matrix(
                RowEncoder.fit(syn, RowEncoder.Scaling.STANDARD).encode(syn));
        double[][] rf = firstTwo(search.nearest(s, r, 2, false, progress.sub(0, 0.33)));
        double[][] rr = firstTwo(search.nearest(r, r, 2, true, progress.sub(0.33, 0.66)));
        double[][] ff = firstTwo(search.nearest(s, s, 2, true, progress.sub(0.66, 1)));
        return new Result(Percentiles.percentile(rf[0], 5), Percentiles.percentile(rr[0], 5),
                Percentiles.percentile(ff[0], 5), Percentiles.percentile(rf[1], 5), Percentiles.percentile(rr[1], 5),
                Percentiles.percentile(ff[1], 5), r.rows(), s.rows());
    }

    /** [0] = nearest distances, [1] = nearest / second-nearest ratios. */
    private static double[][] firstTwo(NearestNeighbours.Neighbours n) {
        double[][] d = n.distances();
        double[] d1 = new double[d.length];
        double[] ratio = new double[d.length];
        for (int i = 0; i < d.length; i++) {
            d1[i] = d[i][0];
            ratio[i] = d[i].length > 1 && d[i][1] > 0 ? d[i][0] / d[i][1] : 0;
        }
        return new double[][] {d1, ratio};
    }

    /** The rows that occur exactly once in the table (pandas drop_duplicates(keep=False)). */
    static List<ColumnValues> unique(List<ColumnValues> columns) {
        int n = columns.get(0).size();
        Map<List<Object>, Integer> counts = new HashMap<>();
        List<List<Object>> keys = new ArrayList<>(n);
        for (int r = 0; r < n; r++) {
            List<Object> key = new ArrayList<>(columns.size());
            for (ColumnValues c : columns) {
                key.add(c.numerical() ? (Object) Double.valueOf(c.numbers()[r]) : c.categories()[r]);
            }
            keys.add(key);
            counts.merge(key, 1, Integer::sum);
        }
        List<Integer> keep = new ArrayList<>();
        for (int r = 0; r < n; r++) {
            if (counts.get(keys.get(r)) == 1) {
                keep.add(r);
            }
        }
        List<ColumnValues> out = new ArrayList<>();
        for (ColumnValues c : columns) {
            if (c.numerical()) {
                double[] v = new double[keep.size()];
                for (int i = 0; i < v.length; i++) {
                    v[i] = c.numbers()[keep.get(i)];
                }
                out.add(new ColumnValues(c.name(), true, v, null, 0));
            } else {
                String[] v = new String[keep.size()];
                for (int i = 0; i < v.length; i++) {
                    v[i] = c.categories()[keep.get(i)];
                }
                out.add(new ColumnValues(c.name(), false, null, v, 0));
            }
        }
        return out;
    }
}
