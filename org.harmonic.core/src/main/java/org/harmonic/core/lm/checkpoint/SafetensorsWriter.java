package org.harmonic.core.lm.checkpoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.harmonic.core.lm.TensorData;
import org.harmonic.core.util.AtomicFiles;

/**
 * Writes FP32 tensors as safetensors files that Hugging Face's {@code safetensors} library and
 * {@code transformers} read: a little-endian u64 header length, a JSON header padded with spaces
 * to a multiple of 8 bytes (so every tensor starts 8-byte aligned), {@code __metadata__}
 * {"format": "pt"}, tensors sorted by name with contiguous offsets. Values are stored as F32, or
 * narrowed to F16/BF16 with round-to-nearest-even. Every file is written atomically.
 */
public final class SafetensorsWriter {

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, false);
    private static final int CHUNK_ELEMENTS = 1 << 16;

    private SafetensorsWriter() {
    }

    /** A tensor from a flat row-major array, checking that the shape fits the values. */
    public static TensorData tensor(String name, float[] values, long... shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        if (n != values.length) {
            throw new IllegalArgumentException("tensor " + name + ": shape " + Arrays.toString(shape)
                    + " holds " + n + " values, got " + values.length);
        }
        return new TensorData(name, shape.clone(), FloatBuffer.wrap(values));
    }

    /** Writes the tensors as F32 with {"format": "pt"} metadata. */
    public static void write(Path file, Collection<TensorData> tensors) {
        write(file, tensors, Dtype.F32, Map.of());
    }

    /** Writes the tensors in {@code dtype} (F32, F16 or BF16) with {"format": "pt"} metadata. */
    public static void write(Path file, Collection<TensorData> tensors, Dtype dtype) {
        write(file, tensors, dtype, Map.of());
    }

    /**
     * Writes the tensors in {@code dtype}; {@code extraMetadata} is added to {"format": "pt"}.
     *
     * @throws IllegalArgumentException for duplicate names, a non-writable dtype or a tensor whose
     *         buffer does not match its shape
     * @throws UncheckedIOException when the file cannot be written (the target stays untouched)
     */
    public static void write(Path file, Collection<TensorData> tensors, Dtype dtype,
            Map<String, String> extraMetadata) {
        if (!dtype.writable()) {
            throw new IllegalArgumentException("cannot write dtype " + dtype + "; use F32, F16 or BF16");
        }
        List<TensorData> sorted = sortedUnique(tensors);
        byte[] header = headerBytes(sorted, dtype, extraMetadata);
        AtomicFiles.writeChannel(file, channel -> {
            ByteBuffer prefix = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, header.length);
            writeAll(channel, prefix);
            writeAll(channel, ByteBuffer.wrap(header));
            for (TensorData t : sorted) {
                writeValues(channel, t.data(), dtype);
            }
        });
    }

    /**
     * Writes a sharded checkpoint as {@code transformers} saves one: {@code shards} files named
     * {@code model-00001-of-0000N.safetensors} holding consecutive (by name) tensors of roughly
     * equal size, plus {@code model.safetensors.index.json} with {@code metadata.total_size} and
     * the {@code weight_map}. Mostly for tests and for exporting large models.
     */
    public static void writeSharded(Path dir, Collection<TensorData> tensors, int shards, Dtype dtype) {
        List<TensorData> sorted = sortedUnique(tensors);
        if (shards < 1 || shards > sorted.size()) {
            throw new IllegalArgumentException("need 1.." + sorted.size() + " shards, got " + shards);
        }
        long total = 0;
        for (TensorData t : sorted) {
            total += t.elementCount() * dtype.byteSize();
        }
        List<List<TensorData>> groups = split(sorted, shards, total, dtype);
        Map<String, String> weightMap = new TreeMap<>();
        for (int i = 0; i < groups.size(); i++) {
            String name = String.format("model-%05d-of-%05d.safetensors", i + 1, shards);
            write(dir.resolve(name), groups.get(i), dtype);
            groups.get(i).forEach(t -> weightMap.put(t.name(), name));
        }
        Map<String, Object> index = new LinkedHashMap<>();
        index.put("metadata", Map.of("total_size", total));
        index.put("weight_map", weightMap);
        try {
            AtomicFiles.writeString(dir.resolve(SafetensorsReader.INDEX_FILE),
                    JSON.writerWithDefaultPrettyPrinter().writeValueAsString(index) + "\n");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Consecutive groups, each closed once it reaches its share of the bytes; none empty. */
    private static List<List<TensorData>> split(List<TensorData> sorted, int shards, long total, Dtype dtype) {
        List<List<TensorData>> groups = new ArrayList<>();
        List<TensorData> current = new ArrayList<>();
        long done = 0;
        for (int i = 0; i < sorted.size(); i++) {
            TensorData t = sorted.get(i);
            current.add(t);
            done += t.elementCount() * dtype.byteSize();
            int groupsLeft = shards - groups.size() - 1;
            int tensorsLeft = sorted.size() - i - 1;
            boolean shareReached = done * shards >= total * (groups.size() + 1);
            if (groupsLeft > 0 && (shareReached || tensorsLeft == groupsLeft)) {
                groups.add(current);
                current = new ArrayList<>();
            }
        }
        groups.add(current);
        return groups;
    }

    private static List<TensorData> sortedUnique(Collection<TensorData> tensors) {
        List<TensorData> sorted = new ArrayList<>(tensors);
        sorted.sort(Comparator.comparing(TensorData::name));
        for (int i = 0; i < sorted.size(); i++) {
            TensorData t = sorted.get(i);
            if (i > 0 && sorted.get(i - 1).name().equals(t.name())) {
                throw new IllegalArgumentException("duplicate tensor name " + t.name());
            }
            if (t.data().remaining() != t.elementCount()) {
                throw new IllegalArgumentException("tensor " + t + " has " + t.data().remaining()
                        + " values for " + t.elementCount() + " elements");
            }
        }
        return sorted;
    }

    static byte[] headerBytes(List<TensorData> sorted, Dtype dtype, Map<String, String> extraMetadata) {
        Map<String, Object> header = new LinkedHashMap<>();
        Map<String, String> metadata = new TreeMap<>(extraMetadata);
        metadata.put("format", "pt");
        header.put(SafetensorsHeader.METADATA_KEY, metadata);
        long offset = 0;
        for (TensorData t : sorted) {
            long end = offset + t.elementCount() * dtype.byteSize();
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("dtype", dtype.name());
            entry.put("shape", t.shape());
            entry.put("data_offsets", new long[] {offset, end});
            header.put(t.name(), entry);
            offset = end;
        }
        byte[] json;
        try {
            json = JSON.writeValueAsString(header).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        // Pad with spaces (valid JSON whitespace) so the data section starts 8-byte aligned.
        int padded = (json.length + 7) / 8 * 8;
        byte[] out = new byte[padded];
        System.arraycopy(json, 0, out, 0, json.length);
        Arrays.fill(out, json.length, padded, (byte) ' ');
        return out;
    }

    private static void writeValues(FileChannel channel, FloatBuffer values, Dtype dtype) throws IOException {
        FloatBuffer in = values.duplicate();
        ByteBuffer chunk = ByteBuffer.allocate(CHUNK_ELEMENTS * dtype.byteSize()).order(ByteOrder.LITTLE_ENDIAN);
        while (in.hasRemaining()) {
            chunk.clear();
            int n = Math.min(CHUNK_ELEMENTS, in.remaining());
            for (int i = 0; i < n; i++) {
                float v = in.get();
                switch (dtype) {
                    case F32 -> chunk.putFloat(v);
                    case F16 -> chunk.putShort(HalfFloats.floatToF16(v));
                    case BF16 -> chunk.putShort(HalfFloats.floatToBf16(v));
                    default -> throw new IllegalArgumentException("cannot write " + dtype);
                }
            }
            chunk.flip();
            writeAll(channel, chunk);
        }
    }

    private static void writeAll(FileChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }
}
