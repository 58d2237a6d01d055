package org.harmonic.core.lm;

import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * One named weight tensor in FP32, row-major, addressed by its Hugging Face name
 * (for example {@code model.layers.0.self_attn.q_proj.weight}). Checkpoint readers convert
 * F16/BF16 to F32 (BF16 must never reach DJL on CPU: it aborts the JVM).
 *
 * @param name  Hugging Face tensor name
 * @param shape dimensions, outermost first
 * @param data  FP32 values, row-major; may be a direct buffer over a memory-mapped file
 */
public record TensorData(String name, long[] shape, FloatBuffer data) {

    public long elementCount() {
        return elementCount(shape);
    }

    /** Number of values of a tensor of this shape (1 for a scalar's empty shape). */
    public static long elementCount(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }

    @Override
    public String toString() {
        return name + Arrays.toString(shape);
    }
}
