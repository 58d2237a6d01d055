package org.knime.core.data.convert.map;

/**
 * KNIME 5.5's IdentifiableType, which {@code DataType} implements since 5.5. Its only member,
 * {@code getIdentifier()}, is left out on purpose (knime-api.md section 1.10): it does not exist in
 * KNIME 5.4, so HARMONIC's nodes must not call it. Nodes must not reference this type either.
 */
public interface IdentifiableType {
}
