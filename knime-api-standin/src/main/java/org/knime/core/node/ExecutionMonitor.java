package org.knime.core.node;

import java.util.function.Supplier;

/**
 * Progress reporting and cancel checks of a node's execution. A sub-progress maps its [0, 1]
 * onto the next {@code maxProg} of its parent, starting at the parent's progress when it was
 * created (as in KNIME).
 */
public class ExecutionMonitor {
    private final NodeProgressMonitor m_progress;

    public ExecutionMonitor() {
        this(new DefaultNodeProgressMonitor());
    }

    public ExecutionMonitor(final NodeProgressMonitor progress) {
        if (progress == null) {
            throw new NullPointerException("Progress monitor can't be null.");
        }
        m_progress = progress;
    }

    public final NodeProgressMonitor getProgressMonitor() {
        return m_progress;
    }

    public void checkCanceled() throws CanceledExecutionException {
        m_progress.checkCanceled();
    }

    public void setProgress(final double progress) {
        m_progress.setProgress(progress);
    }

    public void setProgress(final double progress, final String message) {
        m_progress.setProgress(progress, message);
    }

    public void setProgress(final double progress, final Supplier<String> messageSupplier) {
        m_progress.setProgress(progress, messageSupplier);
    }

    public void setProgress(final String message) {
        m_progress.setProgress(message);
    }

    public void setMessage(final String message) {
        m_progress.setMessage(message);
    }

    public void setMessage(final Supplier<String> messageSupplier) {
        m_progress.setMessage(messageSupplier);
    }

    public ExecutionMonitor createSubProgress(final double maxProg) {
        return new ExecutionMonitor(new SubNodeProgressMonitor(m_progress, maxProg, false));
    }

    public ExecutionMonitor createSilentSubProgress(final double maxProg) {
        return new ExecutionMonitor(new SubNodeProgressMonitor(m_progress, maxProg, true));
    }

    /** A monitor mapping its progress onto a slice of its parent's (stand-in implementation). */
    static final class SubNodeProgressMonitor implements NodeProgressMonitor {
        private final NodeProgressMonitor m_parent;
        private final double m_start;
        private final double m_max;
        private final boolean m_silent;
        private volatile Double m_own;
        private volatile String m_message;

        SubNodeProgressMonitor(final NodeProgressMonitor parent, final double maxProg, final boolean silent) {
            if (maxProg < 0 || maxProg > 1) {
                throw new IllegalArgumentException("Invalid sub-progress size: " + maxProg);
            }
            m_parent = parent;
            Double start = parent.getProgress();
            m_start = start == null ? 0 : start;
            m_max = maxProg;
            m_silent = silent;
        }

        @Override
        public void checkCanceled() throws CanceledExecutionException {
            m_parent.checkCanceled();
        }

        @Override
        public void setProgress(final double progress) {
            if (progress >= 0 && progress <= 1) {
                m_own = progress;
                m_parent.setProgress(Math.min(1, m_start + progress * m_max));
            }
        }

        @Override
        public Double getProgress() {
            return m_own;
        }

        @Override
        public void setProgress(final double progress, final String message) {
            setProgress(progress);
            setMessage(message);
        }

        @Override
        public void setMessage(final String message) {
            m_message = message;
            if (!m_silent) {
                m_parent.setMessage(message);
            }
        }

        @Override
        public void setProgress(final String message) {
            setMessage(message);
        }

        @Override
        public String getMessage() {
            return m_message;
        }

        @Override
        public void setExecuteCanceled() {
            m_parent.setExecuteCanceled();
        }

        @Override
        public void reset() {
            m_own = null;
            m_message = null;
        }
    }
}
