package org.knime.core.node;

/** The default progress monitor: remembers progress, message and the cancel flag. */
public class DefaultNodeProgressMonitor implements NodeProgressMonitor {
    private volatile Double m_progress;
    private volatile String m_message;
    private volatile boolean m_canceled;

    public DefaultNodeProgressMonitor() {
    }

    @Override
    public void checkCanceled() throws CanceledExecutionException {
        if (m_canceled) {
            throw new CanceledExecutionException("ProgressMonitor has been canceled.");
        }
    }

    @Override
    public void setProgress(final double progress) {
        if (progress >= 0 && progress <= 1) {
            m_progress = progress;
        }
    }

    @Override
    public Double getProgress() {
        return m_progress;
    }

    @Override
    public void setProgress(final double progress, final String message) {
        setProgress(progress);
        m_message = message;
    }

    @Override
    public void setMessage(final String message) {
        m_message = message;
    }

    @Override
    public void setProgress(final String message) {
        m_message = message;
    }

    @Override
    public String getMessage() {
        return m_message;
    }

    @Override
    public void setExecuteCanceled() {
        m_canceled = true;
    }

    @Override
    public void reset() {
        m_progress = null;
        m_message = null;
        m_canceled = false;
    }
}
