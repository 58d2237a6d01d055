package org.harmonic.core.osgi;

import java.util.concurrent.Callable;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import org.harmonic.core.lm.DjlRuntime;

/**
 * Makes DJL work when the core runs as an OSGi bundle (inside KNIME).
 *
 * <p>DJL finds engines with {@link java.util.ServiceLoader} on the thread context class loader
 * and looks up native libraries (PyTorch, the tokenizers' Rust library) through it too
 * (shared/notes-djl-offline.md section 7). Under OSGi the context loader is whatever the calling
 * thread had (KNIME's executor threads: a loader that cannot see the jars embedded in this
 * bundle). {@link DjlRuntime#engine(ClassLoader)} initialises the engine with this bundle's
 * loader; {@link #call} additionally runs any DJL work (e.g. loading a tokenizer) with it as
 * context loader, then restores the caller's. Outside OSGi (the CLI, tests) both are harmless.
 *
 * <p>The native libraries can be loaded only once per JVM, which is why DJL lives in this one
 * long-lived bundle and never in the nodes bundle. DJL types stay out of this exported API
 * because DJL's packages are private to the bundle.
 */
public final class BundleEngine {

    private BundleEngine() {
    }

    /**
     * Runs {@code action} with this bundle's class loader as thread context loader, after the
     * PyTorch engine was initialised through it; restores the caller's loader afterwards.
     */
    public static <T> T call(Callable<T> action) throws Exception {
        ClassLoader bundleLoader = BundleEngine.class.getClassLoader();
        DjlRuntime.engine(bundleLoader);
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(bundleLoader);
        try {
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
                Engine engine = DjlRuntime.engine(BundleEngine.class.getClassLoader());
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
}
