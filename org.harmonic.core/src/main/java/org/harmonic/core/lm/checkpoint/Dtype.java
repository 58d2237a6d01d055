package org.harmonic.core.lm.checkpoint;

import java.util.Locale;

/**
 * Element types of the safetensors format, with their width in bytes. All of them are known so
 * that a header can be validated (offsets against shape x width) even when a tensor's type is one
 * the reader cannot convert; {@link #readable()} says which ones convert to FP32.
 */
public enum Dtype {
    BOOL(1), U8(1), I8(1), F8_E5M2(1), F8_E4M3(1),
    I16(2), U16(2), F16(2), BF16(2),
    I32(4), U32(4), F32(4),
    I64(8), U64(8), F64(8);

    private final int byteSize;

    Dtype(int byteSize) {
        this.byteSize = byteSize;
    }

    /** Bytes per element. */
    public int byteSize() {
        return byteSize;
    }

    /**
     * True when the reader converts this type to FP32: the float types checkpoints use, plus
     * the integer and double types whose conversion is a plain cast (I64 and I32 lose precision
     * above 2^24, which only matters for buffers such as position ids, never for weights).
     */
    public boolean readable() {
        return this == F32 || this == F16 || this == BF16 || this == F64 || this == I64 || this == I32;
    }

    /** True when the writer can store FP32 values in this type. */
    public boolean writable() {
        return this == F32 || this == F16 || this == BF16;
    }

    /** The type named in a safetensors header ("F32", "BF16", ...), or null when unknown. */
    public static Dtype parse(String headerName) {
        if (headerName == null) {
            return null;
        }
        try {
            return valueOf(headerName.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
