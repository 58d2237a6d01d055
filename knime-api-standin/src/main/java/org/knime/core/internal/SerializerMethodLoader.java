package org.knime.core.internal;

/**
 * Stand-in of KNIME's internal serializer loader; only the marker interface that port object and
 * spec serializers implement is mirrored.
 */
public final class SerializerMethodLoader {

    private SerializerMethodLoader() {
    }

    /**
     * Marker of port object (spec) serializers.
     *
     * @param <T> the serialized type
     */
    public interface Serializer<T> {
    }
}
