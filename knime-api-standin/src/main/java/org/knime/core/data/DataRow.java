package org.knime.core.data;

import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/** A row: a key and one cell per column. */
public interface DataRow extends Iterable<DataCell> {

    int getNumCells();

    RowKey getKey();

    DataCell getCell(int index);

    default Stream<DataCell> stream() {
        return StreamSupport.stream(spliterator(), false);
    }
}
