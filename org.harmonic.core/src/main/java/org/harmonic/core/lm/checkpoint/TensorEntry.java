package org.harmonic.core.lm.checkpoint;

import java.util.Arrays;

/**
 * One tensor as a safetensors header describes it. Offsets are 64-bit and relative to the start
 * of the data section (right after the header), as the format specifies.
 *
 * @param name  Hugging Face tensor name
 * @param dtype element type
 * @param shape dimensions, outermost first (empty for a scalar)
 * @param begin first byte in the data section
 * @param end   one past the last byte in the data section
 */
public record TensorEntry(String name, Dtype dtype, long[] shape, long begin, long end) {

    /** Number of elements (1 for a scalar). */
    public long elementCount() {
        long n = 1;
        for (long d : shape) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    /** Bytes the region holds. */
    public long byteLength() {
        return end - begin;
    }

    @Override
    public String toString() {
        return name + " " + dtype + Arrays.toString(shape) + " @[" + begin + ", " + end + ")";
    }
}
