package org.harmonic.core.lm.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.util.Arrays;

/**
 * Decoding state of a batch of sequences: the keys and values of every layer for every column
 * seen so far, which columns hold real tokens, and the position each sequence continues at.
 *
 * <p>Columns are shared by the batch; a padding column (left- or right-padded prompts) stays in
 * the cache but is masked out of attention for ever, and positions count real tokens only, so a
 * sequence decodes exactly as it would alone without padding.
 *
 * <p>Shapes: keys are kept transposed, {@code (B, kvHeads, headDim, S)}, and values as
 * {@code (B, kvHeads, S, headDim)}, so that the per-step concatenation (whose result joins the
 * cache's manager, the first operand's) is the only operation that starts from a cached array.
 * Close the cache to free it; the model also frees it when it closes.
 */
public final class KvCache implements AutoCloseable {

    private final NDManager manager;
    private int batchSize;
    private final NDArray[] keysT;
    private final NDArray[] values;
    private int[][] keyMask;
    private int length;
    private int[] nextPosition;
    private boolean broken;

    KvCache(NDManager manager, int batchSize, int numLayers) {
        this.manager = manager;
        this.batchSize = batchSize;
        this.keysT = new NDArray[numLayers];
        this.values = new NDArray[numLayers];
        this.keyMask = new int[batchSize][0];
        this.nextPosition = new int[batchSize];
    }

    /** Number of sequences. */
    public int batchSize() {
        return batchSize;
    }

    /** Columns held (real tokens and padding). */
    public int length() {
        return length;
    }

    /** Position the next token of sequence {@code b} gets (its count of real tokens so far). */
    public int nextPosition(int b) {
        return nextPosition[b];
    }

    int[][] keyMask() {
        return keyMask;
    }

    int[] nextPositions() {
        return nextPosition.clone();
    }

    void checkUsable() {
        if (broken) {
            throw new IllegalStateException("this KV cache is unusable after a failed step; start a new one");
        }
        if (!manager.isOpen()) {
            throw new IllegalStateException("this KV cache was closed");
        }
    }

    void markBroken() {
        broken = true;
    }

    /** Appends this step's keys (B, kvHeads, headDim, T) of {@code layer}; returns all keys. */
    NDArray appendKeys(int layer, NDArray newKeysT) {
        keysT[layer] = append(keysT[layer], newKeysT, 3);
        return keysT[layer];
    }

    /** Appends this step's values (B, kvHeads, T, headDim) of {@code layer}; returns all values. */
    NDArray appendValues(int layer, NDArray newValues) {
        values[layer] = append(values[layer], newValues, 2);
        return values[layer];
    }

    private NDArray append(NDArray past, NDArray fresh, int axis) {
        if (past == null) {
            NDArray copy = fresh.duplicate();
            copy.attach(manager);
            return copy;
        }
        NDArray all = past.concat(fresh, axis); // joins past's manager: the cache's
        past.close();
        return all;
    }

    /**
     * Keeps only the given sequences, in the given order, and frees the others: a sampler drops
     * the sequences that have finished. Afterwards row {@code i} is the former row {@code rows[i]}.
     */
    public void keep(int... rows) {
        checkUsable();
        if (rows.length == 0) {
            throw new IllegalArgumentException("keep at least one sequence; close the cache instead");
        }
        for (int r : rows) {
            if (r < 0 || r >= batchSize) {
                throw new IllegalArgumentException("row " + r + " is not in 0.." + (batchSize - 1));
            }
        }
        for (int layer = 0; layer < keysT.length; layer++) {
            keysT[layer] = select(keysT[layer], rows);
            values[layer] = select(values[layer], rows);
        }
        int[][] mask = new int[rows.length][];
        int[] next = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            mask[i] = keyMask[rows[i]];
            next[i] = nextPosition[rows[i]];
        }
        keyMask = mask;
        nextPosition = next;
        batchSize = rows.length;
    }

    private static NDArray select(NDArray all, int[] rows) {
        if (all == null) {
            return null;
        }
        NDList picked = new NDList(rows.length);
        for (int r : rows) {
            picked.add(all.get(r)); // views joining the cache's manager
        }
        NDArray kept = NDArrays.stack(picked, 0);
        picked.close();
        all.close();
        return kept;
    }

    /** Records the columns of a finished step: their mask, and the positions they used up. */
    void advance(int[][] stepMask) {
        int t = stepMask[0].length;
        for (int b = 0; b < batchSize; b++) {
            int[] row = Arrays.copyOf(keyMask[b], length + t);
            int real = 0;
            for (int j = 0; j < t; j++) {
                row[length + j] = stepMask[b][j];
                real += stepMask[b][j];
            }
            keyMask[b] = row;
            nextPosition[b] += real;
        }
        length += t;
    }

    @Override
    public void close() {
        manager.close();
    }
}
