package org.harmonic.core.lm.checkpoint;

import org.harmonic.core.util.AtomicFiles;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.harmonic.core.lm.TensorData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsRoundTripTest {

    @TempDir
    Path dir;

    /** A tiny GPT-2-shaped checkpoint with random values (seeded). */
    private static List<TensorData> tinyGpt2(Random random) {
        List<TensorData> t = new ArrayList<>();
        t.add(tensor("transformer.wte.weight", random, 11, 8));
        t.add(tensor("transformer.wpe.weight", random, 16, 8));
        t.add(tensor("transformer.h.0.attn.c_attn.weight", random, 8, 24));
        t.add(tensor("transformer.h.0.attn.c_attn.bias", random, 24));
        t.add(tensor("transformer.h.0.ln_1.weight", random, 8));
        t.add(tensor("transformer.ln_f.bias", random, 8));
        return t;
    }

    private static TensorData tensor(String name, Random random, long... shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        float[] v = new float[(int) n];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return SafetensorsWriter.tensor(name, v, shape);
    }

    private static float[] values(TensorData t) {
        FloatBuffer b = t.data().duplicate();
        float[] out = new float[b.remaining()];
        b.get(out);
        return out;
    }

    @Test
    void f32RoundTripIsBitExactAndZeroCopy() {
        List<TensorData> written = tinyGpt2(new Random(1));
        SafetensorsWriter.write(dir.resolve("model.safetensors"), written);
        try (SafetensorsReader reader = SafetensorsReader.open(dir)) {
            assertEquals(6, reader.names().size());
            for (TensorData w : written) {
                TensorData r = reader.get(w.name());
                assertArrayEquals(w.shape(), r.shape());
                assertArrayEquals(values(w), values(r), 0f, w.name());
                assertTrue(r.data().isDirect(), "F32 must be a view of the mapped file");
                assertTrue(r.data().isReadOnly(), "the mapping must not be writable");
            }
            assertEquals(Map.of("format", "pt"), reader.metadata());
            assertEquals(Dtype.F32, reader.entry("transformer.wte.weight").dtype());
        }
    }

    @Test
    void f16RoundTripOfRepresentableValuesIsExact() {
        float[] v = {0f, -0f, 1f, -2.5f, 65504f, 0x1p-24f, 0.333251953125f, 1023.5f};
        SafetensorsWriter.write(dir.resolve("half.safetensors"),
                List.of(SafetensorsWriter.tensor("w", v, 2, 4)), Dtype.F16);
        try (SafetensorsReader reader = SafetensorsReader.open(dir.resolve("half.safetensors"))) {
            assertEquals(Dtype.F16, reader.entry("w").dtype());
            assertArrayEquals(v, values(reader.get("w")));
        }
    }

    @Test
    void bf16RoundTripOfRepresentableValuesIsExactAndOthersRoundToNearest() {
        // BF16 keeps 8 significant bits: these are exactly representable.
        float[] exact = {0f, 1f, -1f, 0.5f, 3.140625f, -256f, 0x1p-100f, 65536f};
        float[] rounded = {1.00390625f, (float) Math.PI};
        SafetensorsWriter.write(dir.resolve("model.safetensors"), List.of(
                SafetensorsWriter.tensor("exact", exact, 8),
                SafetensorsWriter.tensor("rounded", rounded, 2)), Dtype.BF16);
        try (SafetensorsReader reader = SafetensorsReader.open(dir)) {
            assertEquals(Dtype.BF16, reader.entry("exact").dtype());
            assertArrayEquals(exact, values(reader.get("exact")));
            // 1 + 2^-8 is a tie between 1 and 1 + 2^-7: to even gives 1. pi -> 3.140625.
            assertArrayEquals(new float[] {1f, 3.140625f}, values(reader.get("rounded")));
        }
    }

    @Test
    void bf16CheckpointOfAWholeModelLoadsWithinBf16Precision() {
        List<TensorData> written = tinyGpt2(new Random(2));
        SafetensorsWriter.write(dir.resolve("model.safetensors"), written, Dtype.BF16);
        try (SafetensorsReader reader = SafetensorsReader.open(dir)) {
            for (TensorData w : written) {
                float[] expected = values(w);
                float[] actual = values(reader.get(w.name()));
                for (int i = 0; i < expected.length; i++) {
                    assertEquals(expected[i], actual[i], Math.abs(expected[i]) * 0x1p-8f, w.name() + "[" + i + "]");
                }
            }
        }
    }

    @Test
    void fileLayoutFollowsTheSafetensorsSpec() throws IOException {
        List<TensorData> written = tinyGpt2(new Random(3));
        Path file = dir.resolve("model.safetensors");
        SafetensorsWriter.write(file, written);
        byte[] bytes = Files.readAllBytes(file);
        long headerLength = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, (8 + headerLength) % 8, "data section must start 8-byte aligned");
        String header = new String(bytes, 8, (int) headerLength, StandardCharsets.UTF_8);
        assertTrue(header.startsWith("{\"__metadata__\":{\"format\":\"pt\"}"), header);
        assertTrue(header.stripTrailing().endsWith("}"), "padding is trailing spaces only");
        assertTrue(header.substring(header.stripTrailing().length()).isBlank());
        JsonNode root = new ObjectMapper().readTree(header);
        Iterator<String> names = root.fieldNames();
        names.next(); // __metadata__
        long expectedBegin = 0;
        String previous = "";
        while (names.hasNext()) {
            String name = names.next();
            assertTrue(name.compareTo(previous) > 0, "tensors sorted by name");
            previous = name;
            JsonNode e = root.get(name);
            assertEquals("F32", e.get("dtype").asText());
            assertEquals(expectedBegin, e.get("data_offsets").get(0).asLong(), "contiguous offsets");
            expectedBegin = e.get("data_offsets").get(1).asLong();
        }
        assertEquals(bytes.length, 8 + headerLength + expectedBegin, "no bytes after the last tensor");
    }

    @Test
    void shardedCheckpointLoadsFromItsDirectoryOrIndex() throws IOException {
        List<TensorData> written = tinyGpt2(new Random(4));
        SafetensorsWriter.writeSharded(dir, written, 3, Dtype.F32);
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(Set.of("model-00001-of-00003.safetensors", "model-00002-of-00003.safetensors",
                    "model-00003-of-00003.safetensors", "model.safetensors.index.json"),
                    Set.copyOf(files.map(p -> p.getFileName().toString()).toList()));
        }
        JsonNode index = new ObjectMapper().readTree(dir.resolve("model.safetensors.index.json").toFile());
        assertEquals(6, index.get("weight_map").size());
        long total = written.stream().mapToLong(t -> t.elementCount() * 4).sum();
        assertEquals(total, index.get("metadata").get("total_size").asLong());

        for (Path open : List.of(dir, dir.resolve("model.safetensors.index.json"))) {
            try (SafetensorsReader reader = SafetensorsReader.open(open)) {
                assertEquals(3, reader.files().size());
                assertEquals(total, reader.storedBytes());
                for (TensorData w : written) {
                    assertArrayEquals(values(w), values(reader.get(w.name())), 0f, w.name());
                }
            }
        }
    }

    @Test
    void f64I64AndI32ConvertToFloat() throws IOException {
        byte[] f64 = RawSafetensors.littleEndian(8, Double.doubleToRawLongBits(0.25), Double.doubleToRawLongBits(-3.5));
        byte[] i64 = RawSafetensors.littleEndian(8, 7, 1L << 40);
        byte[] i32 = RawSafetensors.littleEndian(4, -5, 123456);
        byte[] data = new byte[f64.length + i64.length + i32.length];
        System.arraycopy(f64, 0, data, 0, 16);
        System.arraycopy(i64, 0, data, 16, 16);
        System.arraycopy(i32, 0, data, 32, 8);
        Path file = RawSafetensors.write(dir.resolve("mixed.safetensors"), "{"
                + "\"d\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[0,16]},"
                + "\"l\":{\"dtype\":\"I64\",\"shape\":[2],\"data_offsets\":[16,32]},"
                + "\"i\":{\"dtype\":\"I32\",\"shape\":[1,2],\"data_offsets\":[32,40]}}", data);
        try (SafetensorsReader reader = SafetensorsReader.open(file)) {
            assertArrayEquals(new float[] {0.25f, -3.5f}, values(reader.get("d")));
            assertArrayEquals(new float[] {7f, 0x1p40f}, values(reader.get("l")));
            assertArrayEquals(new float[] {-5f, 123456f}, values(reader.get("i")));
            assertTrue(reader.metadata().isEmpty());
        }
    }

    @Test
    void scalarAndEmptyTensorsRoundTrip() {
        SafetensorsWriter.write(dir.resolve("model.safetensors"), List.of(
                SafetensorsWriter.tensor("scalar", new float[] {4.5f}),
                SafetensorsWriter.tensor("empty", new float[0], 0, 3)));
        try (SafetensorsReader reader = SafetensorsReader.open(dir)) {
            assertArrayEquals(new float[] {4.5f}, values(reader.get("scalar")));
            assertArrayEquals(new long[0], reader.get("scalar").shape());
            assertEquals(0, reader.get("empty").elementCount());
        }
    }

    @Test
    void writerRejectsDuplicatesAndMismatchedShapes() {
        TensorData a = SafetensorsWriter.tensor("a", new float[] {1, 2}, 2);
        assertThrows(IllegalArgumentException.class,
                () -> SafetensorsWriter.write(dir.resolve("x.safetensors"), List.of(a, a)));
        assertThrows(IllegalArgumentException.class, () -> SafetensorsWriter.tensor("b", new float[3], 2, 2));
        assertThrows(IllegalArgumentException.class,
                () -> SafetensorsWriter.write(dir.resolve("x.safetensors"), List.of(a), Dtype.I8));
        assertTrue(Files.notExists(dir.resolve("x.safetensors")));
    }

    @Test
    void failedWriteLeavesTheOldFileAndNoTemporaryFile() throws IOException {
        Path file = dir.resolve("model.safetensors");
        SafetensorsWriter.write(file, List.of(SafetensorsWriter.tensor("a", new float[] {1, 2}, 2)));
        byte[] before = Files.readAllBytes(file);
        assertThrows(java.io.UncheckedIOException.class, () -> AtomicFiles.writeChannel(file, channel -> {
            channel.write(ByteBuffer.wrap(new byte[] {1, 2, 3}));
            throw new IOException("disk full");
        }));
        assertArrayEquals(before, Files.readAllBytes(file));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
    }
}
