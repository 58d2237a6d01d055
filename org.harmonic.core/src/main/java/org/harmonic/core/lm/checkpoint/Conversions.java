package org.harmonic.core.lm.checkpoint;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.ShortBuffer;

/** Little-endian tensor bytes of a readable {@link Dtype} to FP32 values. */
final class Conversions {

    private Conversions() {
    }

    /**
     * F32 stays a view of {@code bytes} (zero copy); every other type is converted into a new
     * heap array, which the JVM frees like any other object.
     */
    static FloatBuffer toFloats(ByteBuffer bytes, Dtype dtype, int count) {
        ByteBuffer le = bytes.order(ByteOrder.LITTLE_ENDIAN);
        if (dtype == Dtype.F32) {
            return le.asFloatBuffer().asReadOnlyBuffer();
        }
        float[] out = new float[count];
        switch (dtype) {
            case BF16 -> {
                ShortBuffer in = le.asShortBuffer();
                for (int i = 0; i < count; i++) {
                    out[i] = HalfFloats.bf16ToFloat(in.get(i));
                }
            }
            case F16 -> {
                ShortBuffer in = le.asShortBuffer();
                for (int i = 0; i < count; i++) {
                    out[i] = HalfFloats.f16ToFloat(in.get(i));
                }
            }
            case F64 -> {
                DoubleBuffer in = le.asDoubleBuffer();
                for (int i = 0; i < count; i++) {
                    out[i] = (float) in.get(i);
                }
            }
            case I64 -> {
                LongBuffer in = le.asLongBuffer();
                for (int i = 0; i < count; i++) {
                    out[i] = in.get(i);
                }
            }
            case I32 -> {
                IntBuffer in = le.asIntBuffer();
                for (int i = 0; i < count; i++) {
                    out[i] = in.get(i);
                }
            }
            default -> throw new IllegalArgumentException("not a readable dtype: " + dtype);
        }
        return FloatBuffer.wrap(out);
    }
}
