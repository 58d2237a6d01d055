package org.harmonic.cli.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.harmonic.core.neighbours.CategoricalEncoding;
import org.harmonic.core.neighbours.FeatureMatrix;
import org.harmonic.core.neighbours.NearestNeighbours;
import org.harmonic.core.table.CsvTableReader;
import org.harmonic.core.table.Table;
import org.harmonic.core.util.Progress;

/**
 * Measurements for {@code bench/knn} (not a test): times the exact neighbour search of the KNN
 * Instruction Builder alone (no JVM start, no CSV reading, no instruction texts) on a table
 * encoded as the default preset does (label codes, min-max scaled numbers, target as its code).
 * Usage: {@code KnnBenchmark TABLE.csv TARGET COUNT REPEATS MATRIX_OUT NEIGHBOURS_OUT}; prints
 * {@code seconds=} (median of REPEATS after one warm-up run; {@code cold_seconds=} is that
 * first run, JIT compilation included, as a single CLI call sees it; {@code cpu_seconds=} the
 * median CPU time of the process over all threads, steadier than wall time on a busy machine) and writes the encoded matrix
 * (one row per line) and the neighbour lists so the script can run scikit-learn on the very same
 * numbers and compare the distances.
 */
public final class KnnBenchmark {

    private KnnBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        Table table = new CsvTableReader().read(Path.of(args[0]));
        int target = table.schema().require(args[1], "target");
        int count = Integer.parseInt(args[2]);
        int repeats = Integer.parseInt(args[3]);
        FeatureMatrix matrix = FeatureMatrix.encode(table, target, CategoricalEncoding.LABEL);
        NearestNeighbours search = new NearestNeighbours();
        long coldStart = System.nanoTime();
        int[][] nearest = search.search(matrix, count, Progress.none()); // also the JIT warm-up
        double cold = (System.nanoTime() - coldStart) / 1e9;
        double[] seconds = new double[repeats];
        double[] cpu = new double[repeats];
        for (int r = 0; r < repeats; r++) {
            long start = System.nanoTime();
            long cpuStart = cpuNanos();
            nearest = search.search(matrix, count, Progress.none());
            seconds[r] = (System.nanoTime() - start) / 1e9;
            cpu[r] = (cpuNanos() - cpuStart) / 1e9;
        }
        Arrays.sort(seconds);
        Arrays.sort(cpu);
        System.out.printf("rows=%d%ndimensions=%d%nseconds=%.3f%ncpu_seconds=%.3f%ncold_seconds=%.3f%nall_seconds=%s%n",
                matrix.rows(), matrix.dimensions(), seconds[repeats / 2], cpu[repeats / 2], cold,
                Arrays.toString(seconds).replace(" ", ""));
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(Path.of(args[4])))) {
            for (int row = 0; row < matrix.rows(); row++) {
                StringBuilder line = new StringBuilder();
                for (int d = 0; d < matrix.dimensions(); d++) {
                    line.append(d == 0 ? "" : ",").append(Double.toString(matrix.value(d, row))); // exact round trip
                }
                out.println(line);
            }
        }
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(Path.of(args[5])))) {
            for (int[] row : nearest) {
                StringBuilder line = new StringBuilder();
                for (int j = 0; j < row.length; j++) {
                    line.append(j == 0 ? "" : ",").append(row[j]);
                }
                out.println(line);
            }
        }
    }

    /**
     * CPU time of the JVM's live threads (the search's worker pool persists between repeats), from
     * the standard java.lang.management API: com.sun.management would be an OSGi import of the core
     * bundle that KNIME's JRE need not export.
     */
    private static long cpuNanos() {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long total = 0;
        for (long id : threads.getAllThreadIds()) {
            long t = threads.getThreadCpuTime(id);
            total += Math.max(0, t);
        }
        return total;
    }
}
