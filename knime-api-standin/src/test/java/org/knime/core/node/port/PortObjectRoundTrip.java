package org.knime.core.node.port;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionMonitor;

/**
 * Saves and loads port objects and specs through the serializers registered in plugin.xml, as
 * KNIME does when it saves and reopens a workflow. Stand-in test jar only.
 */
public final class PortObjectRoundTrip {

    private PortObjectRoundTrip() {
    }

    public static byte[] saveSpec(final PortObjectSpec spec) throws IOException {
        PortObjectSpec.PortObjectSpecSerializer<PortObjectSpec> serializer =
            PortTypeRegistry.getInstance().getSpecSerializer(spec.getClass()).orElseThrow(
                () -> new AssertionError("no spec serializer registered for " + spec.getClass().getName()));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PortObjectSpecZipOutputStream out = new PortObjectSpecZipOutputStream(bytes)) {
            serializer.savePortObjectSpec(spec, out);
        }
        return bytes.toByteArray();
    }

    @SuppressWarnings("unchecked")
    public static <S extends PortObjectSpec> S loadSpec(final Class<S> specClass, final byte[] zip)
            throws IOException {
        PortObjectSpec.PortObjectSpecSerializer<PortObjectSpec> serializer =
            PortTypeRegistry.getInstance().getSpecSerializer(specClass).orElseThrow();
        try (PortObjectSpecZipInputStream in = new PortObjectSpecZipInputStream(new ByteArrayInputStream(zip))) {
            return (S)serializer.loadPortObjectSpec(in);
        }
    }

    public static byte[] save(final PortObject object, final ExecutionMonitor exec)
            throws IOException, CanceledExecutionException {
        PortObject.PortObjectSerializer<PortObject> serializer =
            PortTypeRegistry.getInstance().getObjectSerializer(object.getClass()).orElseThrow(
                () -> new AssertionError("no serializer registered for " + object.getClass().getName()));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PortObjectZipOutputStream out = new PortObjectZipOutputStream(bytes)) {
            serializer.savePortObject(object, out, exec);
        }
        return bytes.toByteArray();
    }

    @SuppressWarnings("unchecked")
    public static <T extends PortObject> T load(final Class<T> objectClass, final PortObjectSpec spec,
            final byte[] zip, final ExecutionMonitor exec) throws IOException, CanceledExecutionException {
        PortObject.PortObjectSerializer<PortObject> serializer =
            PortTypeRegistry.getInstance().getObjectSerializer(objectClass).orElseThrow();
        try (PortObjectZipInputStream in = new PortObjectZipInputStream(new ByteArrayInputStream(zip))) {
            return (T)serializer.loadPortObject(in, spec, exec);
        }
    }

    /** Spec and object saved and loaded again, as after reopening a saved workflow. */
    public static <T extends PortObject> T roundTrip(final T object, final ExecutionMonitor exec)
            throws IOException, CanceledExecutionException {
        PortObjectSpec spec = loadSpec(object.getSpec().getClass(), saveSpec(object.getSpec()));
        @SuppressWarnings("unchecked")
        Class<T> cls = (Class<T>)object.getClass();
        return load(cls, spec, save(object, exec), exec);
    }
}
