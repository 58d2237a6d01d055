package org.knime.core.node.port;

import java.util.Objects;

/** The type of a port: its port object class (and hence its spec class), optional or not. */
public final class PortType {

    public static final int DEFAULT_COLOR = 0xff9b9b9b;

    private final Class<? extends PortObject> m_objectClass;
    private final Class<? extends PortObjectSpec> m_specClass;
    private final boolean m_optional;
    private final String m_name;
    private final int m_color;
    private final boolean m_hidden;

    /** @deprecated use {@link PortTypeRegistry#getPortType(Class)} */
    @Deprecated
    public PortType(final Class<? extends PortObject> objectClass) {
        this(objectClass, false);
    }

    /** @deprecated use {@link PortTypeRegistry#getPortType(Class, boolean)} */
    @Deprecated
    public PortType(final Class<? extends PortObject> objectClass, final boolean isOptional) {
        this(objectClass, isOptional, objectClass.getSimpleName(), DEFAULT_COLOR, false);
    }

    PortType(final Class<? extends PortObject> objectClass, final boolean isOptional, final String name,
            final int color, final boolean hidden) {
        m_objectClass = Objects.requireNonNull(objectClass);
        m_specClass = specClassOf(objectClass);
        m_optional = isOptional;
        m_name = name;
        m_color = color;
        m_hidden = hidden;
    }

    /** The covariant return type of {@code getSpec()} (KNIME reads it from the extension point). */
    private static Class<? extends PortObjectSpec> specClassOf(final Class<? extends PortObject> objectClass) {
        try {
            return objectClass.getMethod("getSpec").getReturnType().asSubclass(PortObjectSpec.class);
        } catch (NoSuchMethodException e) {
            return PortObjectSpec.class;
        }
    }

    public String getName() {
        return m_name;
    }

    public int getColor() {
        return m_color;
    }

    public boolean isOptional() {
        return m_optional;
    }

    public boolean isHidden() {
        return m_hidden;
    }

    public Class<? extends PortObject> getPortObjectClass() {
        return m_objectClass;
    }

    public Class<? extends PortObjectSpec> getPortObjectSpecClass() {
        return m_specClass;
    }

    public boolean isSuperTypeOf(final PortType subType) {
        return m_objectClass.isAssignableFrom(subType.m_objectClass);
    }

    public boolean acceptsPortObjectSpec(final PortObjectSpec spec) {
        return spec == null || m_specClass.isInstance(spec);
    }

    public boolean acceptsPortObject(final PortObject obj) {
        return obj == null ? m_optional : m_objectClass.isInstance(obj);
    }

    public boolean acceptsPortObjectClass(final Class<? extends PortObject> c) {
        return m_objectClass.isAssignableFrom(c);
    }

    @Override
    public boolean equals(final Object obj) {
        return obj instanceof PortType && ((PortType)obj).m_objectClass.equals(m_objectClass)
                && ((PortType)obj).m_optional == m_optional;
    }

    @Override
    public int hashCode() {
        return m_objectClass.hashCode() + (m_optional ? 1 : 0);
    }

    @Override
    public String toString() {
        return m_name + (m_optional ? " (optional)" : "");
    }
}
