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
 * {@code (B, kvHeads, S, headDim)}. Each layer's keys and values live in a buffer with room for
 * more columns than are held ({@link #grownCapacity}); a step writes its columns in place and
 * attention reads a view of the columns held. Growing by concatenation instead copied the whole
 * cache every step and asked malloc for a slightly larger block each time, whose pages the kernel
 * then faulted in afresh (on sampling threads, whose malloc arenas unmap freed heaps: see
 * {@code BatchSampler}). Close the cache to free it; the model also frees it when it closes.
 */
public final class KvCache implements AutoCloseable {

    private final NDManager manager;
    private int batchSize;
    private final NDArray[] keysT;
    private final NDArray[] values;
    /** The views of the held columns handed out by the last step, closed at the next one. */
    private final NDArray[] keyViews;
    private final NDArray[] valueViews;
    private int[][] keyMask;
    private int length;
    private int[] nextPosition;
    private boolean broken;

    KvCache(NDManager manager, int batchSize, int numLayers) {
        this.manager = manager;
        this.batchSize = batchSize;
        this.keysT = new NDArray[numLayers];
        this.values = new NDArray[numLayers];
        this.keyViews = new NDArray[numLayers];
        this.valueViews = new NDArray[numLayers];
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
        keyViews[layer] = held(keysT[layer], keyViews[layer], 3, newKeysT.getShape().get(3));
        return keyViews[layer];
    }

    /** Appends this step's values (B, kvHeads, T, headDim) of {@code layer}; returns all values. */
    NDArray appendValues(int layer, NDArray newValues) {
        values[layer] = append(values[layer], newValues, 2);
        valueViews[layer] = held(values[layer], valueViews[layer], 2, newValues.getShape().get(2));
        return valueViews[layer];
    }

    /**
     * Room for {@code needed} columns and some to come: a quarter more, at least 64, so a prompt
     * and its sampled row usually fit the buffer the prompt's prefill allocated.
     */
    static long grownCapacity(long needed) {
        return needed + Math.max(64, needed / 4);
    }

    /** Writes {@code fresh}'s columns after the held ones along {@code axis}, growing the buffer if full. */
    private NDArray append(NDArray buffer, NDArray fresh, int axis) {
        long t = fresh.getShape().get(axis);
        long needed = length + t;
        if (buffer == null || buffer.getShape().get(axis) < needed) {
            long[] shape = fresh.getShape().getShape().clone(); // Shape hands out its own array
            shape[axis] = grownCapacity(needed);
            NDArray grown = manager.zeros(new ai.djl.ndarray.types.Shape(shape), fresh.getDataType(),
                    fresh.getDevice());
            if (buffer != null) {
                try (NDArray old = buffer.get(columns(axis, 0, length))) {
                    grown.set(columns(axis, 0, length), old);
                }
                buffer.close();
            }
            buffer = grown;
        }
        buffer.set(columns(axis, length, needed), fresh);
        return buffer;
    }

    /** A view of the first {@code length + t} columns of {@code buffer}, closing the previous step's view. */
    private NDArray held(NDArray buffer, NDArray previous, int axis, long t) {
        if (previous != null) {
            previous.close();
        }
        return buffer.get(columns(axis, 0, length + t));
    }

    /** The index of columns {@code from} (inclusive) to {@code to} (exclusive) along {@code axis} (2 or 3). */
    private static ai.djl.ndarray.index.NDIndex columns(int axis, long from, long to) {
        return new ai.djl.ndarray.index.NDIndex().addAllDim(axis).addSliceDim(from, to);
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
            closeViews(layer);
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

    private void closeViews(int layer) {
        if (keyViews[layer] != null) {
            keyViews[layer].close();
            keyViews[layer] = null;
        }
        if (valueViews[layer] != null) {
            valueViews[layer].close();
            valueViews[layer] = null;
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
