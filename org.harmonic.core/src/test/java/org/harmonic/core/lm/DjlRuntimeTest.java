package org.harmonic.core.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.harmonic.core.util.HarmonicInputException;
import org.junit.jupiter.api.Test;

class DjlRuntimeTest {

    @Test
    void engineIsPyTorchAndOffline() {
        Engine engine = DjlRuntime.engine(Thread.currentThread().getContextClassLoader());
        assertEquals("PyTorch", engine.getEngineName());
        assertEquals("true", System.getProperty("ai.djl.offline"));
        assertEquals("true", System.getProperty("OPT_OUT_TRACKING"));
        try (NDManager m = DjlRuntime.newManager(Device.cpu())) {
            NDArray a = m.create(new float[] {1, 2, 3});
            assertEquals(6f, a.sum().getFloat());
        }
    }

    @Test
    void theEngineStartsWithDjlsCudaProbeQuiet() throws Exception {
        DjlRuntime.engine(Thread.currentThread().getContextClassLoader());
        java.lang.reflect.Field logging = Class.forName("ai.djl.util.cuda.CudaUtils").getDeclaredField("logging");
        logging.setAccessible(true);
        assertEquals(false, logging.getBoolean(null), "DJL 0.35's probe flag is cleared when the engine starts; "
            + "a DJL upgrade that renames it must be checked for the 'CUDA driver version is insufficient' warning");
        assertTrue(DjlRuntime.quietCudaProbe(), "idempotent");
    }

    @Test
    void aMissingNativeLibraryNamesThePlatformFragmentToInstall() {
        HarmonicInputException e = DjlRuntime.nativeLibraryMissing("Windows 11", "amd64",
                new IllegalStateException("Failed to load PyTorch native library"));
        assertTrue(e.getMessage().contains("org.harmonic.core.natives.win32.x86_64"), e.getMessage());
        assertTrue(e.getMessage().contains("Failed to load PyTorch native library"), e.getMessage());
        assertTrue(DjlRuntime.nativeLibraryMissing("Mac OS X", "x86_64", new IllegalStateException("x")).getMessage()
                .contains("org.harmonic.core.natives.macosx.x86_64"), "an Intel Mac is named as such");
        assertTrue(DjlRuntime.nativeLibraryMissing("Linux", "aarch64", new IllegalStateException("x")).getMessage()
                .contains("org.harmonic.core.natives.linux.aarch64"));
    }

    @Test
    void deviceNames() {
        assertEquals(Device.cpu(), DjlRuntime.device("cpu"));
        assertEquals(Device.cpu(), DjlRuntime.device(" CPU "));
        HarmonicInputException unknown = assertThrows(HarmonicInputException.class, () -> DjlRuntime.device("tpu"));
        assertTrue(unknown.getMessage().contains("cpu, gpu or gpu:N"), unknown.getMessage());
        assertThrows(HarmonicInputException.class, () -> DjlRuntime.device("gpu:x"));
        if (DjlRuntime.engine().getGpuCount() == 0) {
            HarmonicInputException gpu = assertThrows(HarmonicInputException.class, () -> DjlRuntime.device("gpu"));
            assertTrue(gpu.getMessage().contains("choose device 'cpu'"), gpu.getMessage());
        }
    }

    @Test
    void harmonicThreadsMustBeAPositiveWholeNumber() {
        assertEquals(1, DjlRuntime.threads(null));
        assertEquals(1, DjlRuntime.threads(" "));
        assertEquals(3, DjlRuntime.threads(" 3 "));
        for (String bad : new String[] {"abc", "0", "-2", "1.5"}) {
            HarmonicInputException e = assertThrows(HarmonicInputException.class, () -> DjlRuntime.threads(bad));
            assertTrue(e.getMessage().contains("HARMONIC_THREADS='" + bad + "'"), e.getMessage());
        }
    }
}
