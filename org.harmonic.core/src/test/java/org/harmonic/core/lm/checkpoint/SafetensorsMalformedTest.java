package org.harmonic.core.lm.checkpoint;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.harmonic.core.util.HarmonicInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every way a checkpoint can be broken gives a message naming the file and, where one applies, the tensor. */
class SafetensorsMalformedTest {

    @TempDir
    Path dir;

    private static String failure(Path path) {
        return assertThrows(HarmonicInputException.class, () -> SafetensorsReader.open(path).close()).getMessage();
    }

    private static void assertMentions(String message, String... parts) {
        for (String part : parts) {
            assertTrue(message.contains(part), "message should mention '" + part + "': " + message);
        }
    }

    @Test
    void fileShorterThanTheLengthPrefix() throws IOException {
        Path file = Files.write(dir.resolve("model.safetensors"), new byte[] {1, 2, 3, 4, 5});
        assertMentions(failure(file), "model.safetensors", "5 bytes", "truncated");
    }

    @Test
    void headerLengthBeyondTheFileSize() throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(20).order(ByteOrder.LITTLE_ENDIAN).putLong(1_000_000);
        Path file = Files.write(dir.resolve("model.safetensors"), buf.array());
        assertMentions(failure(file), "model.safetensors", "1000000", "beyond the file size of 20 bytes");
    }

    @Test
    void headerThatIsNotJson() throws IOException {
        Path file = RawSafetensors.write(dir.resolve("model.safetensors"), "{\"w\": {\"dtype\": \"F32\",", new byte[0]);
        assertMentions(failure(file), "model.safetensors", "not valid JSON");
    }

    @Test
    void headerThatIsJsonButNotAnObject() throws IOException {
        Path file = RawSafetensors.write(dir.resolve("model.safetensors"), "[1, 2]", new byte[0]);
        assertMentions(failure(file), "model.safetensors", "not a JSON object");
    }

    @Test
    void unknownDtype() throws IOException {
        Path file = RawSafetensors.write(dir.resolve("model.safetensors"),
                "{\"lm_head.weight\":{\"dtype\":\"Q4_K\",\"shape\":[2],\"data_offsets\":[0,8]}}", new byte[8]);
        assertMentions(failure(file), "model.safetensors", "lm_head.weight", "unknown dtype 'Q4_K'");
    }

    @Test
    void knownButUnconvertibleDtypeFailsOnlyWhenRead() throws IOException {
        Path file = RawSafetensors.write(dir.resolve("model.safetensors"),
                "{\"mask\":{\"dtype\":\"BOOL\",\"shape\":[4],\"data_offsets\":[0,4]},"
                        + "\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", new byte[8]);
        try (SafetensorsReader reader = SafetensorsReader.open(file)) {
            reader.get("w");
            String message = assertThrows(HarmonicInputException.class, () -> reader.get("mask")).getMessage();
            assertMentions(message, "model.safetensors", "mask", "BOOL");
        }
    }

    @Test
    void dataOffsetsBeyondTheDataOfATruncatedFile() throws IOException {
        Path file = RawSafetensors.write(dir.resolve("model-00002-of-00002.safetensors"),
                "{\"model.norm.weight\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]}}", new byte[10]);
        assertMentions(failure(file), "model-00002-of-00002.safetensors", "model.norm.weight",
                "[0, 16]", "data section of 10 bytes");
    }

    @Test
    void dataOffsetsThatDoNotMatchTheShape() throws IOException {
        Path file = RawSafetensors.write(dir.resolve("model.safetensors"),
                "{\"model.embed_tokens.weight\":{\"dtype\":\"BF16\",\"shape\":[2,3],\"data_offsets\":[0,16]}}",
                new byte[16]);
        assertMentions(failure(file), "model.safetensors", "model.embed_tokens.weight", "spanning 16 bytes",
                "needs 12 bytes");
    }

    @Test
    void negativeOrReversedOffsets() throws IOException {
        Path file = RawSafetensors.write(dir.resolve("a.safetensors"),
                "{\"t\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,4]}}", new byte[8]);
        assertMentions(failure(file), "a.safetensors", "'t'", "[8, 4]");
        Path negative = RawSafetensors.write(dir.resolve("b.safetensors"),
                "{\"t\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,4]}}", new byte[8]);
        assertMentions(failure(negative), "b.safetensors", "'t'", "shape");
    }

    @Test
    void missingTensorNamesTheFileAndSimilarNames() {
        SafetensorsWriter.write(dir.resolve("model.safetensors"), List.of(
                SafetensorsWriter.tensor("model.layers.0.self_attn.q_proj.weight", new float[4], 2, 2),
                SafetensorsWriter.tensor("model.layers.0.self_attn.k_proj.weight", new float[4], 2, 2),
                SafetensorsWriter.tensor("model.norm.weight", new float[2], 2)));
        try (SafetensorsReader reader = SafetensorsReader.open(dir)) {
            String message = assertThrows(HarmonicInputException.class,
                    () -> reader.get("model.layers.0.self_attn.v_proj.weight")).getMessage();
            assertMentions(message, "model.layers.0.self_attn.v_proj.weight", "model.safetensors",
                    "model.layers.0.self_attn.q_proj.weight", "model.layers.0.self_attn.k_proj.weight");
        }
    }

    @Test
    void indexReferencingAMissingShard() throws IOException {
        SafetensorsWriter.writeSharded(dir, List.of(
                SafetensorsWriter.tensor("a", new float[2], 2),
                SafetensorsWriter.tensor("b", new float[2], 2)), 2, Dtype.F32);
        Files.delete(dir.resolve("model-00002-of-00002.safetensors"));
        assertMentions(failure(dir), "model.safetensors.index.json", "model-00002-of-00002.safetensors",
                "does not exist");
    }

    @Test
    void indexNamingATensorItsShardLacks() throws IOException {
        SafetensorsWriter.write(dir.resolve("model-00001-of-00001.safetensors"),
                List.of(SafetensorsWriter.tensor("a", new float[2], 2)));
        Files.writeString(dir.resolve("model.safetensors.index.json"),
                "{\"metadata\":{},\"weight_map\":{\"a\":\"model-00001-of-00001.safetensors\","
                        + "\"lm_head.weight\":\"model-00001-of-00001.safetensors\"}}");
        assertMentions(failure(dir), "model.safetensors.index.json", "lm_head.weight",
                "model-00001-of-00001.safetensors");
    }

    /** An index whose one tensor "a" lives in {@code shard}. */
    private Path indexNaming(Path checkpoint, String shard) throws IOException {
        String json = "{\"metadata\":{},\"weight_map\":{\"a\":" + new com.fasterxml.jackson.databind.ObjectMapper()
                .writeValueAsString(shard) + "}}";
        return Files.writeString(checkpoint.resolve("model.safetensors.index.json"), json);
    }

    private static void validShard(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        SafetensorsWriter.write(file, List.of(SafetensorsWriter.tensor("a", new float[2], 2)));
    }

    @Test
    void indexNamingAShardOutsideItsDirectoryIsRefusedEvenWhenTheFileIsValid(@TempDir Path root) throws IOException {
        Path checkpoint = Files.createDirectories(root.resolve("models/ckpt"));
        validShard(root.resolve("models/secret.safetensors"));
        validShard(root.resolve("models/ckpt/sub/inner.safetensors"));
        for (String shard : List.of("../secret.safetensors", root.resolve("models/secret.safetensors").toString(),
                "sub/inner.safetensors", "..\\secret.safetensors", "..", ".", "", "C:secret.safetensors")) {
            indexNaming(checkpoint, shard);
            assertMentions(failure(checkpoint), "model.safetensors.index.json", "'" + shard + "'",
                    "only name .safetensors files in its own directory", "download it again");
        }
    }

    @Test
    void indexNamingAFileThatIsNotASafetensorsShardIsRefused() throws IOException {
        Files.writeString(dir.resolve("config.json"), "{}");
        indexNaming(dir, "config.json");
        assertMentions(failure(dir), "'config.json'", "is not a .safetensors file");
    }

    @Test
    void shardThatIsASymbolicLinkOutOfTheCheckpointIsRefused(@TempDir Path elsewhere) throws IOException {
        validShard(elsewhere.resolve("stolen.safetensors"));
        Files.createSymbolicLink(dir.resolve("model-00001-of-00001.safetensors"),
                elsewhere.resolve("stolen.safetensors"));
        indexNaming(dir, "model-00001-of-00001.safetensors");
        assertMentions(failure(dir), "model-00001-of-00001.safetensors", "symbolic link",
                "outside the checkpoint directory", "Copy the shard itself");
    }

    @Test
    void symbolicLinksInsideTheCheckpointAndIntoTheHubCacheBlobsAreRead(@TempDir Path hub) throws IOException {
        validShard(dir.resolve("real.safetensors"));
        Files.createSymbolicLink(dir.resolve("model-00001-of-00001.safetensors"), Path.of("real.safetensors"));
        indexNaming(dir, "model-00001-of-00001.safetensors");
        try (SafetensorsReader reader = SafetensorsReader.open(dir)) {
            assertTrue(reader.names().contains("a"));
        }
        // huggingface_hub's cache: snapshots/<revision>/<file> -> ../../blobs/<hash>
        Path snapshot = Files.createDirectories(hub.resolve("models--x--y/snapshots/abc123"));
        validShard(hub.resolve("models--x--y/blobs/0f1e2d"));
        Files.createSymbolicLink(snapshot.resolve("model-00001-of-00001.safetensors"),
                Path.of("../../blobs/0f1e2d"));
        indexNaming(snapshot, "model-00001-of-00001.safetensors");
        try (SafetensorsReader reader = SafetensorsReader.open(snapshot)) {
            assertTrue(reader.names().contains("a"));
        }
    }

    @Test
    void indexThatIsNotJsonOrHasNoWeightMap() throws IOException {
        Path index = Files.writeString(dir.resolve("model.safetensors.index.json"), "{\"metadata\":");
        assertMentions(failure(dir), "model.safetensors.index.json", "not valid JSON");
        Files.writeString(index, "{\"metadata\":{}}");
        assertMentions(failure(dir), "model.safetensors.index.json", "weight_map");
    }

    @Test
    void directoryWithoutACheckpointListsWhatItHas() throws IOException {
        Files.writeString(dir.resolve("pytorch_model.bin"), "not safetensors");
        assertMentions(failure(dir), "model.safetensors", "pytorch_model.bin");
        assertMentions(failure(dir.resolve("nope.safetensors")), "nope.safetensors", "does not exist");
    }
}
