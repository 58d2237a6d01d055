package org.harmonic.core.generator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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

    /**
     * Replaces {@code target} by the finished staging directory. A previous generator is moved
     * aside first and deleted only once the new one is in place; if the new one cannot be moved
     * in, the old one is moved back, so a failure never loses both.
     */
    public static void commit(Path staging, Path target) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path old = null;
        if (Files.exists(absolute)) {
            old = absolute.resolveSibling("." + absolute.getFileName() + "."
                    + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".old");
            Files.move(absolute, old, StandardCopyOption.ATOMIC_MOVE);
        }
        try {
            Files.move(staging, absolute, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            if (old != null) {
                try {
                    Files.move(old, absolute, StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException restore) {
                    e.addSuppressed(restore);
                }
            }
            throw e;
        }
        if (old != null) {
            try {
                AtomicFiles.deleteTree(old);
            } catch (IOException e) {
                // the new generator is in place; a hidden leftover is not worth failing the fit for
                // (the next 'harmonic run' into the same directory removes it)
            }
        }
    }

    /** Deletes a staging directory after a failure. */
    public static void discard(Path staging) {
        try {
            AtomicFiles.deleteTree(staging);
        } catch (IOException ignored) {
            // best effort: the original failure is what the user needs to see
        }
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }

}
