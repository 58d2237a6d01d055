package org.harmonic.core.util;

/**
 * Progress and cancellation callback that every long operation takes from its caller.
 *
 * <p>The CLI renders it as a progress bar with ETA; a KNIME node forwards it to its
 * {@code ExecutionContext}. Implementations must be cheap: long loops call {@link #report}
 * and {@link #checkCanceled()} often.
 */
public interface Progress {

    /** Reports the fraction done in [0, 1] and a short human-readable message. */
    void report(double fraction, String message);

    /** True once the caller asked to stop; long loops poll it. */
    boolean isCanceled();

    /** Throws {@link CanceledException} when the caller asked to stop. */
    default void checkCanceled() {
        if (isCanceled()) {
            throw new CanceledException();
        }
    }

    /** A view of this progress that maps [0, 1] onto [from, to] of the parent, for sub-steps. */
    default Progress sub(double from, double to) {
        Progress parent = this;
        return new Progress() {
            @Override
            public void report(double fraction, String message) {
                parent.report(from + (to - from) * Math.max(0, Math.min(1, fraction)), message);
            }

            @Override
            public boolean isCanceled() {
                return parent.isCanceled();
            }
        };
    }

    /** Progress that reports nowhere and never cancels (tests, nested helpers). */
    static Progress none() {
        return new Progress() {
            @Override
            public void report(double fraction, String message) {
            }

            @Override
            public boolean isCanceled() {
                return false;
            }
        };
    }
}
