package org.harmonic.core.neighbours;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The k-d tree skips boxes at exactly the k-th distance when all their rows have higher indexes;
 * on tables made of a few label codes (nearly every distance ties, many rows are exact copies)
 * it must still return brute force's lists: nearest first, equal distances by lowest index.
 */
class KdTreeTest {

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(ints = {1, 2, 3, 4, 5})
    void tiedTablesGiveBruteForceListsInTheSameOrder(int seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int rows = 600 + random.nextInt(900);
        int dims = 2 + random.nextInt(7);
        double[][] x = new double[dims][rows];
        for (int d = 0; d < dims; d++) {
            int codes = 2 + random.nextInt(6);
            boolean scaled = random.nextBoolean(); // an integer column min-max scaled, as numbers are
            for (int i = 0; i < rows; i++) {
                int code = Math.min(codes - 1, (int) (codes * Math.pow(random.nextDouble(), 3))); // skewed
                x[d][i] = scaled ? code * (1.0 / (codes - 1)) : code;
            }
        }
        KdTree tree = new KdTree(x, rows);
        for (int query = 0; query < rows; query++) {
            double[] q = new double[dims];
            for (int d = 0; d < dims; d++) {
                q[d] = x[d][query];
            }
            int exclude = query % 3 == 0 ? query : -1;
            int[] expected = bruteForce(x, rows, q, exclude, 40);
            for (int k : new int[] {1, 6, 11, 40}) {
                double[] bestDistance = new double[k];
                int[] bestIndex = new int[k];
                int size = tree.search(q, exclude, k, true, bestDistance, bestIndex);
                assertArrayEquals(Arrays.copyOf(expected, k), Arrays.copyOf(bestIndex, size),
                        "seed " + seed + ", k " + k + ", row " + query);
            }
        }
    }

    private static int[] bruteForce(double[][] x, int rows, double[] q, int exclude, int k) {
        double[] distance = new double[rows];
        for (int i = 0; i < rows; i++) {
            for (int d = 0; d < x.length; d++) { // summed in dimension order, as the tree does
                double diff = x[d][i] - q[d];
                distance[i] += diff * diff;
            }
        }
        return IntStream.range(0, rows).filter(i -> i != exclude).boxed()
                .sorted(Comparator.<Integer>comparingDouble(i -> distance[i]).thenComparingInt(i -> i))
                .limit(k).mapToInt(Integer::intValue).toArray();
    }
}
