package org.knime.core.node;

import org.knime.core.internal.MessageAwareException;

/**
 * Thrown when the user canceled a node's execution. Implements KNIME 5.5's
 * {@code MessageAwareException} (as KNIME 5.5 does) but mirrors KNIME 5.4's members: the 5.5
 * additions (the {@code Message} constructor, {@code getKNIMEMessage()}) are left out on purpose
 * (knime-api.md section 1.10).
 */
public class CanceledExecutionException extends Exception implements MessageAwareException {
    private static final long serialVersionUID = 1L;

    public CanceledExecutionException() {
        super();
    }

    public CanceledExecutionException(final String s) {
        super(s);
    }
}
