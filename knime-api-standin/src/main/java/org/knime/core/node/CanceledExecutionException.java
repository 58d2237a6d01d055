package org.knime.core.node;

/**
 * Thrown when the user canceled a node's execution. Mirrors KNIME 5.4's surface: the 5.5
 * additions (the {@code Message} constructor, {@code getKNIMEMessage()}) are left out on purpose
 * (knime-api.md section 1.10).
 */
public class CanceledExecutionException extends Exception {
    private static final long serialVersionUID = 1L;

    public CanceledExecutionException() {
        super();
    }

    public CanceledExecutionException(final String s) {
        super(s);
    }
}
