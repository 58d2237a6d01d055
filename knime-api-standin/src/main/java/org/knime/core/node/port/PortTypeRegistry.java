package org.knime.core.node.port;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.xml.parsers.DocumentBuilderFactory;

import org.knime.core.data.DataTableSpec;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.port.PortObject.PortObjectSerializer;
import org.knime.core.node.port.PortObjectSpec.PortObjectSpecSerializer;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * All port types. KNIME reads them from the {@code org.knime.core.PortType} extension point; the
 * stand-in reads the same {@code <portType>} elements from every {@code plugin.xml} on the class
 * path, and (like a strict KNIME) refuses port object classes that are not registered there, so
 * a wrong plugin.xml fails the tests instead of the installation.
 */
public final class PortTypeRegistry {
    private static final String EXTENSION_POINT = "org.knime.core.PortType";
    private static PortTypeRegistry instance;

    /** One {@code <portType>} element. */
    private record Registration(String name, String objectClass, String objectSerializer, String specClass,
            String specSerializer, int color, boolean hidden) {
    }

    private final Map<String, Registration> m_registrations = new HashMap<>();
    private final Map<String, PortType> m_types = new HashMap<>();

    private PortTypeRegistry() {
        try {
            Enumeration<URL> urls = PortTypeRegistry.class.getClassLoader().getResources("plugin.xml");
            while (urls.hasMoreElements()) {
                read(urls.nextElement());
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read plugin.xml files: " + e.getMessage(), e);
        }
    }

    private void read(final URL url) throws IOException {
        try (InputStream in = url.openStream()) {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            Element root = factory.newDocumentBuilder().parse(in).getDocumentElement();
            NodeList extensions = root.getElementsByTagName("extension");
            for (int i = 0; i < extensions.getLength(); i++) {
                Element ext = (Element)extensions.item(i);
                if (!EXTENSION_POINT.equals(ext.getAttribute("point"))) {
                    continue;
                }
                NodeList types = ext.getElementsByTagName("portType");
                for (int j = 0; j < types.getLength(); j++) {
                    Element t = (Element)types.item(j);
                    String color = t.getAttribute("color");
                    Registration r = new Registration(t.getAttribute("name"), t.getAttribute("objectClass"),
                        t.getAttribute("objectSerializer"), t.getAttribute("specClass"),
                        t.getAttribute("specSerializer"),
                        color.isEmpty() ? PortType.DEFAULT_COLOR : Integer.parseInt(color.substring(1), 16),
                        Boolean.parseBoolean(t.getAttribute("hidden")));
                    if (r.name().isEmpty() || r.objectClass().isEmpty() || r.objectSerializer().isEmpty()
                            || r.specClass().isEmpty()) {
                        throw new IllegalStateException(url + ": portType needs name, objectClass, "
                            + "objectSerializer and specClass");
                    }
                    m_registrations.put(r.objectClass(), r);
                }
            }
        } catch (javax.xml.parsers.ParserConfigurationException | org.xml.sax.SAXException e) {
            throw new IOException(url + ": " + e.getMessage(), e);
        }
    }

    public static synchronized PortTypeRegistry getInstance() {
        if (instance == null) {
            instance = new PortTypeRegistry();
        }
        return instance;
    }

    public synchronized PortType getPortType(final Class<? extends PortObject> portClass) {
        return getPortType(portClass, false);
    }

    public synchronized PortType getPortType(final Class<? extends PortObject> portClass,
            final boolean isOptional) {
        String key = portClass.getName() + (isOptional ? "?" : "");
        PortType type = m_types.get(key);
        if (type == null) {
            type = create(portClass, isOptional);
            m_types.put(key, type);
        }
        return type;
    }

    private PortType create(final Class<? extends PortObject> portClass, final boolean isOptional) {
        if (portClass == BufferedDataTable.class) {
            return new PortType(portClass, isOptional, "Data", 0x000000, false);
        }
        if (portClass == PortObject.class) {
            return new PortType(portClass, isOptional, "Generic Port", PortType.DEFAULT_COLOR, false);
        }
        Registration r = m_registrations.get(portClass.getName());
        if (r == null && portClass.getClassLoader() != PortTypeRegistry.class.getClassLoader()) {
            // under OSGi the declaring bundle's plugin.xml is not on this bundle's class path; KNIME's
            // extension registry sees every bundle's plugin.xml, so read the declaring one too
            try {
                Enumeration<URL> urls = portClass.getClassLoader().getResources("plugin.xml");
                while (urls.hasMoreElements()) {
                    read(urls.nextElement());
                }
            } catch (IOException e) {
                throw new IllegalStateException("cannot read plugin.xml files: " + e.getMessage(), e);
            }
            r = m_registrations.get(portClass.getName());
        }
        if (r == null) {
            throw new IllegalStateException("Port object class " + portClass.getName()
                + " is not registered at extension point " + EXTENSION_POINT + " (plugin.xml)");
        }
        PortType type = new PortType(portClass, isOptional, r.name(), r.color(), r.hidden());
        if (!type.getPortObjectSpecClass().getName().equals(r.specClass())) {
            throw new IllegalStateException("plugin.xml registers spec class " + r.specClass() + " for "
                + portClass.getName() + ", but its getSpec() returns " + type.getPortObjectSpecClass().getName());
        }
        return type;
    }

    public synchronized Collection<PortType> availablePortTypes() {
        return new ArrayList<>(m_types.values());
    }

    public Optional<Class<? extends PortObject>> getObjectClass(final String className) {
        Registration r = m_registrations.get(className);
        if (r == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Class.forName(className).asSubclass(PortObject.class));
        } catch (ClassNotFoundException e) {
            return Optional.empty();
        }
    }

    public Optional<Class<? extends PortObjectSpec>> getSpecClass(final String className) {
        for (Registration r : m_registrations.values()) {
            if (r.specClass().equals(className)) {
                try {
                    return Optional.of(Class.forName(className).asSubclass(PortObjectSpec.class));
                } catch (ClassNotFoundException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    @SuppressWarnings("unchecked")
    public Optional<PortObjectSerializer<PortObject>> getObjectSerializer(
            final Class<? extends PortObject> objectClass) {
        Registration r = m_registrations.get(objectClass.getName());
        return r == null ? Optional.empty()
            : Optional.of((PortObjectSerializer<PortObject>)instantiate(r.objectSerializer(), objectClass));
    }

    @SuppressWarnings("unchecked")
    public Optional<PortObjectSpecSerializer<PortObjectSpec>> getSpecSerializer(
            final Class<? extends PortObjectSpec> specClass) {
        if (specClass == DataTableSpec.class) {
            return Optional.of((PortObjectSpecSerializer<PortObjectSpec>)(Object)new DataTableSpec.Serializer());
        }
        List<Registration> matches = new ArrayList<>();
        for (Registration r : m_registrations.values()) {
            if (r.specClass().equals(specClass.getName())) {
                matches.add(r);
            }
        }
        if (matches.isEmpty() || matches.get(0).specSerializer().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of((PortObjectSpecSerializer<PortObjectSpec>)instantiate(matches.get(0).specSerializer(),
            specClass));
    }

    private static Object instantiate(final String className, final Class<?> context) {
        try {
            return Class.forName(className, true, context.getClassLoader()).getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create serializer " + className + " registered in plugin.xml: "
                + e, e);
        }
    }
}
