package org.harmonic.core.util;

import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * Waiting for work handed to a helper thread (a sampling sub-batch, half a training step). Both wait the same
 * way because the caller frees native memory (the model, the step's arrays) once it returns or throws, and a
 * helper still running would read freed memory and crash the JVM (KNIME's with it).
 */
public final class HelperThreads {

    private HelperThreads() {
    }

    /**
     * The helper's result, rethrowing what it threw as it was (a cancellation too); an interrupt of the
     * waiting thread is a cancellation.
     */
    public static <T> T join(Future<T> helper) {
        try {
            return helper.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CanceledException();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Waits for the helper to end, whatever it ends with; an interrupt waits on (and is kept). */
    public static void awaitQuietly(Future<?> helper) {
        boolean interrupted = false;
        while (true) {
            try {
                helper.get();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            } catch (ExecutionException | CancellationException e) {
                break;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
