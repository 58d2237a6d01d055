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
