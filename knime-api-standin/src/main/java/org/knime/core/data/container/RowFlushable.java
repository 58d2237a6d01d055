package org.knime.core.data.container;

/** KNIME's RowFlushable; the stand-in omits its member {@code flushRows()}. */
public interface RowFlushable {
}
