package org.harmonic.core.lm.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.harmonic.core.lm.TensorData;
import org.harmonic.core.lm.WeightSource;
import org.harmonic.core.util.HarmonicInputException;

/**
 * Weights of a Hugging Face checkpoint in safetensors format, read without DJL (whose reader
 * aborts the JVM on BF16 and overflows above 2 GiB; see notes-djl-offline.md section 3).
 *
 * <p>Accepts a directory holding {@code model.safetensors} or a sharded checkpoint
 * ({@code model.safetensors.index.json} whose {@code weight_map} names the shard of each tensor),
 * or one of those files directly. All headers are parsed and validated at open; tensor data is
 * memory-mapped per tensor on {@link #get}. F32 tensors are zero-copy views of the file; F16, BF16,
 * F64, I64 and I32 are converted to FP32.
 *
 * <p>Buffers returned by {@link #get} stay valid after {@link #close()} (the JVM unmaps them
 * when they become unreachable).
 */
public final class SafetensorsReader implements WeightSource {

    public static final String SINGLE_FILE = "model.safetensors";
    public static final String INDEX_FILE = "model.safetensors.index.json";

    private final Path source;
    private final List<SafetensorsFile> files;
    /** Tensor name to the file holding it, sorted by name. */
    private final Map<String, SafetensorsFile> byName;
    private volatile boolean closed;

    private SafetensorsReader(Path source, List<SafetensorsFile> files, Map<String, SafetensorsFile> byName) {
        this.source = source;
        this.files = files;
        this.byName = byName;
    }

    /**
     * Opens a checkpoint directory, a {@code .safetensors} file or a
     * {@code model.safetensors.index.json}.
     *
     * @throws HarmonicInputException naming the file at fault when the checkpoint is missing or malformed
     */
    public static SafetensorsReader open(Path path) {
        if (Files.isDirectory(path)) {
            Path index = path.resolve(INDEX_FILE);
            if (Files.isRegularFile(index)) {
                return openSharded(index);
            }
            Path single = path.resolve(SINGLE_FILE);
            if (Files.isRegularFile(single)) {
                return openSingle(single);
            }
            throw new HarmonicInputException("The checkpoint directory " + path + " holds neither "
                    + SINGLE_FILE + " nor " + INDEX_FILE + " (it has: " + listing(path)
                    + "). Point to a Hugging Face model directory saved with safetensors.");
        }
        if (!Files.isRegularFile(path)) {
            throw new HarmonicInputException("The checkpoint " + path + " does not exist. Check the path.");
        }
        return path.getFileName().toString().endsWith(".index.json") ? openSharded(path) : openSingle(path);
    }

    private static SafetensorsReader openSingle(Path file) {
        SafetensorsFile f = SafetensorsFile.open(file);
        Map<String, SafetensorsFile> byName = new TreeMap<>();
        f.header().tensors().keySet().forEach(n -> byName.put(n, f));
        return new SafetensorsReader(file, List.of(f), Collections.unmodifiableMap(byName));
    }

