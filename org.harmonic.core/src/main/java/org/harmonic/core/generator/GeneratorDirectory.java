package org.harmonic.core.generator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import org.harmonic.core.util.AtomicFiles;
import org.harmonic.core.util.HarmonicInputException;

/**
 * The generator directory, the unit users share and KNIME's port carries: Hugging Face
 * {@code config.json}, {@code model.safetensors} and {@code tokenizer.json}, plus
 * {@code harmonic.json}. It is written into a temporary sibling and moved into place whole, so
 * a failed or canceled fit never leaves a half-written generator.
 */
public final class GeneratorDirectory {
    public static final String CONFIG = "config.json";
    public static final String WEIGHTS = "model.safetensors";
    public static final String TOKENIZER = "tokenizer.json";
    public static final String INFO = "harmonic.json";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private GeneratorDirectory() {
    }

    public static void writeInfo(Path dir, GeneratorInfo info) {
        try {
            AtomicFiles.writeString(dir.resolve(INFO), JSON.writeValueAsString(info));
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise harmonic.json", e);
        }
    }

    public static GeneratorInfo readInfo(Path dir) {
        Path file = dir.resolve(INFO);
        if (!Files.isRegularFile(file)) {
            throw new HarmonicInputException(dir + " is not a HARMONIC generator directory (no " + INFO
                    + "); give the --out directory of 'harmonic fit'");
        }
        try {
            return JSON.readValue(file.toFile(), GeneratorInfo.class);
        } catch (IOException e) {
            throw new HarmonicInputException(file + " is unreadable (" + e.getMessage().lines().findFirst().orElse("")
                    + "); re-create the generator with 'harmonic fit'", e);
        }
    }

    /** A fresh staging directory beside {@code target}. */
    public static Path stage(Path target) throws IOException {
        Path absolute = target.toAbsolutePath();
        if (Files.exists(absolute) && !Files.isDirectory(absolute)) {
            throw new HarmonicInputException(target + " exists and is a file; choose a directory for the generator");
        }
        if (Files.isDirectory(absolute) && !isEmpty(absolute) && !Files.exists(absolute.resolve(INFO))) {
            throw new HarmonicInputException(target + " exists and is not a generator directory; choose a new or "
                    + "empty directory, so nothing else is overwritten");
        }
        Path parent = absolute.getParent();
        Files.createDirectories(parent);
        return Files.createDirectory(parent.resolve("." + absolute.getFileName() + "."
                + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".part"));
    }

    /** Replaces {@code target} by the finished staging directory. */
    public static void commit(Path staging, Path target) throws IOException {
        Path absolute = target.toAbsolutePath();
        if (Files.exists(absolute)) {
            deleteTree(absolute);
        }
        Files.move(staging, absolute, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Deletes a staging directory after a failure. */
    public static void discard(Path staging) {
        try {
            deleteTree(staging);
        } catch (IOException ignored) {
            // best effort: the original failure is what the user needs to see
        }
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }
}
