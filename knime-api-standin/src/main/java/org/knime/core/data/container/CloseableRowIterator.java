package org.knime.core.data.container;

import java.io.Closeable;
import java.util.Iterator;

import org.knime.core.data.DataRow;
import org.knime.core.data.RowIterator;

/** A row iterator holding resources until closed. */
public abstract class CloseableRowIterator extends RowIterator implements Closeable {

    @Override
    public abstract void close();

    public static CloseableRowIterator from(final Iterator<? extends DataRow> iterator) {
        return new CloseableRowIterator() {
            @Override
            public boolean hasNext() {
                return iterator.hasNext();
            }

            @Override
            public DataRow next() {
                return iterator.next();
            }

            @Override
            public void close() {
                // nothing to release in memory
            }
        };
    }
}
