package org.harmonic.core.neighbours;

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

    @org.junit.jupiter.params.ParameterizedTest(name = "k-d tree: {0}")
    @org.junit.jupiter.params.provider.ValueSource(booleans = {true, false})
    void crossSearchEqualsBruteForceAndCanExcludeTheSameRow(boolean useTree) {
        java.util.SplittableRandom random = new java.util.SplittableRandom(3);
        double[][] points = new double[4][2500];
        double[][] queries = new double[4][700];
        for (int d = 0; d < 4; d++) {
            for (int i = 0; i < 2500; i++) {
                points[d][i] = Math.floor(random.nextDouble() * 6); // coarse: many ties
            }
            for (int i = 0; i < 700; i++) {
                queries[d][i] = i < 300 ? points[d][i] : random.nextDouble() * 6;
            }
        }
        FeatureMatrix p = FeatureMatrix.ofDimensions(points, 2500);
        FeatureMatrix q = FeatureMatrix.ofDimensions(queries, 700);
        for (boolean exclude : new boolean[] {false, true}) {
            NearestNeighbours.Neighbours n = new NearestNeighbours(3).nearest(p, q, 2, exclude, useTree, false, Progress.none());
            for (int i = 0; i < 700; i++) {
                double best = Double.POSITIVE_INFINITY;
                double second = Double.POSITIVE_INFINITY;
                for (int j = 0; j < 2500; j++) {
                    if (exclude && j == i) {
                        continue;
                    }
                    double s = 0;
                    for (int d = 0; d < 4; d++) {
                        s += (points[d][j] - queries[d][i]) * (points[d][j] - queries[d][i]);
                    }
                    double dist = Math.sqrt(s);
                    if (dist < best) {
                        second = best;
                        best = dist;
                    } else if (dist < second) {
                        second = dist;
                    }
                }
                org.junit.jupiter.api.Assertions.assertEquals(best, n.distances()[i][0], 1e-12, "query " + i);
                org.junit.jupiter.api.Assertions.assertEquals(second, n.distances()[i][1], 1e-12, "query " + i);
                if (exclude) {
                    org.junit.jupiter.api.Assertions.assertNotEquals(i, n.indexes()[i][0]);
                }
            }
        }
    }
}
