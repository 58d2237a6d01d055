package org.knime.core.node;

import java.util.function.Supplier;

/**
 * Progress and cancel state of a running node. The stand-in leaves out the listener methods
 * (they take framework types from {@code org.knime.core.node.workflow}).
 */
public interface NodeProgressMonitor {

    void checkCanceled() throws CanceledExecutionException;

    void setProgress(double progress);

    Double getProgress();

    void setProgress(double progress, String message);

    default void setProgress(final double progress, final Supplier<String> message) {
        setProgress(progress, message.get());
    }

    void setMessage(String message);

    default void setMessage(final Supplier<String> message) {
        setMessage(message.get());
    }

    void setProgress(String message);

    String getMessage();

    void setExecuteCanceled();

    void reset();
}
