package org.harmonic.core.lm.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HalfFloatsTest {

    @Test
    void everyFiniteHalfSurvivesWideningAndNarrowing() {
        for (int h = 0; h < 1 << 16; h++) {
            float f = HalfFloats.f16ToFloat((short) h);
            if (Float.isNaN(f)) {
                assertTrue(Float.isNaN(HalfFloats.f16ToFloat(HalfFloats.floatToF16(f))));
            } else {
                assertEquals(h, HalfFloats.floatToF16(f) & 0xFFFF, "half bits 0x" + Integer.toHexString(h));
            }
        }
    }

    @Test
    void halfMatchesIeeeReferenceValues() {
        assertEquals(1.0f, HalfFloats.f16ToFloat((short) 0x3C00));
        assertEquals(-2.0f, HalfFloats.f16ToFloat((short) 0xC000));
        assertEquals(65504f, HalfFloats.f16ToFloat((short) 0x7BFF));
        assertEquals(0x1p-24f, HalfFloats.f16ToFloat((short) 0x0001)); // smallest subnormal
        assertEquals(0x1p-14f, HalfFloats.f16ToFloat((short) 0x0400)); // smallest normal
        assertEquals(Float.POSITIVE_INFINITY, HalfFloats.f16ToFloat((short) 0x7C00));
        assertEquals(0x7C00, HalfFloats.floatToF16(70000f)); // overflow
        assertEquals(0x7C00, HalfFloats.floatToF16(65520f)); // rounds up past the largest half
        assertEquals(0x7BFF, HalfFloats.floatToF16(65519f));
        assertEquals(0, HalfFloats.floatToF16(0x1p-26f)); // underflow to zero
    }

    @Test
    void halfRoundsTiesToEven() {
        // 1 + 2^-11 lies exactly between 1 and the next half (1 + 2^-10): ties go to the even 1.
        assertEquals(0x3C00, HalfFloats.floatToF16(1f + 0x1p-11f));
        // 1 + 3 * 2^-11 lies between 1 + 2^-10 (odd) and 1 + 2^-9 (even): goes up.
        assertEquals(0x3C02, HalfFloats.floatToF16(1f + 3 * 0x1p-11f));
        // 0x1p-25 is half the smallest subnormal: tie to even zero; a bit more rounds up.
        assertEquals(0, HalfFloats.floatToF16(0x1p-25f));
        assertEquals(1, HalfFloats.floatToF16(0x1.01p-25f));
    }

    @Test
    void bf16IsTheUpperHalfRoundedToNearestEven() {
        assertEquals(1.0f, HalfFloats.bf16ToFloat((short) 0x3F80));
        assertEquals((short) 0x3F80, HalfFloats.floatToBf16(1.0f));
        assertEquals((short) 0x3F80, HalfFloats.floatToBf16(Float.intBitsToFloat(0x3F808000))); // tie, even
        assertEquals((short) 0x3F82, HalfFloats.floatToBf16(Float.intBitsToFloat(0x3F818000))); // tie, up to even
        assertEquals((short) 0x3F81, HalfFloats.floatToBf16(Float.intBitsToFloat(0x3F808001)));
        assertTrue(Float.isNaN(HalfFloats.bf16ToFloat(HalfFloats.floatToBf16(Float.NaN))));
        for (int b = 0; b < 1 << 16; b++) {
            float f = HalfFloats.bf16ToFloat((short) b);
            if (!Float.isNaN(f)) {
                assertEquals(b, HalfFloats.floatToBf16(f) & 0xFFFF);
            }
        }
    }
}
