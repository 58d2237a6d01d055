package org.harmonic.core.knn;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.harmonic.core.util.CanceledException;
import org.harmonic.core.util.Progress;

/**
 * Exact k-nearest-neighbour search by Euclidean distance, blocked and multi-threaded: queries
 * are processed in blocks against tiles of points that stay in cache, so no N x N matrix is
 * ever held. Ties are broken by (distance, row index), which reproduces the reference's
 * neighbour lists on tie-free tables and is deterministic everywhere.
 */
public final class NearestNeighbours {
    private static final int QUERY_BLOCK = 64;
    private static final int POINT_TILE = 1024;
    /** Above this many dimensions a k-d tree prunes too little; the blocked scan is used instead. */
    private static final int MAX_TREE_DIMENSIONS = 32;

    private final int threads;

    public NearestNeighbours(int threads) {
        this.threads = Math.max(1, threads);
    }

    public NearestNeighbours() {
        this(Runtime.getRuntime().availableProcessors());
    }

    /**
     * For every row, the {@code count} nearest rows (the row itself included, at distance 0),
     * nearest first.
     */
    public int[][] search(FeatureMatrix matrix, int count, Progress progress) {
        return search(matrix, count, matrix.dimensions() <= MAX_TREE_DIMENSIONS, progress);
    }

    /** As {@link #search(FeatureMatrix, int, Progress)}, choosing the k-d tree or the blocked scan. */
    int[][] search(FeatureMatrix matrix, int count, boolean useTree, Progress progress) {
        int n = matrix.rows();
        int k = Math.min(count, n);
        int[][] result = new int[n][];
        int blocks = (n + QUERY_BLOCK - 1) / QUERY_BLOCK;
        AtomicInteger done = new AtomicInteger();
        KdTree tree = useTree ? new KdTree(matrix.values(), n) : null;
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "harmonic-knn");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            AtomicInteger nextBlock = new AtomicInteger();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    Searcher block = useTree ? new TreeSearcher(tree, k) : new Block(matrix.values(), k);
                    int b;
                    while ((b = nextBlock.getAndIncrement()) < blocks) {
                        if (progress.isCanceled()) {
                            return;
                        }
                        int from = b * QUERY_BLOCK;
                        int to = Math.min(n, from + QUERY_BLOCK);
                        block.run(from, to, n, result);
                        done.incrementAndGet();
                    }
                }));
            }
            for (Future<?> f : futures) {
                while (true) {
                    try {
                        f.get(200, TimeUnit.MILLISECONDS);
                        break;
                    } catch (TimeoutException e) {
                        progress.report((double) done.get() / blocks, "nearest neighbours");
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CanceledException();
        } catch (ExecutionException e) {
            throw new IllegalStateException("nearest-neighbour search failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
        progress.checkCanceled();
        progress.report(1, "nearest neighbours");
        return result;
    }

    /** Answers the queries of one block of rows. */
    private interface Searcher {
        void run(int from, int to, int n, int[][] result);
    }

    private static final class TreeSearcher implements Searcher {
        private final KdTree tree;
        private final int k;
        private final double[] bestDistance;
        private final int[] bestIndex;

        TreeSearcher(KdTree tree, int k) {
            this.tree = tree;
            this.k = k;
            this.bestDistance = new double[k];
            this.bestIndex = new int[k];
        }

        @Override
        public void run(int from, int to, int n, int[][] result) {
            for (int row = from; row < to; row++) {
                int size = tree.search(row, k, bestDistance, bestIndex);
                result[row] = java.util.Arrays.copyOf(bestIndex, size);
            }
        }
    }

    /** Per-thread scratch space: distances of one query to one tile, and the k best per query. */
    private static final class Block implements Searcher {
        private final double[][] x;
        private final int k;
        private final double[] acc = new double[POINT_TILE];
        private final double[][] bestDistance = new double[QUERY_BLOCK][];
        private final int[][] bestIndex = new int[QUERY_BLOCK][];
        private final int[] filled = new int[QUERY_BLOCK];

        Block(double[][] x, int k) {
            this.x = x;
            this.k = k;
            for (int q = 0; q < QUERY_BLOCK; q++) {
                bestDistance[q] = new double[k];
                bestIndex[q] = new int[k];
            }
        }

        @Override
        public void run(int from, int to, int n, int[][] result) {
            int dims = x.length;
            for (int q = 0; q < to - from; q++) {
                filled[q] = 0;
            }
            for (int tile = 0; tile < n; tile += POINT_TILE) {
                int tileEnd = Math.min(n, tile + POINT_TILE);
                int len = tileEnd - tile;
                for (int q = 0; q < to - from; q++) {
                    int row = from + q;
                    java.util.Arrays.fill(acc, 0, len, 0.0);
                    for (int d = 0; d < dims; d++) {
                        double[] column = x[d];
                        double xq = column[row];
                        for (int j = 0; j < len; j++) {
                            double diff = column[tile + j] - xq;
                            acc[j] += diff * diff;
                        }
                    }
                    offer(q, tile, len);
                }
            }
            for (int q = 0; q < to - from; q++) {
                result[from + q] = java.util.Arrays.copyOf(bestIndex[q], filled[q]);
            }
        }

        /** Merges one tile's distances into query q's sorted best list (insertion; k is small). */
        private void offer(int q, int tile, int len) {
            double[] bd = bestDistance[q];
            int[] bi = bestIndex[q];
            int size = filled[q];
            for (int j = 0; j < len; j++) {
                double d = acc[j];
                // indexes arrive in increasing order, so an equal distance never beats a kept one
                if (size == k && d >= bd[k - 1]) {
                    continue;
                }
                int pos = size == k ? k - 1 : size;
                while (pos > 0 && bd[pos - 1] > d) {
                    bd[pos] = bd[pos - 1];
                    bi[pos] = bi[pos - 1];
                    pos--;
                }
                bd[pos] = d;
                bi[pos] = tile + j;
                if (size < k) {
                    size++;
                }
            }
            filled[q] = size;
        }
    }
}
