package org.knime.core.internal;

/**
 * KNIME's MessageAwareException, which {@code CanceledExecutionException} implements since 5.5. Its
 * member {@code getKNIMEMessage()} is left out on purpose (it is new in 5.5 on that exception,
 * knime-api.md section 1.10).
 */
public interface MessageAwareException {
}