    private static SafetensorsReader openSharded(Path index) {
        Map<String, String> weightMap = readWeightMap(index);
        Path dir = index.toAbsolutePath().getParent();
        // the index comes with a shared checkpoint: every name is confined before any shard is opened
        Map<String, Path> shardPaths = new LinkedHashMap<>();
        for (String shard : new TreeSet<>(weightMap.values())) {
            shardPaths.put(shard, confinedShard(index, dir, shard));
        }
        Map<String, SafetensorsFile> shards = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, Path> shard : shardPaths.entrySet()) {
                shards.put(shard.getKey(), SafetensorsFile.open(shard.getValue()));
            }
            Map<String, SafetensorsFile> byName = new TreeMap<>();
            for (Map.Entry<String, String> e : weightMap.entrySet()) {
                SafetensorsFile file = shards.get(e.getValue());
                if (!file.header().tensors().containsKey(e.getKey())) {
                    throw new HarmonicInputException(index.getFileName() + " says tensor '" + e.getKey()
                            + "' is in " + e.getValue() + ", but that shard has no such tensor. The "
                            + "index and shards do not belong together: download the checkpoint again.");
                }
                byName.put(e.getKey(), file);
            }
            return new SafetensorsReader(index, List.copyOf(shards.values()), Collections.unmodifiableMap(byName));
        } catch (RuntimeException e) {
            shards.values().forEach(SafetensorsFile::close);
            throw e;
        }
    }

    /**
     * The file a shard name of {@code index} stands for, refused unless it is a plain
     * {@code .safetensors} file name beside the index: a checkpoint is a file people share, and its
     * index must not make us read (or memory-map) files elsewhere. A shard may be a symbolic link
     * only when it resolves inside the checkpoint directory or, for the Hugging Face hub cache
     * ({@code <repo>/snapshots/<revision>/} whose files link to {@code <repo>/blobs/}), inside
     * that repository's {@code blobs} directory.
     */
    static Path confinedShard(Path index, Path dir, String shard) {
        String problem = null;
        if (shard.isEmpty() || shard.equals(".") || shard.equals("..")) {
            problem = "is not a file name";
        } else if (shard.indexOf('/') >= 0 || shard.indexOf('\\') >= 0 || shard.indexOf(':') >= 0
                || shard.indexOf('\0') >= 0) {
            problem = "is a path, not a plain file name";
        } else if (!shard.endsWith(".safetensors")) {
            problem = "is not a .safetensors file";
        }
        Path path = null;
        if (problem == null) {
            path = dir.resolve(shard);
            if (!dir.equals(path.getParent()) || !shard.equals(path.getFileName().toString())) {
                problem = "is not a plain file name";
            }
        }
        if (problem != null) {
            throw new HarmonicInputException(index.getFileName() + " (" + index + ") lists shard '" + shard
                    + "', which " + problem + "; an index may only name .safetensors files in its own directory "
                    + dir + ". Do not use this checkpoint as it is: download it again from its source.");
        }
        if (!Files.isRegularFile(path)) {
            throw new HarmonicInputException(index.getFileName() + " (" + index + ") lists shard '"
                    + shard + "', but " + path + " does not exist. Download all shards of "
                    + "the checkpoint into the same directory.");
        }
        if (Files.isSymbolicLink(path)) {
            try {
                Path realDir = dir.toRealPath();
                Path real = path.toRealPath();
                Path revisions = realDir.getParent();
                boolean inside = real.startsWith(realDir) || revisions != null && revisions.getParent() != null
                        && revisions.getFileName().toString().equals("snapshots")
                        && real.startsWith(revisions.getParent().resolve("blobs"));
                if (!inside) {
                    throw new HarmonicInputException(index.getFileName() + " (" + index + ") lists shard '"
                            + shard + "', a symbolic link to " + real + ", outside the checkpoint directory "
                            + realDir + ". Copy the shard itself into the checkpoint directory.");
                }
            } catch (IOException e) {
                throw new HarmonicInputException("the shard " + path + " listed in " + index + " cannot be "
                        + "resolved (" + e.getMessage() + "). Download all shards of the checkpoint into the "
                        + "same directory.", e);
            }
        }
        return path;
    }

    private static Map<String, String> readWeightMap(Path index) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(index.toFile());
        } catch (IOException e) {
            throw new HarmonicInputException(index.getFileName() + " (" + index + ") is not valid JSON ("
                    + e.getMessage() + "). Download the checkpoint again.", e);
        }
        JsonNode map = root == null ? null : root.get("weight_map");
        if (map == null || !map.isObject() || map.isEmpty()) {
            throw new HarmonicInputException(index.getFileName() + " (" + index
                    + ") has no weight_map object of tensor name to shard file. Download the checkpoint again.");
        }
        Map<String, String> out = new TreeMap<>();
        map.fields().forEachRemaining(e -> {
            if (!e.getValue().isTextual()) {
                throw new HarmonicInputException(index.getFileName() + ": weight_map entry '" + e.getKey()
                        + "' must name a shard file. Download the checkpoint again.");
            }
            out.put(e.getKey(), e.getValue().textValue());
        });
        return out;
    }

    private static String listing(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            List<String> names = s.map(p -> p.getFileName().toString()).sorted().limit(20).toList();
            return names.isEmpty() ? "nothing" : String.join(", ", names);
        } catch (IOException e) {
            return "unreadable";
        }
    }

    /** The path this reader was opened on (a file or an index file). */
    public Path source() {
        return source;
    }

    @Override
    public Set<String> names() {
        return byName.keySet();
    }

    /** Header entry of a tensor (dtype, shape, offsets) without reading its data. */
    public TensorEntry entry(String name) {
        return fileOf(name).header().tensors().get(name);
    }

    /** The {@code __metadata__} of the (first) file, e.g. {"format": "pt"}. */
    public Map<String, String> metadata() {
        return files.get(0).header().metadata();
    }

    @Override
    public TensorData get(String name) {
        SafetensorsFile file = fileOf(name);
        return file.read(file.header().tensors().get(name));
    }

    private SafetensorsFile fileOf(String name) {
        if (closed) {
            throw new IllegalStateException("SafetensorsReader on " + source + " is closed");
        }
        SafetensorsFile file = byName.get(name);
        if (file == null) {
            String looked = files.stream().map(f -> f.path().getFileName().toString())
                    .collect(Collectors.joining(", "));
            List<String> similar = SimilarNames.closest(name, byName.keySet(), 5);
            throw new HarmonicInputException("Tensor '" + name + "' is not in the checkpoint (looked in "
                    + looked + " under " + source.toAbsolutePath().getParent() + "; it has " + byName.size()
                    + " tensors). Similar names: " + similar + ". The checkpoint may be of a different "
                    + "architecture than config.json says.");
        }
        return file;
    }

    /** Total bytes of tensor data across all files (as stored, before conversion). */
    public long storedBytes() {
        long total = 0;
        for (SafetensorsFile f : files) {
            for (TensorEntry e : f.header().tensors().values()) {
                total += e.byteLength();
            }
        }
        return total;
    }

    /** The files this checkpoint consists of. */
    public List<Path> files() {
        List<Path> out = new ArrayList<>();
        files.forEach(f -> out.add(f.path()));
        return out;
    }

    @Override
    public void close() {
        closed = true;
        files.forEach(SafetensorsFile::close);
    }
}
