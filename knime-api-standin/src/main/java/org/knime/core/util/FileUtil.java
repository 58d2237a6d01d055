package org.knime.core.util;

import java.io.File;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stand-in for KNIME 5.5's {@code org.knime.core.util.FileUtil} (bundle {@code org.knime.core}):
 * the temporary-directory members the nodes use, with KNIME's signatures. KNIME creates temporary
 * directories in the workflow's temp location (deleted when the workflow is closed), falling back
 * to the KNIME temp path; without a workflow here, {@link #getWorkflowTempDir()} is
 * {@code java.io.tmpdir}. Directories created with {@code deleteOnExit} are deleted at JVM exit,
 * and {@link #deleteRecursively(File)} forgets them, as in KNIME.
 */
public final class FileUtil {

    private static final Map<File, Boolean> TEMP_FILES = new ConcurrentHashMap<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> TEMP_FILES.forEach((f, onExit) -> {
            if (onExit) {
                delete(f.toPath());
            }
        }), "standin-FileUtil-cleanup"));
    }

    private FileUtil() {
    }

    /** KNIME 5.5: {@code public static File createTempDir(final String prefix) throws IOException}. */
    public static File createTempDir(final String prefix) throws IOException {
        return createTempDir(prefix, null, true);
    }

    /** KNIME 5.5: {@code public static File createTempDir(final String prefix, final File dir) throws IOException}. */
    public static File createTempDir(final String prefix, final File dir) throws IOException {
        return createTempDir(prefix, dir, true);
    }

    /**
     * KNIME 5.5: {@code public static File createTempDir(final String prefix, final File dir,
     * final boolean deleteOnExit) throws IOException}; {@code dir} null means the workflow temp dir.
     */
    public static File createTempDir(final String prefix, final File dir, final boolean deleteOnExit)
            throws IOException {
        File root = dir == null ? getWorkflowTempDir() : dir;
        File created = Files.createTempDirectory(root.toPath(), prefix).toFile();
        TEMP_FILES.put(created, deleteOnExit);
        return created;
    }

    /** KNIME 5.5 (since 3.5): the current workflow's temp location; here {@code java.io.tmpdir}. */
    public static File getWorkflowTempDir() {
        return new File(System.getProperty("java.io.tmpdir"));
    }

    /**
     * KNIME 5.5: {@code public static boolean deleteRecursively(final File dir)}; does not follow
     * symbolic links, and forgets the directory if it was a registered temp directory.
     */
    public static boolean deleteRecursively(final File dir) {
        boolean deleted = delete(dir.toPath());
        if (deleted) {
            TEMP_FILES.remove(dir);
        }
        return deleted;
    }

    private static boolean delete(final Path root) {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return true;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
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
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
