package org.harmonic.core.neighbours;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.harmonic.core.util.CanceledException;
import org.harmonic.core.util.Progress;

/**
 * Exact k-nearest-neighbour search by Euclidean distance, blocked and multi-threaded: queries
 * are processed in blocks against tiles of points that stay in cache, so no N x N matrix is
 * ever held. Ties are broken by (distance, row index), which reproduces the reference's
 * neighbour lists on tie-free tables and is deterministic everywhere.
 *
 * <p>Two uses: neighbours of every row within one table (the KNN instructions), and neighbours
 * of the rows of one table among the rows of another (distance to closest record).
 */
public final class NearestNeighbours {
    private static final int QUERY_BLOCK = 64;
    private static final int POINT_TILE = 1024;
    /** Above this many dimensions a k-d tree prunes too little; the blocked scan is used instead. */
    private static final int MAX_TREE_DIMENSIONS = 32;

    private final int threads;

    /** Indexes and Euclidean distances of the nearest points of every query, nearest first. */
    public record Neighbours(int[][] indexes, double[][] distances) {
    }

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
        return nearest(matrix, matrix, count, false, useTree, true, progress).indexes();
    }

    /**
     * For every row of {@code queries}, its {@code count} nearest rows of {@code points} with their
     * Euclidean distances, nearest first. Both matrices must be encoded alike (same dimensions, same
     * scaling). With {@code excludeSameIndex}, point i is never returned for query i: for a table
     * against itself this gives the distances to the <em>other</em> rows. The distances are exact;
     * among points at equal distance any may be returned (use {@link #search} for lists whose ties
     * are broken by index).
     */
    public Neighbours nearest(FeatureMatrix points, FeatureMatrix queries, int count, boolean excludeSameIndex,
            Progress progress) {
        return nearest(points, queries, count, excludeSameIndex, points.dimensions() <= MAX_TREE_DIMENSIONS, false,
                progress);
    }

    /**
     * For every row of {@code queries} (points that need not be rows of the table, such as the
     * generation prompts' interpolated points), the {@code count} nearest rows of {@code points} with
     * their distances, nearest first, ties broken by index as {@link #search} breaks them: the same
     * lists on every run.
     */
    public Neighbours nearestRows(FeatureMatrix points, FeatureMatrix queries, int count, Progress progress) {
        return nearest(points, queries, count, false, points.dimensions() <= MAX_TREE_DIMENSIONS, true, progress);
    }

    Neighbours nearest(FeatureMatrix points, FeatureMatrix queries, int count, boolean excludeSameIndex,
            boolean useTree, boolean lowestIndexOnTies, Progress progress) {
        if (points.dimensions() != queries.dimensions()) {
            throw new IllegalArgumentException("points have " + points.dimensions() + " dimensions, queries "
                    + queries.dimensions());
        }
        int n = points.rows();
        int k = Math.max(0, Math.min(count, excludeSameIndex ? n - 1 : n));
        int queryCount = queries.rows();
        int[][] indexes = new int[queryCount][];
        double[][] squared = new double[queryCount][];
        KdTree tree = useTree ? new KdTree(points.values(), n) : null;
        int[] queryOrder = useTree ? leafOrder(tree, queries.values(), queryCount) : null;
        Supplier<Searcher> searchers = useTree
                ? () -> new TreeSearcher(tree, queries.values(), queryOrder, k, excludeSameIndex, lowestIndexOnTies)
                : () -> new Block(points.values(), queries.values(), k, excludeSameIndex);
        runBlocks(queryCount, searchers, indexes, squared, progress);
        for (double[] row : squared) {
            for (int j = 0; j < row.length; j++) {
                row[j] = Math.sqrt(row[j]);
            }
        }
        return new Neighbours(indexes, squared);
    }

    /** Query rows sorted by the leaf their search starts in, so consecutive queries touch the same memory. */
    private static int[] leafOrder(KdTree tree, double[][] queries, int count) {
        long[] keyed = new long[count];
        double[] q = new double[queries.length];
        for (int row = 0; row < count; row++) {
            for (int d = 0; d < q.length; d++) {
                q[d] = queries[d][row];
            }
            keyed[row] = ((long) tree.firstLeaf(q) << 32) | row;
        }
        java.util.Arrays.sort(keyed);
        int[] order = new int[count];
        for (int i = 0; i < count; i++) {
            order[i] = (int) keyed[i];
        }
        return order;
    }

    private void runBlocks(int queryCount, Supplier<Searcher> searchers, int[][] indexes, double[][] squared,
            Progress progress) {
        int blocks = (queryCount + QUERY_BLOCK - 1) / QUERY_BLOCK;
        AtomicInteger done = new AtomicInteger();
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
                    Searcher searcher = searchers.get();
                    int b;
                    while ((b = nextBlock.getAndIncrement()) < blocks) {
                        if (progress.isCanceled()) {
                            return;
                        }
                        int from = b * QUERY_BLOCK;
                        int to = Math.min(queryCount, from + QUERY_BLOCK);
                        searcher.run(from, to, indexes, squared);
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
    }

    /** Answers the queries of one block of rows: their neighbours' indexes and squared distances. */
    private interface Searcher {
        void run(int from, int to, int[][] indexes, double[][] squared);
    }

    private static final class TreeSearcher implements Searcher {
        private final KdTree tree;
        private final double[][] queries;
        private final int[] queryOrder;
        private final int k;
        private final boolean excludeSame;
        private final boolean lowestIndexOnTies;
        private final double[] bestDistance;
        private final int[] bestIndex;
        private final double[] q;

        TreeSearcher(KdTree tree, double[][] queries, int[] queryOrder, int k, boolean excludeSame,
                boolean lowestIndexOnTies) {
            this.tree = tree;
            this.queries = queries;
            this.queryOrder = queryOrder;
            this.k = k;
            this.excludeSame = excludeSame;
            this.lowestIndexOnTies = lowestIndexOnTies;
            this.bestDistance = new double[k];
            this.bestIndex = new int[k];
            this.q = new double[queries.length];
        }

        @Override
        public void run(int from, int to, int[][] indexes, double[][] squared) {
            for (int position = from; position < to; position++) {
                int row = queryOrder[position];
                for (int d = 0; d < q.length; d++) {
                    q[d] = queries[d][row];
                }
                int size = k == 0 ? 0 : tree.search(q, excludeSame ? row : -1, k, lowestIndexOnTies,
                        bestDistance, bestIndex);
                indexes[row] = Arrays.copyOf(bestIndex, size);
                squared[row] = Arrays.copyOf(bestDistance, size);
            }
        }
    }

    /** Per-thread scratch space: distances of one query to one tile, and the k best per query. */
    private static final class Block implements Searcher {
        private final double[][] x;
        private final double[][] queries;
        private final int k;
        private final boolean excludeSame;
        private final double[] acc = new double[POINT_TILE];
        private final double[][] bestDistance = new double[QUERY_BLOCK][];
        private final int[][] bestIndex = new int[QUERY_BLOCK][];
        private final int[] filled = new int[QUERY_BLOCK];

        Block(double[][] x, double[][] queries, int k, boolean excludeSame) {
            this.x = x;
            this.queries = queries;
            this.k = k;
            this.excludeSame = excludeSame;
            for (int q = 0; q < QUERY_BLOCK; q++) {
                bestDistance[q] = new double[k];
                bestIndex[q] = new int[k];
            }
        }

        @Override
        public void run(int from, int to, int[][] indexes, double[][] squared) {
            int dims = x.length;
            int n = dims == 0 ? 0 : x[0].length;
            for (int q = 0; q < to - from; q++) {
                filled[q] = 0;
            }
            for (int tile = 0; tile < n; tile += POINT_TILE) {
                int tileEnd = Math.min(n, tile + POINT_TILE);
                int len = tileEnd - tile;
                for (int q = 0; q < to - from; q++) {
                    int row = from + q;
                    Arrays.fill(acc, 0, len, 0.0);
                    for (int d = 0; d < dims; d++) {
                        double[] column = x[d];
                        double xq = queries[d][row];
                        for (int j = 0; j < len; j++) {
                            double diff = column[tile + j] - xq;
                            acc[j] += diff * diff;
                        }
                    }
                    if (excludeSame && row >= tile && row < tileEnd) {
                        acc[row - tile] = Double.POSITIVE_INFINITY;
                    }
                    offer(q, tile, len);
                }
            }
            for (int q = 0; q < to - from; q++) {
                indexes[from + q] = Arrays.copyOf(bestIndex[q], filled[q]);
                squared[from + q] = Arrays.copyOf(bestDistance[q], filled[q]);
            }
        }

        /** Merges one tile's distances into query q's sorted best list (insertion; k is small). */
        private void offer(int q, int tile, int len) {
            if (k == 0) {
                return;
            }
            double[] bd = bestDistance[q];
            int[] bi = bestIndex[q];
            int size = filled[q];
            for (int j = 0; j < len; j++) {
                double d = acc[j];
                if (d == Double.POSITIVE_INFINITY) {
                    continue; // the excluded row itself
                }
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
