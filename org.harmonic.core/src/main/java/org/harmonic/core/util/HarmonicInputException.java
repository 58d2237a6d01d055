package org.harmonic.core.util;

/**
 * Bad input from the user (a file, a column, an option): the message names the input at fault
 * and how to fix it. The CLI maps it to exit code 2; KNIME nodes show it as the node's error.
 */
public class HarmonicInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public HarmonicInputException(String message) {
        super(message);
    }

    public HarmonicInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
