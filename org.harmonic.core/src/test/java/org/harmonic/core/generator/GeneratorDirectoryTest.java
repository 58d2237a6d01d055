package org.harmonic.core.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A new generator replaces the old one whole, and a failed replacement keeps the old one. */
class GeneratorDirectoryTest {
    @TempDir
    Path dir;

    private Path generator(String weights) throws IOException {
        Path target = dir.resolve("gen");
        Path staging = GeneratorDirectory.stage(target);
        Files.writeString(staging.resolve(GeneratorDirectory.WEIGHTS), weights);
        Files.writeString(staging.resolve(GeneratorDirectory.INFO), "{}");
        GeneratorDirectory.commit(staging, target);
        return target;
    }

    private List<String> siblings() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aNewGeneratorReplacesTheOldAndLeavesNoTemporaryDirectory() throws IOException {
        generator("old");
        Path target = dir.resolve("gen");
        Files.writeString(target.resolve("stale.txt"), "from the old generator");
        generator("new");
        assertEquals("new", Files.readString(target.resolve(GeneratorDirectory.WEIGHTS)));
        assertFalse(Files.exists(target.resolve("stale.txt")), "the old directory is replaced, not merged");
        assertEquals(List.of("gen"), siblings());
    }

    @Test
    void whenTheNewGeneratorCannotBeMovedInTheOldOneStays() throws IOException {
        Path target = generator("old");
        Path staging = GeneratorDirectory.stage(target);
        Files.writeString(staging.resolve(GeneratorDirectory.WEIGHTS), "new");
        Files.delete(staging.resolve(GeneratorDirectory.WEIGHTS));
        Files.delete(staging); // the move of the new generator fails: its directory is gone
        assertThrows(IOException.class, () -> GeneratorDirectory.commit(staging, target));
        assertEquals("old", Files.readString(target.resolve(GeneratorDirectory.WEIGHTS)));
        assertEquals(List.of("gen"), siblings(), "the old generator is moved back, nothing is left aside");
    }
}
