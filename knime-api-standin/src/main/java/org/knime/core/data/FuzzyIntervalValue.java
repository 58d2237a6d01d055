package org.knime.core.data;

/**
 * KNIME's FuzzyIntervalValue, declared so the number cells have KNIME's set of value interfaces. The stand-in
 * omits its members (the abstract getters and the {@code UTILITY} field), so nothing here can call
 * them.
 */
public interface FuzzyIntervalValue extends DataValue {}
