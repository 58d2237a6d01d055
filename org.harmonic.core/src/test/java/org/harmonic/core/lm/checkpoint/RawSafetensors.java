package org.harmonic.core.lm.checkpoint;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Builds safetensors files byte by byte, independently of the writer, for reader tests. */
final class RawSafetensors {

    private RawSafetensors() {
    }

    /** u64 header length + header JSON + data, exactly as given (no padding). */
    static Path write(Path file, String headerJson, byte[] data) throws IOException {
        byte[] header = headerJson.getBytes(StandardCharsets.UTF_8);
        ByteBuffer buf = ByteBuffer.allocate(8 + header.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        buf.putLong(header.length).put(header).put(data);
        Files.write(file, buf.array());
        return file;
    }

    static byte[] littleEndian(int bytesPerValue, long... values) {
        ByteBuffer buf = ByteBuffer.allocate(values.length * bytesPerValue).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            switch (bytesPerValue) {
                case 2 -> buf.putShort((short) v);
                case 4 -> buf.putInt((int) v);
                case 8 -> buf.putLong(v);
                default -> throw new IllegalArgumentException();
            }
        }
        return buf.array();
    }

    static byte[] floats(float... values) {
        ByteBuffer buf = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            buf.putFloat(v);
        }
        return buf.array();
    }
}
