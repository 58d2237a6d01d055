package org.harmonic.core.neighbours;

import java.util.Arrays;

/**
 * An exact k-d tree over the rows of a {@link FeatureMatrix}, with a bounding box per node. The
 * reference's label-coded categoricals make tables strongly clustered, so the tree prunes most
 * of the table (bank marketing: 45k rows) while answering exactly what brute force does:
 * distances are summed over dimensions in the same order, and a node is skipped only when its
 * box is strictly farther than the current k-th neighbour, or exactly as far while all its rows
 * have higher indexes than the k-th neighbour's, so ties are still broken by index.
 */
final class KdTree {
    private static final int LEAF_SIZE = 24;

    private final double[][] x;
    private final int dims;
    /** Row indexes, permuted so every node owns a contiguous range. */
    private final int[] order;
    private final int[] start;
    private final int[] end;
    private final int[] left;
    private final int[] right;
    /** The lowest row index in each node: decides whether a box at exactly the k-th distance can matter. */
    private final int[] minRow;
    /** Bounding boxes: node * dims + d. */
    private final double[] low;
    private final double[] high;
    /** The rows' values in tree order, row-major, so a leaf scan reads contiguous memory. */
    private final double[] packed;
    private int nodes;

    KdTree(double[][] x, int rows) {
        this.x = x;
        this.dims = x.length;
        this.order = new int[rows];
        for (int i = 0; i < rows; i++) {
            order[i] = i;
        }
        int capacity = Math.max(1, 4 * rows / LEAF_SIZE + 4);
        start = new int[capacity];
        end = new int[capacity];
        left = new int[capacity];
        right = new int[capacity];
        minRow = new int[capacity];
        low = new double[capacity * dims];
        high = new double[capacity * dims];
        build(0, rows);
        packed = new double[rows * dims];
        for (int i = 0; i < rows; i++) {
            for (int d = 0; d < dims; d++) {
                packed[i * dims + d] = x[d][order[i]];
            }
        }
    }

    private int build(int from, int to) {
        int node = nodes++;
        start[node] = from;
        end[node] = to;
        int lowest = Integer.MAX_VALUE;
        for (int i = from; i < to; i++) {
            lowest = Math.min(lowest, order[i]);
        }
        minRow[node] = lowest;
        int widest = -1;
        double widestSpread = 0;
        for (int d = 0; d < dims; d++) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            double[] column = x[d];
            for (int i = from; i < to; i++) {
                double v = column[order[i]];
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
            low[node * dims + d] = lo;
            high[node * dims + d] = hi;
            if (hi - lo > widestSpread) {
                widestSpread = hi - lo;
                widest = d;
            }
        }
        if (to - from <= LEAF_SIZE || widest < 0) {
            left[node] = -1;
            right[node] = -1;
            return node;
        }
        // split at the median of the widest dimension
        double[] column = x[widest];
        Integer[] boxed = new Integer[to - from];
        for (int i = from; i < to; i++) {
            boxed[i - from] = order[i];
        }
        Arrays.sort(boxed, (a, b) -> Double.compare(column[a], column[b]));
        for (int i = from; i < to; i++) {
            order[i] = boxed[i - from];
        }
        int mid = (from + to) >>> 1;
        left[node] = build(from, mid);
        right[node] = build(mid, to);
        return node;
    }

    /** The k nearest rows to row {@code query}, sorted by (distance, index), written to best arrays. */
    int search(int query, int k, double[] bestDistance, int[] bestIndex) {
        double[] q = new double[dims];
        for (int d = 0; d < dims; d++) {
            q[d] = x[d][query];
        }
        return search(q, -1, k, true, bestDistance, bestIndex);
    }

    /**
     * The k nearest rows to the point {@code q} (one value per dimension), never row
     * {@code exclude} (-1: none), sorted by (squared distance, index); returns how many were found.
     * With {@code lowestIndexOnTies} false, a node as far as the current k-th neighbour is skipped
     * too: the distances are still exact, but among rows at the same distance any may be returned
     * (much faster on tables with many identical rows, where an exact copy's distance 0 would
     * otherwise force a visit of every box that contains the query).
     */
    int search(double[] q, int exclude, int k, boolean lowestIndexOnTies, double[] bestDistance, int[] bestIndex) {
        Query query = new Query(q, exclude, k, !lowestIndexOnTies, bestDistance, bestIndex);
        visit(0, boxDistance(0, q, Double.POSITIVE_INFINITY), query);
        return query.filled;
    }

