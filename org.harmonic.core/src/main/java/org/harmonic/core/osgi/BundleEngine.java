package org.harmonic.core.osgi;

import java.util.concurrent.Callable;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtEngineProvider;

/**
 * Makes DJL's PyTorch engine work when the core runs as an OSGi bundle (inside KNIME).
 *
 * <p>DJL finds engines with {@link java.util.ServiceLoader} on the thread context class loader
 * and looks up its native libraries through it too (shared/notes-djl-offline.md section 7). Under
 * OSGi the context loader is whatever the calling thread had (KNIME's executor threads: a loader
 * that cannot see the jars embedded in this bundle), so DJL would report "No deep learning engine
 * found". This class runs DJL calls with this bundle's loader as context loader and registers the
 * PyTorch provider explicitly; callers always name the engine ({@link #PYTORCH}), e.g.
 * {@code BundleEngine.call(() -> Engine.getEngine(BundleEngine.PYTORCH).newBaseManager())}.
 * Outside OSGi (the CLI, tests) it is harmless: the loader is the application loader. DJL types
 * stay out of this exported API because DJL's packages are private to the bundle.
 *
 * <p>The native libraries can be loaded only once per JVM, which is why DJL lives in this one
 * long-lived bundle and never in the nodes bundle.
 */
public final class BundleEngine {
    /** DJL's name of the PyTorch engine. */
    public static final String PYTORCH = "PyTorch";

    private BundleEngine() {
    }

    /**
     * Runs {@code action} with this bundle's class loader as thread context loader, DJL in
     * offline mode and the PyTorch engine registered, then restores the caller's loader.
     */
    public static <T> T call(Callable<T> action) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(BundleEngine.class.getClassLoader());
        try {
            ensureRegistered();
            return action.call();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /**
     * A one-line health check of the embedded engine: loads PyTorch, computes a small sum on the
     * CPU and names the versions, e.g. {@code "PyTorch 2.7.1 (DJL 0.35.1) on cpu(): sum = 6.0"}.
     * Meant for diagnostics (a node's log, the OSGi integration test).
     */
    public static String selfCheck() {
        try {
            return call(() -> {
                Engine engine = Engine.getEngine(PYTORCH);
                try (NDManager manager = engine.newBaseManager()) {
                    NDArray values = manager.create(new float[] {1f, 2f, 3f});
                    float sum = values.sum().getFloat();
                    return engine.getEngineName() + " " + engine.getVersion() + " (DJL " + Engine.getDjlVersion()
                            + ") on " + manager.getDevice() + ": sum = " + sum;
                }
            });
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("DJL self-check failed: " + e.getMessage(), e);
        }
    }

    private static synchronized void ensureRegistered() {
        // Offline before DJL's first class initialisation: no downloads, no telemetry.
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        if (!Engine.hasEngine(PYTORCH)) {
            Engine.registerEngine(new PtEngineProvider());
        }
    }
}
