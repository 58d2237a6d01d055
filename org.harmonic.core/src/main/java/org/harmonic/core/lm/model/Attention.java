package org.harmonic.core.lm.model;

import ai.djl.ndarray.NDArray;

/**
 * Scaled dot-product attention composed from matMul and softmax (DJL has no fused kernel),
 * with grouped-query attention: query head {@code h} reads key/value head {@code h / rep},
 * {@code rep = heads / kvHeads}, as Hugging Face's {@code repeat_kv}. Instead of copying K and V
 * {@code rep} times, the {@code rep} query heads of a group are stacked along the time axis.
 */
final class Attention {

    private Attention() {
    }

    /**
     * @param q     (B, H, T, D) queries, already rotated where the family uses RoPE
     * @param keysT (B, KV, D, S) keys, transposed
     * @param v     (B, KV, S, D) values
     * @param bias  (B, 1, T, S) additive mask
     * @param scale scalar 1/sqrt(D), an NDArray
     * @return (B, T, H * D)
     */
    static NDArray attend(NDArray q, NDArray keysT, NDArray v, NDArray bias, NDArray scale) {
        long b = q.getShape().get(0);
        long h = q.getShape().get(1);
        long t = q.getShape().get(2);
        long d = q.getShape().get(3);
        long kv = keysT.getShape().get(1);
        long s = keysT.getShape().get(3);
        long rep = h / kv;
        NDArray scores = q.mul(scale)
                .reshape(b, kv, rep * t, d)   // (B, KV, rep*T, D): the heads of a group
                .matMul(keysT)                // (B, KV, rep*T, S)
                .reshape(b, h, t, s)          // (B, H, T, S)
                .add(bias);
        NDArray probs = scores.softmax(3);
        return probs.reshape(b, kv, rep * t, s)
                .matMul(v)                    // (B, KV, rep*T, D)
                .reshape(b, h, t, d)
                .transpose(0, 2, 1, 3)        // (B, T, H, D)
                .reshape(b, t, h * d);
    }
}
