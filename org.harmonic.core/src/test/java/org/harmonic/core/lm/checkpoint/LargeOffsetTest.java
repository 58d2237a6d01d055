package org.harmonic.core.lm.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.harmonic.core.util.HarmonicInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Offsets beyond 2^31 and 2^32 (files over 2 GiB), where DJL's int offsets overflow. */
class LargeOffsetTest {

    private static final long FIVE_GIB = 5L << 30;

    @TempDir
    Path dir;

    @Test
    void headerKeepsOffsetsBeyondFourGibAsLongs() {
        long begin = (1L << 32) + 1024;
        String json = "{\"__metadata__\":{\"format\":\"pt\"},"
                + "\"lm_head.weight\":{\"dtype\":\"BF16\",\"shape\":[128256,4096],\"data_offsets\":[" + begin + ","
                + (begin + 128256L * 4096 * 2) + "]}}";
        SafetensorsHeader header = SafetensorsHeader.parse(json.getBytes(StandardCharsets.UTF_8), FIVE_GIB,
                "model-00004-of-00004.safetensors");
        TensorEntry e = header.tensors().get("lm_head.weight");
        assertEquals(begin, e.begin());
        assertEquals(128256L * 4096 * 2, e.byteLength());
        assertEquals(525_336_576L, e.elementCount());
    }

    @Test
    void headerRejectsOffsetsPastALargeDataSection() {
        String json = "{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[" + FIVE_GIB + "," + (FIVE_GIB + 8) + "]}}";
        String message = assertThrows(HarmonicInputException.class, () -> SafetensorsHeader.parse(
                json.getBytes(StandardCharsets.UTF_8), FIVE_GIB, "big.safetensors")).getMessage();
        assertEquals(true, message.contains("big.safetensors") && message.contains("'w'")
                && message.contains(String.valueOf(FIVE_GIB)), message);
    }

    /**
     * End to end through a sparse 3 GiB file: the tensor after the first 2.5 GiB must be mapped at
     * its 64-bit position. Skipped where the temp file system cannot hold a sparse file cheaply.
     */
    @Test
    void readsATensorStoredPastTwoGibInASparseFile() throws IOException {
        assumeTrue(Files.getFileStore(dir).getUsableSpace() > (4L << 30), "needs room for a 3 GiB file");
        long padBytes = (5L << 29); // 2.5 GiB of zeros before the tensor
        String json = "{\"pad\":{\"dtype\":\"U8\",\"shape\":[" + padBytes + "],\"data_offsets\":[0," + padBytes + "]},"
                + "\"w\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[" + padBytes + "," + (padBytes + 12) + "]}}";
        while ((8 + json.length()) % 8 != 0) {
            json += " ";
        }
        byte[] header = json.getBytes(StandardCharsets.UTF_8);
        Path file = dir.resolve("model.safetensors");
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            ByteBuffer prefix = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, header.length);
            raf.write(prefix.array());
            raf.write(header);
            raf.seek(8 + header.length + padBytes);
            raf.write(RawSafetensors.floats(1.5f, -2f, 3.25f));
        }
        try (SafetensorsReader reader = SafetensorsReader.open(dir)) {
            float[] w = new float[3];
            reader.get("w").data().duplicate().get(w);
            assertArrayEquals(new float[] {1.5f, -2f, 3.25f}, w);
        }
    }

    @Test
    void aSingleTensorBeyondTwoGibIsRefusedWithAClearMessage() throws IOException {
        assumeTrue(Files.getFileStore(dir).getUsableSpace() > (4L << 30), "needs room for a 2.4 GB file");
        long n = 600_000_000L;
        String json = "{\"model.embed_tokens.weight\":{\"dtype\":\"F32\",\"shape\":[" + n
                + "],\"data_offsets\":[0," + (4 * n) + "]}}";
        byte[] header = json.getBytes(StandardCharsets.UTF_8);
        Path file = dir.resolve("model.safetensors");
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, header.length).array());
            raf.write(header);
            raf.setLength(8 + header.length + 4 * n); // sparse: no data blocks are written
        }
        try (SafetensorsReader reader = SafetensorsReader.open(file)) {
            String message = assertThrows(HarmonicInputException.class,
                    () -> reader.get("model.embed_tokens.weight")).getMessage();
            assertEquals(true, message.contains("model.safetensors") && message.contains("model.embed_tokens.weight")
                    && message.contains("2 GiB"), message);
        }
    }
}
