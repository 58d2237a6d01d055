package org.harmonic.knime.nodes.table;

import java.util.function.Function;

import org.harmonic.core.util.CanceledException;
import org.harmonic.core.util.Progress;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionMonitor;

/**
 * The core's {@link Progress} on top of a KNIME {@link ExecutionMonitor}: fractions and messages
 * go to the node's progress bar, and the core's cancel checks ask the monitor. Core code stops
 * with {@link CanceledException}; {@link #run} turns that back into KNIME's
 * {@link CanceledExecutionException}.
 */
public final class KnimeProgress implements Progress {
    private final ExecutionMonitor m_exec;

    public KnimeProgress(final ExecutionMonitor exec) {
        m_exec = exec;
    }

    @Override
    public void report(final double fraction, final String message) {
        m_exec.setProgress(Math.max(0, Math.min(1, fraction)), message);
    }

    @Override
    public boolean isCanceled() {
        try {
            m_exec.checkCanceled();
            return false;
        } catch (CanceledExecutionException e) {
            return true;
        }
    }

    /** Runs a core step with progress forwarded to {@code exec}. */
    public static <T> T run(final ExecutionMonitor exec, final Function<Progress, T> step)
            throws CanceledExecutionException {
        exec.checkCanceled();
        try {
            return step.apply(new KnimeProgress(exec));
        } catch (CanceledException e) {
            CanceledExecutionException canceled = new CanceledExecutionException(e.getMessage());
            canceled.initCause(e);
            throw canceled;
        }
    }
}
