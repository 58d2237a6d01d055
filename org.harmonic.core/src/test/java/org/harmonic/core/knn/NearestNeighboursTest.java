package org.harmonic.core.knn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

import org.harmonic.core.TestData;
import org.harmonic.core.table.CsvTableReader;
import org.harmonic.core.table.Table;
import org.harmonic.core.util.Progress;
import org.junit.jupiter.api.Test;

class NearestNeighboursTest {

    @org.junit.jupiter.params.ParameterizedTest(name = "k-d tree: {0}")
    @org.junit.jupiter.params.provider.ValueSource(booleans = {true, false})
    void exactSearchEqualsBruteForceWithTiesBrokenByIndex(boolean useTree) {
        Table german = new CsvTableReader().read(TestData.resource("data/german_train.csv"));
        check(FeatureMatrix.encode(german, 20, CategoricalEncoding.LABEL), useTree);
        // four coarse columns: most rows have exact twins, so nearly every list ends in a tie
        Table coarse = new Table(java.util.List.of(german.column("Job", "t"), german.column("Housing", "t"),
                german.column("Telephone", "t"), german.column("status", "t")));
        check(FeatureMatrix.encode(coarse, 3, CategoricalEncoding.LABEL), useTree);
    }

    private static void check(FeatureMatrix m, boolean useTree) {
        // several threads, tiles smaller than the table: exercise block and tile borders
        int[][] fast = new NearestNeighbours(3).search(m, 11, useTree, Progress.none());
        double[][] x = m.values();
        for (int i = 0; i < m.rows(); i += 7) {
            final int q = i;
            double[] d = new double[m.rows()];
            for (int j = 0; j < m.rows(); j++) {
                for (double[] dim : x) {
                    double diff = dim[j] - dim[q];
                    d[j] += diff * diff;
                }
            }
            int[] expected = IntStream.range(0, m.rows()).boxed()
                    .sorted(Comparator.<Integer>comparingDouble(j -> d[j]).thenComparingInt(j -> j))
                    .limit(11).mapToInt(Integer::intValue).toArray();
            assertArrayEquals(expected, fast[i], "row " + i + " " + Arrays.toString(fast[i]));
        }
    }
}
