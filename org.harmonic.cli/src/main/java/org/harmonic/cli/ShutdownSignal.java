package org.harmonic.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Turns SIGTERM and SIGINT (Ctrl-C) into a cancellation through {@link ConsoleProgress}, the
 * same path the KNIME node's cancel button takes, so a killed {@code harmonic} deletes its
 * staging directories instead of leaving {@code .generator.*.part} behind.
 *
 * <p>On either signal the JVM runs its shutdown hooks and then halts with 128 + the signal
 * number: 143 for SIGTERM, 130 for SIGINT. The hook cannot tell the two apart and does not need
 * to, since the exit code is the JVM's. Halting while the main thread was inside libtorch (a
 * backward pass) once crashed the JVM with SIGSEGV, as libtorch's exit handlers ran under a live
 * native call; so the hook asks the command to stop and waits, at most {@value #WAIT_SECONDS} s,
 * until it has left the training or sampling step in flight and removed its staging files.
 *
 * <p>The state is static because a JVM has one shutdown sequence; only {@link Harmonic#main}
 * installs the hook, never the core library or {@link Harmonic#execute} (tests, KNIME).
 */
final class ShutdownSignal {
    static final long WAIT_SECONDS = 10;

    private static volatile boolean requested;
    private static final CountDownLatch FINISHED = new CountDownLatch(1);

    private ShutdownSignal() {
    }

    static void install() {
        Runtime.getRuntime().addShutdownHook(new Thread(ShutdownSignal::stop, "harmonic-shutdown"));
    }

    /** True once the JVM began to shut down (a signal, or the command's own exit). */
    static boolean requested() {
        return requested;
    }

    /** Called by main when the command returned, whatever the outcome: the hook may let the JVM halt. */
    static void commandFinished() {
        FINISHED.countDown();
    }

    private static void stop() {
        requested = true;
        try {
            if (!FINISHED.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
                System.err.println("harmonic: the step in progress did not stop within " + WAIT_SECONDS
                        + " s; exiting without cleaning up");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
