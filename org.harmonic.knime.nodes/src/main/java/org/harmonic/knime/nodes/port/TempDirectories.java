package org.harmonic.knime.nodes.port;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Temporary directories that live until the JVM (KNIME) exits (or until their node deletes them on
 * reset): unpacked and freshly trained generators are read by
 * downstream nodes for as long as the workflow is open, so they cannot be deleted earlier.
 */
public final class TempDirectories {
    private static final List<Path> CREATED = new CopyOnWriteArrayList<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> CREATED.forEach(TempDirectories::deleteQuietly),
            "harmonic-temp-cleanup"));
    }

    private TempDirectories() {
    }

    public static Path create(final String prefix) throws IOException {
        Path dir = Files.createTempDirectory(prefix);
        CREATED.add(dir);
        return dir;
    }

    /** Every directory created so far (deleted ones included), for diagnostics and tests. */
    public static List<Path> created() {
        return List.copyOf(CREATED);
    }

    public static void deleteQuietly(final Path dir) {
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(final Path file, final BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(final Path d, final IOException exc) throws IOException {
                    Files.deleteIfExists(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // best effort at shutdown
        }
    }
}
