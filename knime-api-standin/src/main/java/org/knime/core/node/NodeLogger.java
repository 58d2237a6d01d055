package org.knime.core.node;

import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/** KNIME's logger; the stand-in forwards to {@code java.util.logging}. */
public final class NodeLogger {

    /** Log levels. */
    public enum LEVEL {
        DEBUG, INFO, WARN, ERROR, FATAL, ALL, OFF
    }

    private final Logger m_logger;

    private NodeLogger(final String name) {
        m_logger = Logger.getLogger(name);
    }

    public static NodeLogger getLogger(final Class<?> c) {
        return new NodeLogger(c.getName());
    }

    public static NodeLogger getLogger(final String s) {
        return new NodeLogger(s);
    }

    private void log(final Level level, final Object o, final Throwable t) {
        if (m_logger.isLoggable(level)) {
            m_logger.log(level, String.valueOf(o), t);
        }
    }

    public void debug(final Object o) {
        log(Level.FINE, o, null);
    }

    public void debug(final Supplier<Object> supplier) {
        if (isDebugEnabled()) {
            log(Level.FINE, supplier.get(), null);
        }
    }

    public void debug(final Object o, final Throwable t) {
        log(Level.FINE, o, t);
    }

    public void debug(final Throwable thrw) {
        log(Level.FINE, thrw.getMessage(), thrw);
    }

    public void info(final Object o) {
        log(Level.INFO, o, null);
    }

    public void info(final Supplier<Object> supplier) {
        log(Level.INFO, supplier.get(), null);
    }

    public void info(final Object o, final Throwable t) {
        log(Level.INFO, o, t);
    }

    public void info(final Throwable thrw) {
        log(Level.INFO, thrw.getMessage(), thrw);
    }

    public void warn(final Object o) {
        log(Level.WARNING, o, null);
    }

    public void warn(final Supplier<Object> supplier) {
        log(Level.WARNING, supplier.get(), null);
    }

    public void warn(final Object o, final Throwable t) {
        log(Level.WARNING, o, t);
    }

    public void warn(final Throwable thrw) {
        log(Level.WARNING, thrw.getMessage(), thrw);
    }

    public void error(final Object o) {
        log(Level.SEVERE, o, null);
    }

    public void error(final Supplier<Object> supplier) {
        log(Level.SEVERE, supplier.get(), null);
    }

    public void error(final Object o, final Throwable t) {
        log(Level.SEVERE, o, t);
    }

    public void error(final Throwable thrw) {
        log(Level.SEVERE, thrw.getMessage(), thrw);
    }

    public void fatal(final Object o) {
        log(Level.SEVERE, o, null);
    }

    public void fatal(final Object o, final Throwable t) {
        log(Level.SEVERE, o, t);
    }

    public void coding(final Object o) {
        log(Level.WARNING, "CODING PROBLEM " + o, null);
    }

    public void coding(final Supplier<Object> supplier) {
        log(Level.WARNING, "CODING PROBLEM " + supplier.get(), null);
    }

    public void coding(final Object o, final Throwable t) {
        log(Level.WARNING, "CODING PROBLEM " + o, t);
    }

    public void debugWithFormat(final String format, final Object... args) {
        if (isDebugEnabled()) {
            log(Level.FINE, String.format(format, args), null);
        }
    }

    public void infoWithFormat(final String format, final Object... args) {
        log(Level.INFO, String.format(format, args), null);
    }

    public void warnWithFormat(final String format, final Object... args) {
        log(Level.WARNING, String.format(format, args), null);
    }

    public void errorWithFormat(final String format, final Object... args) {
        log(Level.SEVERE, String.format(format, args), null);
    }

    public void assertLog(final boolean b, final String m) {
        if (!b) {
            coding(m);
        }
    }

    public LEVEL getLevel() {
        return isDebugEnabled() ? LEVEL.DEBUG : LEVEL.INFO;
    }

    public boolean isDebugEnabled() {
        return m_logger.isLoggable(Level.FINE);
    }

    public boolean isInfoEnabled() {
        return m_logger.isLoggable(Level.INFO);
    }

    public boolean isEnabledFor(final LEVEL level) {
        return level == LEVEL.DEBUG ? isDebugEnabled() : isInfoEnabled();
    }
}
