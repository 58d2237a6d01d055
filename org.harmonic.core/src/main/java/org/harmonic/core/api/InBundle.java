package org.harmonic.core.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;

import org.harmonic.core.osgi.BundleEngine;

/** Runs the jobs that load the language model under this bundle's class loader, without checked exceptions. */
final class InBundle {

    private InBundle() {
    }

    /**
     * {@link BundleEngine#call}, its checked exceptions rethrown unchecked (they are I/O failures: a progress
     * function, as the KNIME nodes pass, cannot throw them, and a caller cannot do more with them than report them).
     */
    static <T> T call(Callable<T> action) {
        try {
            return BundleEngine.call(action);
        } catch (RuntimeException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
