package org.harmonic.core.lm.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import org.harmonic.core.util.HarmonicInputException;

/**
 * Where each token of a (possibly padded) batch sits: its position id, and the additive
 * attention bias that keeps queries away from padding and from the future.
 *
 * <p>Positions count real tokens only ({@code cumsum(mask) - 1}, as Hugging Face does when
 * generating), so left and right padding give the same positions as an unpadded sequence.
 * The bias is built from Java arrays as NDArrays in the step's manager (never from
 * {@code Number} operations, which corrupt gradients in DJL's PyTorch engine).
 *
 * @param positions  (B, T) position of each new token (padding gets a harmless valid one)
 * @param positionIds the same as an INT64 NDArray
 * @param bias       (B, 1, T, S) additive bias: 0 where a query may look, {@link #MASKED} where not
 */
record BatchLayout(int[][] positions, NDArray positionIds, NDArray bias) {

    /** Large finite negative: a fully masked row (a padding query) softmaxes to a uniform row, not NaN. */
    static final float MASKED = -1e9f;

    /**
     * @param mask   (B, T) 1 for a real token, 0 for padding
     * @param cache  the columns already decoded, or null for a fresh forward
     * @param maxPositions positions must stay below this (GPT-2's learned table); 0 for no limit
     */
    static BatchLayout of(NDManager m, int[][] mask, KvCache cache, int maxPositions) {
        int batch = mask.length;
        int t = mask[0].length;
        int past = cache == null ? 0 : cache.length();
        int s = past + t;
        int[] start = cache == null ? new int[batch] : cache.nextPositions();
        int[][] pastMask = cache == null ? null : cache.keyMask();

        int[][] positions = new int[batch][t];
        long[] positionIds = new long[batch * t];
        float[] keyBias = new float[batch * s];
        for (int b = 0; b < batch; b++) {
            int real = 0;
            for (int j = 0; j < t; j++) {
                real += mask[b][j];
                int pos = Math.max(start[b] + real - 1, 0);
                if (maxPositions > 0 && pos >= maxPositions) {
                    if (mask[b][j] == 1) {
                        throw new HarmonicInputException("sequence " + b + " reaches position " + pos
                                + " but the model handles at most " + maxPositions
                                + " positions (n_positions / max_position_embeddings); "
                                + "shorten the prompts or the generated length");
                    }
                    pos = maxPositions - 1;
                }
                positions[b][j] = pos;
                positionIds[b * t + j] = pos;
            }
            for (int j = 0; j < s; j++) {
                int visible = j < past ? pastMask[b][j] : mask[b][j - past];
                keyBias[b * s + j] = visible == 1 ? 0f : MASKED;
            }
        }
        // Query i (column past + i) sees key columns 0 .. past + i.
        float[] causal = new float[t * s];
        for (int i = 0; i < t; i++) {
            for (int j = past + i + 1; j < s; j++) {
                causal[i * s + j] = MASKED;
            }
        }
        NDArray keys = m.create(keyBias, new Shape(batch, 1, 1, s));
        NDArray future = m.create(causal, new Shape(1, 1, t, s));
        NDArray bias = keys.add(future); // (B, 1, T, S)
        NDArray ids = m.create(positionIds, new Shape(batch, t));
        return new BatchLayout(positions, ids, bias);
    }

    /** Validates a (B, T) 0/1 mask; null means all ones. */
    static int[][] checkMask(int[][] ids, int[][] mask) {
        int batch = ids.length;
        if (batch == 0 || ids[0].length == 0) {
            throw new IllegalArgumentException("empty batch");
        }
        int t = ids[0].length;
        int[][] m = mask == null ? new int[batch][] : mask;
        if (m.length != batch) {
            throw new IllegalArgumentException("mask has " + m.length + " rows, ids " + batch);
        }
        for (int b = 0; b < batch; b++) {
            if (ids[b].length != t) {
                throw new IllegalArgumentException("ids row " + b + " has length " + ids[b].length
                        + ", row 0 has " + t + "; pad the batch to one length");
            }
            if (mask == null) {
                m[b] = new int[t];
                Arrays.fill(m[b], 1);
            } else if (m[b].length != t) {
                throw new IllegalArgumentException("mask row " + b + " has length " + m[b].length
                        + ", ids have " + t);
            } else {
                for (int v : m[b]) {
                    if (v != 0 && v != 1) {
                        throw new IllegalArgumentException("mask values must be 0 or 1, got " + v);
                    }
                }
            }
        }
        return m;
    }
}
