package org.harmonic.core.neighbours;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.List;
import java.util.Set;

import org.harmonic.core.table.CategoricalColumn;
import org.harmonic.core.table.IntegerColumn;
import org.harmonic.core.table.NumericColumn;
import org.harmonic.core.table.Table;
import org.junit.jupiter.api.Test;

class FeatureMatrixTest {

    @Test
    void numbersByRankTakeTheirMidRankOnZeroToOne() {
        // a heavy tail: min-max scaling crowds 0..3 below 0.004; by rank they spread, and ties share their mid-rank
        NumericColumn x = new NumericColumn("x", new double[] {0, 3, 1000, 0, 1, Double.NaN});
        // present values sorted: 0, 0, 1, 3, 1000 (ranks 0..4; the two zeros share 0.5)
        assertArrayEquals(new double[] {0.125, 0.75, 1.0, 0.125, 0.5, 0.5}, FeatureMatrix.rankScaled(x), 1e-12,
                "a missing value takes the middle");
        assertArrayEquals(new double[] {0.5, 0.5}, FeatureMatrix.rankScaled(new NumericColumn("c",
                new double[] {7, Double.NaN})), 1e-12, "one present value: no order to spread");
    }

    @Test
    void byRankEveryColumnSpreadsOverZeroToOne() {
        Table table = new Table(List.of(new CategoricalColumn("colour", new String[] {"red", "blue", "green", "red"}),
                new IntegerColumn("amount", new long[] {10, 20, 40_000, 30}),
                new CategoricalColumn("y", new String[] {"a", "b", "a", "b"})));
        FeatureMatrix reference = FeatureMatrix.encode(table, 2, CategoricalEncoding.LABEL, Set.of(2));
        FeatureMatrix byRank = FeatureMatrix.encode(table, 2, CategoricalEncoding.LABEL, Set.of(2), true);
        // codes blue 0, green 1, red 2: unscaled in the reference, scaled by rank
        assertArrayEquals(new double[] {2, 0, 1, 2}, dimension(reference, 0));
        assertArrayEquals(new double[] {1, 0, 0.5, 1}, dimension(byRank, 0));
        assertArrayEquals(new double[] {0, 10 / 39_990.0, 1, 20 / 39_990.0}, dimension(reference, 1), 1e-12);
        assertArrayEquals(new double[] {0, 1 / 3.0, 1, 2 / 3.0}, dimension(byRank, 1), 1e-12);
        // one-hot indicators are already on the same footing and stay as they are
        assertArrayEquals(dimension(FeatureMatrix.encode(table, 2, CategoricalEncoding.ONE_HOT, Set.of(2)), 0),
                dimension(FeatureMatrix.encode(table, 2, CategoricalEncoding.ONE_HOT, Set.of(2), true), 0));
    }

    private static double[] dimension(FeatureMatrix m, int d) {
        double[] out = new double[m.rows()];
        for (int r = 0; r < out.length; r++) {
            out[r] = m.value(d, r);
        }
        return out;
    }
}
