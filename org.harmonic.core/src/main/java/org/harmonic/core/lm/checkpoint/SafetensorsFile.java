package org.harmonic.core.lm.checkpoint;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import org.harmonic.core.lm.TensorData;
import org.harmonic.core.util.HarmonicInputException;

/**
 * One open safetensors file: its validated header and a channel from which tensor regions are
 * memory-mapped on demand. Each tensor gets its own mapping, so files beyond 2 GiB work (a single
 * {@link MappedByteBuffer} cannot exceed 2 GiB) and nothing but the requested tensor is paged in.
 */
final class SafetensorsFile implements AutoCloseable {

    /** The format puts a little-endian u64 header length first. */
    private static final int LENGTH_PREFIX = 8;
    /** The Rust reader refuses headers above 100 MB; a larger value means a corrupt file. */
    private static final long MAX_HEADER = 100_000_000L;

    private final Path path;
    private final FileChannel channel;
    private final SafetensorsHeader header;
    private final long dataStart;

    private SafetensorsFile(Path path, FileChannel channel, SafetensorsHeader header, long dataStart) {
        this.path = path;
        this.channel = channel;
        this.header = header;
        this.dataStart = dataStart;
    }

    static SafetensorsFile open(Path path) {
        String name = path.getFileName().toString();
        FileChannel channel;
        try {
            channel = FileChannel.open(path, StandardOpenOption.READ);
        } catch (IOException e) {
            throw new HarmonicInputException("Cannot open checkpoint file " + path + " (" + e
                    + "). Check the path and its read permission.", e);
        }
        try {
            long size = channel.size();
            if (size < LENGTH_PREFIX) {
                throw new HarmonicInputException(name + " (" + path + ") has only " + size
                        + " bytes, fewer than the 8-byte header length of a safetensors file. The file is "
                        + "truncated or not safetensors: download or export the checkpoint again.");
            }
            ByteBuffer prefix = ByteBuffer.allocate(LENGTH_PREFIX).order(ByteOrder.LITTLE_ENDIAN);
            readFully(channel, prefix, 0);
            long headerLength = prefix.getLong(0);
            if (headerLength < 0 || headerLength > size - LENGTH_PREFIX || headerLength > MAX_HEADER) {
                throw new HarmonicInputException(name + " (" + path + ") declares a header of "
                        + Long.toUnsignedString(headerLength) + " bytes, beyond the file size of " + size
                        + " bytes. The file is truncated or not safetensors: download or export the checkpoint again.");
            }
            ByteBuffer headerBytes = ByteBuffer.allocate((int) headerLength);
            readFully(channel, headerBytes, LENGTH_PREFIX);
            long dataStart = LENGTH_PREFIX + headerLength;
            SafetensorsHeader header = SafetensorsHeader.parse(headerBytes.array(), size - dataStart, name);
            return new SafetensorsFile(path, channel, header, dataStart);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new HarmonicInputException("Cannot read checkpoint file " + path + " (" + e + ").", e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    Path path() {
        return path;
    }

    SafetensorsHeader header() {
        return header;
    }

    /** The tensor converted to FP32; F32 data is a zero-copy read-only view of the mapping. */
    TensorData read(TensorEntry entry) {
        String where = path.getFileName() + ": tensor '" + entry.name() + "'";
        if (!entry.dtype().readable()) {
            throw new HarmonicInputException(where + " has dtype " + entry.dtype()
                    + ", which cannot be converted to float32 weights. Convert the checkpoint to "
                    + "float32, float16 or bfloat16 and save it again.");
        }
        long count = entry.elementCount();
        if (count * 4 > Integer.MAX_VALUE || entry.byteLength() > Integer.MAX_VALUE) {
            throw new HarmonicInputException(where + " " + Arrays.toString(entry.shape()) + " has " + count
                    + " elements; as float32 (or as stored) that exceeds the 2 GiB a single Java buffer can "
                    + "hold. Use a smaller model.");
        }
        ByteBuffer bytes = map(entry);
        FloatBuffer values = Conversions.toFloats(bytes, entry.dtype(), (int) count);
        return new TensorData(entry.name(), entry.shape().clone(), values);
    }

    private ByteBuffer map(TensorEntry entry) {
        try {
            // 64-bit position: data_offsets are relative to the end of the header.
            MappedByteBuffer mapped = channel.map(FileChannel.MapMode.READ_ONLY,
                    dataStart + entry.begin(), entry.byteLength());
            return mapped.order(ByteOrder.LITTLE_ENDIAN);
        } catch (IOException e) {
            throw new HarmonicInputException("Cannot map tensor '" + entry.name() + "' of " + path + " ("
                    + e + ").", e);
        }
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        long pos = position;
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, pos);
            if (n < 0) {
                throw new IOException("unexpected end of file at byte " + pos);
            }
            pos += n;
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // the open failed already; that error is the one to report
        }
    }

    @Override
    public void close() {
        closeQuietly(channel);
    }
}
