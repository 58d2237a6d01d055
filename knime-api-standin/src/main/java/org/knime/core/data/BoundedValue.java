package org.knime.core.data;

/** KNIME's BoundedValue marker (values with a natural lower and upper bound). */
public interface BoundedValue extends DataValue {}
