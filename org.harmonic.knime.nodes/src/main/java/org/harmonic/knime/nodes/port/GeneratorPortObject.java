package org.harmonic.knime.nodes.port;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.ref.Cleaner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;

import javax.swing.JComponent;

import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionMonitor;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.PortObjectZipInputStream;
import org.knime.core.node.port.PortObjectZipOutputStream;
import org.knime.core.node.port.PortType;
import org.knime.core.node.port.PortTypeRegistry;

/**
 * A trained HARMONIC generator at a node port: its directory ({@code config.json}, weights,
 * {@code tokenizer.json}, {@code harmonic.json}). Saving the workflow zips every file of the
 * directory into the port's output; loading unpacks them into a fresh temporary directory, which
 * is treated as read-only and shareable (several Synthesizer nodes may read it at once). That
 * unpacked directory belongs to the port object: it is deleted once KNIME no longer holds the port
 * object (after the producing node is reset, or the workflow is closed), and lies in the workflow's
 * temp directory, which KNIME deletes on close at the latest.
 */
public final class GeneratorPortObject implements PortObject {

    /** The generator port type (registered at {@code org.knime.core.PortType} in plugin.xml). */
    public static final PortType TYPE = PortTypeRegistry.getInstance().getPortType(GeneratorPortObject.class);

    /** Optional generator port. */
    public static final PortType TYPE_OPTIONAL =
        PortTypeRegistry.getInstance().getPortType(GeneratorPortObject.class, true);

    private static final String ZIP_PREFIX = "generator/";

    /**
     * Deletes unpacked directories of port objects that became unreachable. The framework gives a
     * port object no dispose call; nodes read the directory only while they hold the port object
     * (an input of their execute), so unreachable means no longer needed.
     */
    private static final Cleaner CLEANER = Cleaner.create();

    private final GeneratorPortObjectSpec m_spec;
    private final Path m_directory;

    public GeneratorPortObject(final GeneratorPortObjectSpec spec, final Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException("generator directory " + directory + " does not exist");
        }
        m_spec = spec;
        m_directory = directory;
    }

    /** The port object of a generator directory, its spec read from the directory. */
    public static GeneratorPortObject of(final Path directory) throws IOException {
        return new GeneratorPortObject(GeneratorPortObjectSpec.fromDirectory(directory), directory);
    }

    /** The generator directory (do not modify it: other nodes may share it). */
    public Path getDirectory() {
        return m_directory;
    }

    @Override
    public GeneratorPortObjectSpec getSpec() {
        return m_spec;
    }

    @Override
    public String getSummary() {
        return m_spec.describe();
    }

    @Override
    public JComponent[] getViews() {
        return m_spec.getViews();
    }

    @Override
    public String toString() {
        return getSummary() + " at " + m_directory;
    }

    /** Regular files under the directory, relative, '/'-separated, sorted (for a stable zip). */
    static List<String> files(final Path directory) throws IOException {
        List<String> names = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(directory)) {
            walk.filter(Files::isRegularFile).sorted(Comparator.naturalOrder())
                .forEach(p -> names.add(directory.relativize(p).toString().replace('\\', '/')));
        }
        return names;
    }

    /** Zips and unzips the generator directory (registered in plugin.xml). */
    public static final class Serializer extends PortObjectSerializer<GeneratorPortObject> {

        @Override
        public void savePortObject(final GeneratorPortObject portObject, final PortObjectZipOutputStream out,
                final ExecutionMonitor exec) throws IOException, CanceledExecutionException {
            List<String> names = files(portObject.m_directory);
            for (int i = 0; i < names.size(); i++) {
                exec.checkCanceled();
                exec.setProgress(i / (double)names.size(), "saving generator file " + names.get(i));
                out.putNextEntry(new ZipEntry(ZIP_PREFIX + names.get(i)));
                Files.copy(portObject.m_directory.resolve(names.get(i)), out);
                out.closeEntry();
            }
        }

        @Override
        public GeneratorPortObject loadPortObject(final PortObjectZipInputStream in, final PortObjectSpec spec,
                final ExecutionMonitor exec) throws IOException, CanceledExecutionException {
            Path directory = TempDirectories.create("harmonic-generator-");
            boolean done = false;
            try {
                unpack(in, directory, exec);
                GeneratorPortObject port = new GeneratorPortObject((GeneratorPortObjectSpec)spec, directory);
                CLEANER.register(port, () -> TempDirectories.deleteQuietly(directory));
                done = true;
                return port;
            } finally {
                if (!done) {
                    TempDirectories.deleteQuietly(directory);
                }
            }
        }

        private static void unpack(final PortObjectZipInputStream in, final Path directory,
                final ExecutionMonitor exec) throws IOException, CanceledExecutionException {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                exec.checkCanceled();
                String name = entry.getName();
                if (entry.isDirectory()) {
                    continue;
                }
                if (!name.startsWith(ZIP_PREFIX)) {
                    throw new IOException("not a HARMONIC generator: unexpected zip entry " + name);
                }
                Path target = directory.resolve(name.substring(ZIP_PREFIX.length())).normalize();
                if (!target.startsWith(directory)) {
                    throw new IOException("zip entry " + name + " points outside the generator directory");
                }
                Files.createDirectories(target.getParent());
                try (OutputStream file = Files.newOutputStream(target)) {
                    copy(in, file);
                }
            }
        }

        private static void copy(final InputStream in, final OutputStream out) throws IOException {
            byte[] buffer = new byte[1 << 16];
            int n;
            while ((n = in.read(buffer)) > 0) {
                out.write(buffer, 0, n);
            }
        }
    }
}
