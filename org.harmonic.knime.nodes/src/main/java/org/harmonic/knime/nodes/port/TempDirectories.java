package org.harmonic.knime.nodes.port;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import org.knime.core.util.FileUtil;

/**
 * Temporary directories for generators (freshly trained, or unpacked from a saved workflow). They
 * live in KNIME's workflow temp directory ({@link FileUtil#createTempDir(String)}), which KNIME
 * deletes when the workflow is closed, not in {@code java.io.tmpdir} until the JVM exits (a Hub
 * executor runs for weeks). Their owners delete them earlier: the Fine-Tuner on reset and
 * dispose, a loaded {@link GeneratorPortObject} once KNIME no longer holds it.
 */
public final class TempDirectories {
    /** The most recent directories, for diagnostics and tests (bounded: executors run for weeks). */
    private static final int REMEMBERED = 256;

    private static final Deque<Path> CREATED = new ArrayDeque<>();

    private TempDirectories() {
    }

    /** A fresh directory in the workflow's temp directory (KNIME deletes it at the latest on exit). */
    public static Path create(final String prefix) throws IOException {
        Path dir = FileUtil.createTempDir(prefix).toPath();
        synchronized (CREATED) {
            CREATED.addLast(dir);
            if (CREATED.size() > REMEMBERED) {
                CREATED.removeFirst();
            }
        }
        return dir;
    }

    /** The most recently created directories (deleted ones included), oldest first. */
    public static List<Path> created() {
        synchronized (CREATED) {
            return List.copyOf(CREATED);
        }
    }

    /** Deletes {@code dir} and all it holds (symbolic links are removed, not followed); best effort. */
    public static void deleteQuietly(final Path dir) {
        FileUtil.deleteRecursively(dir.toFile());
    }
}
