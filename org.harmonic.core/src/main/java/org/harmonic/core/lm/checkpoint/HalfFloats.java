package org.harmonic.core.lm.checkpoint;

/**
 * Conversions between FP32 and the two 16-bit float formats of checkpoints, done in Java because
 * Java 17 has no {@code Float.float16ToFloat} and DJL's CPU engine aborts the JVM on BF16.
 *
 * <p>BF16 is the upper half of an FP32 (1 sign, 8 exponent, 7 mantissa bits), so widening is a
 * shift. F16 (1, 5, 10) widening goes through a 64 Ki-entry table built once from the exact
 * formula. Narrowing rounds to nearest even, as PyTorch's {@code .to(torch.float16/bfloat16)}.
 */
public final class HalfFloats {

    private static final float[] F16_TABLE = buildF16Table();

    private HalfFloats() {
    }

    /** BF16 bits (in the low 16 bits) to FP32, exactly. */
    public static float bf16ToFloat(short bits) {
        return Float.intBitsToFloat((bits & 0xFFFF) << 16);
    }

    /** FP32 to BF16 bits, rounding to nearest even; NaN stays a (quiet) NaN. */
    public static short floatToBf16(float value) {
        int bits = Float.floatToRawIntBits(value);
        if (Float.isNaN(value)) {
            return (short) ((bits >>> 16) | 0x0040);
        }
        int roundingBias = 0x7FFF + ((bits >>> 16) & 1);
        return (short) ((bits + roundingBias) >>> 16);
    }

    /** IEEE half-precision bits to FP32, exactly (subnormals, infinities and NaN included). */
    public static float f16ToFloat(short bits) {
        return F16_TABLE[bits & 0xFFFF];
    }

    /** FP32 to IEEE half-precision bits, rounding to nearest even; overflow gives infinity. */
    public static short floatToF16(float value) {
        int bits = Float.floatToRawIntBits(value);
        int sign = (bits >>> 16) & 0x8000;
        int exp = (bits >>> 23) & 0xFF;
        int mant = bits & 0x7FFFFF;
        if (exp == 0xFF) {
            // Infinity keeps a zero mantissa; NaN keeps a non-zero (quiet) one.
            return (short) (sign | 0x7C00 | (mant != 0 ? 0x0200 | (mant >>> 13) : 0));
        }
        int halfExp = exp - 127 + 15;
        if (halfExp >= 0x1F) {
            return (short) (sign | 0x7C00);
        }
        if (halfExp <= 0) {
            // Subnormal half (or zero): shift the mantissa with its implicit 1 into place.
            if (halfExp < -10) {
                return (short) sign;
            }
            int full = mant | 0x800000;
            int shift = 14 - halfExp;
            int half = full >>> shift;
            int rest = full & ((1 << shift) - 1);
            int halfway = 1 << (shift - 1);
            if (rest > halfway || (rest == halfway && (half & 1) != 0)) {
                half++;
            }
            return (short) (sign | half);
        }
        int half = (halfExp << 10) | (mant >>> 13);
        int rest = mant & 0x1FFF;
        if (rest > 0x1000 || (rest == 0x1000 && (half & 1) != 0)) {
            half++; // a carry into the exponent is the correct rounding, up to infinity
        }
        return (short) (sign | half);
    }

    private static float[] buildF16Table() {
        float[] table = new float[1 << 16];
        for (int h = 0; h < table.length; h++) {
            int exp = (h >>> 10) & 0x1F;
            int mant = h & 0x3FF;
            float magnitude;
            if (exp == 0) {
                magnitude = mant * 0x1p-24f; // subnormal: mant x 2^-14 / 2^10
            } else if (exp == 0x1F) {
                magnitude = mant == 0 ? Float.POSITIVE_INFINITY : Float.NaN;
            } else {
                magnitude = (1 + mant / 1024f) * (float) Math.scalb(1.0, exp - 15);
            }
            // copySign keeps the sign of zero (-0.0 is 0x8000).
            table[h] = (h & 0x8000) != 0 ? Math.copySign(magnitude, -1f) : magnitude;
        }
        return table;
    }
}
