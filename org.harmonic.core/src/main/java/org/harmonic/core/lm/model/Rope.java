package org.harmonic.core.lm.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Rotary position embedding (Su et al. 2021, RoFormer) in Hugging Face's convention: the head
 * is split into halves rather than interleaved pairs, {@code rotate_half(x) = [-x2, x1]},
 * {@code x' = x cos + rotate_half(x) sin}, with {@code theta_i = pos / base^(2i / D)} repeated for
 * both halves. Computed in float32 as HF does.
 */
final class Rope {

    private final int headDim;
    private final float[] inverseFrequency; // (D/2)

    Rope(int headDim, double base) {
        this.headDim = headDim;
        this.inverseFrequency = new float[headDim / 2];
        for (int i = 0; i < inverseFrequency.length; i++) {
            inverseFrequency[i] = (float) (1.0 / Math.pow(base, (2.0 * i) / headDim));
        }
    }

    /** cos and sin of every token's angles, each (B, 1, T, D), in {@code m}. */
    NDArray[] cosSin(NDManager m, int[][] positions) {
        int b = positions.length;
        int t = positions[0].length;
        int half = headDim / 2;
        float[] cos = new float[b * t * headDim];
        float[] sin = new float[b * t * headDim];
        for (int row = 0; row < b; row++) {
            for (int j = 0; j < t; j++) {
                int base = (row * t + j) * headDim;
                float pos = positions[row][j];
                for (int i = 0; i < half; i++) {
                    float angle = pos * inverseFrequency[i];
                    float c = (float) Math.cos(angle);
                    float s = (float) Math.sin(angle);
                    cos[base + i] = c;
                    cos[base + half + i] = c;
                    sin[base + i] = s;
                    sin[base + half + i] = s;
                }
            }
        }
        Shape shape = new Shape(b, 1, t, headDim);
        return new NDArray[] {m.create(cos, shape), m.create(sin, shape)};
    }

    /** x (B, h, T, D) rotated by (B, 1, T, D) cos/sin. */
    static NDArray apply(NDArray x, NDArray cos, NDArray sin) {
        NDList halves = x.split(2, 3);
        NDArray rotated = halves.get(1).neg().concat(halves.get(0), 3); // rotate_half(x)
        return x.mul(cos).add(rotated.mul(sin));
    }
}
