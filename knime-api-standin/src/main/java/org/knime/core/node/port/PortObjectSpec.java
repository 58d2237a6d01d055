package org.knime.core.node.port;

import java.io.IOException;

import javax.swing.JComponent;

import org.knime.core.internal.SerializerMethodLoader;

/** What configure knows about a port's object before execution. */
public interface PortObjectSpec {

    JComponent[] getViews();

    /**
     * Saves and loads specs of one class; registered at the {@code org.knime.core.PortType}
     * extension point.
     *
     * @param <T> the spec class
     */
    abstract static class PortObjectSpecSerializer<T extends PortObjectSpec>
            implements SerializerMethodLoader.Serializer<T> {

        public abstract void savePortObjectSpec(T portObjectSpec, PortObjectSpecZipOutputStream out)
                throws IOException;

        public abstract T loadPortObjectSpec(PortObjectSpecZipInputStream in) throws IOException;
    }
}
