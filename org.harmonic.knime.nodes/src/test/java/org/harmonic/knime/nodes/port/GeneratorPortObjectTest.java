package org.harmonic.knime.nodes.port;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knime.core.node.ExecutionMonitor;
import org.knime.core.node.port.PortObjectRoundTrip;
import org.knime.core.util.FileUtil;

/** The generator port carries a whole directory and shows its summary. */
class GeneratorPortObjectTest {
    @TempDir
    Path dir;

    private Path generator() throws IOException {
        Files.writeString(dir.resolve("config.json"), "{\"model_type\": \"llama\", \"hidden_size\": 64}");
        Files.writeString(dir.resolve("harmonic.json"), "{\"schema\": {\"columns\": [{\"name\": \"age\", "
            + "\"type\": \"integer\"}, {\"name\": \"status\", \"type\": \"categorical\"}]}, "
            + "\"training\": {\"epochs\": 3, \"final_loss\": 0.42}}");
        byte[] weights = new byte[300_000];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = (byte)(i * 31);
        }
        Files.write(dir.resolve("model.safetensors"), weights);
        Files.createDirectories(dir.resolve("checkpoints"));
        Files.writeString(dir.resolve("checkpoints/step-10.txt"), "ten");
        return dir;
    }

    @Test
    void specShowsBaseModelSchemaAndTraining() throws IOException {
        GeneratorPortObjectSpec spec = GeneratorPortObject.of(generator()).getSpec();
        assertEquals("llama", spec.getBaseModel());
        assertEquals(List.of("age", "status"), spec.getColumnNames());
        assertEquals(Map.of("epochs", 3, "final_loss", 0.42), spec.getTrainingSummary());
        assertTrue(spec.describe().contains("2 columns (age, status)"), spec.describe());
        assertEquals(1, spec.getViews().length);
    }

    @Test
    void specWithoutSummaryIsStillUseful() {
        GeneratorPortObjectSpec spec = new GeneratorPortObjectSpec(Map.of());
        assertEquals("unknown", spec.getBaseModel());
        assertTrue(spec.getColumnNames().isEmpty());
        assertTrue(spec.describe().contains("not trained"));
        assertNotEquals(spec, new GeneratorPortObjectSpec(Map.of("base_model", "gpt2")));
        assertEquals("default", new GeneratorPortObjectSpec(Map.of("baseModel", "default", "format",
            "harmonic-generator/1")).getBaseModel(), "the core's GeneratorInfo key");
        assertEquals(new GeneratorPortObjectSpec(Map.of("a", 1, "b", 2)),
            new GeneratorPortObjectSpec(Map.of("b", 2, "a", 1)), "key order does not matter");
    }

    @Test
    void portTypeComesFromPluginXml() {
        assertEquals("HARMONIC generator", GeneratorPortObject.TYPE.getName());
        assertEquals(GeneratorPortObjectSpec.class, GeneratorPortObject.TYPE.getPortObjectSpecClass());
        assertTrue(GeneratorPortObject.TYPE_OPTIONAL.isOptional());
    }

    @Test
    void directoryIsZippedIntoThePortAndUnpackedOnLoad() throws Exception {
        GeneratorPortObject original = GeneratorPortObject.of(generator());
        GeneratorPortObject loaded = PortObjectRoundTrip.roundTrip(original, new ExecutionMonitor());

        assertEquals(original.getSpec(), loaded.getSpec());
        assertNotEquals(original.getDirectory(), loaded.getDirectory());
        assertEquals(GeneratorPortObject.files(original.getDirectory()), GeneratorPortObject.files(loaded.getDirectory()));
        for (String f : GeneratorPortObject.files(original.getDirectory())) {
            assertArrayEquals(Files.readAllBytes(original.getDirectory().resolve(f)),
                Files.readAllBytes(loaded.getDirectory().resolve(f)), f);
        }
    }

    @Test
    void entriesPointingOutsideTheDirectoryAreRefused() throws Exception {
        GeneratorPortObjectSpec spec = new GeneratorPortObjectSpec(Map.of());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("generator/../../evil.txt"));
            zip.write("x".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        List<Path> before = TempDirectories.created();
        IOException e = assertThrows(IOException.class, () -> PortObjectRoundTrip.load(GeneratorPortObject.class,
            spec, bytes.toByteArray(), new ExecutionMonitor()));
        assertTrue(e.getMessage().contains("outside"), e.getMessage());
        List<Path> created = new java.util.ArrayList<>(TempDirectories.created());
        created.removeAll(before);
        assertEquals(1, created.size(), created.toString());
        assertFalse(Files.exists(created.get(0)), "a refused port leaves no directory behind");
    }

    /** Loads a copy of the generator and keeps only its directory (the port object itself is dropped). */
    private Path loadAndDrop() throws Exception {
        GeneratorPortObject loaded = PortObjectRoundTrip.roundTrip(GeneratorPortObject.of(generator()),
            new ExecutionMonitor());
        assertTrue(Files.isRegularFile(loaded.getDirectory().resolve("model.safetensors")));
        return loaded.getDirectory();
    }

    @Test
    void unpackedGeneratorLivesInTheWorkflowTempDirAndGoesWithItsPortObject() throws Exception {
        Path unpacked = loadAndDrop();
        assertTrue(unpacked.startsWith(FileUtil.getWorkflowTempDir().toPath()), unpacked.toString());
        // KNIME gives port objects no dispose call: once nobody holds the port object, its directory goes
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (Files.exists(unpacked) && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(50);
        }
        assertFalse(Files.exists(unpacked), unpacked + " outlived its port object");
    }

    @Test
    void unpackedGeneratorStaysWhileItsPortObjectIsHeld() throws Exception {
        GeneratorPortObject loaded = PortObjectRoundTrip.roundTrip(GeneratorPortObject.of(generator()),
            new ExecutionMonitor());
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(20);
        }
        assertTrue(Files.isRegularFile(loaded.getDirectory().resolve("model.safetensors")));
    }
}
