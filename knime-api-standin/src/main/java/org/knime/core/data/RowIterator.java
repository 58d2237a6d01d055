package org.knime.core.data;

import java.util.Iterator;

/** Iterator over the rows of a table; removal is not supported. */
public abstract class RowIterator implements Iterator<DataRow> {

    @Override
    public abstract boolean hasNext();

    @Override
    public abstract DataRow next();

    @Override
    public final void remove() {
        throw new UnsupportedOperationException("Can't remove row from table.");
    }
}