    /** One search's query point and its best list so far (sorted by distance, then index). */
    private static final class Query {
        final double[] q;
        final int exclude;
        final int k;
        final boolean pruneTies;
        final double[] bd;
        final int[] bi;
        int filled;

        Query(double[] q, int exclude, int k, boolean pruneTies, double[] bd, int[] bi) {
            this.q = q;
            this.exclude = exclude;
            this.k = k;
            this.pruneTies = pruneTies;
            this.bd = bd;
            this.bi = bi;
        }

        /** The k-th best squared distance, or infinity while fewer than k rows are known. */
        double bound() {
            return filled == k ? bd[k - 1] : Double.POSITIVE_INFINITY;
        }
    }

    /** Visits {@code node}, whose box is {@code box} (squared) from the query, unless it cannot improve the list. */
    private void visit(int node, double box, Query query) {
        if (query.filled == query.k && cannotImprove(node, box, query)) {
            return;
        }
        if (left[node] < 0) {
            scanLeaf(node, query);
            return;
        }
        int a = left[node];
        int b = right[node];
        // a child whose box is already beyond the bound is abandoned early; it is pruned either way
        double bound = query.bound();
        double boxA = boxDistance(a, query.q, bound);
        double boxB = boxDistance(b, query.q, bound);
        if (boxB < boxA) {
            visit(b, boxB, query);
            visit(a, boxA, query);
        } else {
            visit(a, boxA, query);
            visit(b, boxB, query);
        }
    }

    /**
     * Whether no row of the node can enter a full best list. A box strictly beyond the k-th
     * distance cannot; a box exactly at it (tables with many equal codes tie constantly) can only
     * hold rows at that very distance, which enter only with an index below the k-th's, so the node
     * is skipped when even its lowest row index is above it: ties still go to the lowest index.
     */
    private boolean cannotImprove(int node, double box, Query query) {
        double kth = query.bd[query.k - 1];
        return box > kth || (box == kth && (query.pruneTies || minRow[node] > query.bi[query.k - 1]));
    }

    private void scanLeaf(int node, Query query) {
        double[] q = query.q;
        for (int i = start[node]; i < end[node]; i++) {
            int row = order[i];
            if (row == query.exclude) {
                continue;
            }
            // summed in dimension order as brute force does; abandoned once strictly above the
            // k-th best (partial sums only grow, so such a row could never be inserted)
            double bound = query.bound();
            double dist = 0;
            int base = i * dims;
            for (int d = 0; d < dims && dist <= bound; d++) {
                double diff = packed[base + d] - q[d];
                dist += diff * diff;
            }
            if (dist <= bound) {
                query.filled = insert(dist, row, query.k, query.bd, query.bi, query.filled);
            }
        }
    }

    /** The leaf a search for q visits first (a node number); queries in leaf order share cache. */
    int firstLeaf(double[] q) {
        int node = 0;
        while (left[node] >= 0) {
            node = boxDistance(right[node], q) < boxDistance(left[node], q) ? right[node] : left[node];
        }
        return node;
    }

    /** Squared distance from q to the node's box; never above the distance to any row inside. */
    private double boxDistance(int node, double[] q) {
        return boxDistance(node, q, Double.POSITIVE_INFINITY);
    }

    /** As {@link #boxDistance(int, double[])}, but stops (with a partial sum above it) once past {@code bound}. */
    private double boxDistance(int node, double[] q, double bound) {
        double sum = 0;
        int base = node * dims;
        for (int d = 0; d < dims && sum <= bound; d++) {
            double v = q[d];
            double gap = v < low[base + d] ? low[base + d] - v : v > high[base + d] ? v - high[base + d] : 0;
            sum += gap * gap;
        }
        return sum;
    }

    /** Inserts (dist, row) into the sorted best list ordered by distance then index; returns its size. */
    static int insert(double dist, int row, int k, double[] bd, int[] bi, int size) {
        if (size == k && !before(dist, row, bd[k - 1], bi[k - 1])) {
            return size;
        }
        int pos = size == k ? k - 1 : size;
        while (pos > 0 && before(dist, row, bd[pos - 1], bi[pos - 1])) {
            bd[pos] = bd[pos - 1];
            bi[pos] = bi[pos - 1];
            pos--;
        }
        bd[pos] = dist;
        bi[pos] = row;
        return size < k ? size + 1 : size;
    }

    private static boolean before(double d1, int i1, double d2, int i2) {
        return d1 < d2 || (d1 == d2 && i1 < i2);
    }
}
