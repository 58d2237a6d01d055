package org.knime.core.data;

/**
 * KNIME's DataCellFactory and its nested factory kinds, declared so the cell factories implement
 * KNIME's interfaces. The stand-in omits their members ({@code getDataType()}, the
 * {@code createCell} methods, {@code initFactory}), so nothing here can call them.
 */
public interface DataCellFactory {

    /** A factory that creates cells from a string. */
    public interface FromString extends DataCellFactory {
    }

    /** A factory that creates cells from a simple, single-line string. */
    public interface FromSimpleString extends FromString {
    }

    /** A factory that creates cells from a complex (e.g. multi-line) string. */
    public interface FromComplexString extends FromString {
    }

    /** A factory that creates cells from an input stream. */
    public interface FromInputStream extends DataCellFactory {
    }

    /** A factory that creates cells from a reader. */
    public interface FromReader extends DataCellFactory {
    }
}
