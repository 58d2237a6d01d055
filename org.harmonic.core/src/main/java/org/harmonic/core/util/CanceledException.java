package org.harmonic.core.util;

/** Thrown by long operations when their {@link Progress} says the caller canceled. */
public final class CanceledException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CanceledException() {
        super("canceled by the user");
    }
}
