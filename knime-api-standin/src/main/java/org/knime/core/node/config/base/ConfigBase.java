package org.knime.core.node.config.base;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.knime.core.node.InvalidSettingsException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * A settings tree: typed entries and child configs under unique keys (KNIME: bundle
 * org.knime.core.util). Arrays are child configs holding {@code array-size} and the entries
 * {@code 0..n-1}, and {@link #saveToXML} writes KNIME's {@code settings.xml} layout, so a
 * stand-in settings file looks like KNIME's.
 */
public abstract class ConfigBase extends AbstractConfigEntry implements ConfigBaseRO, ConfigBaseWO {
    private static final long serialVersionUID = 1L;

    private static final String ARRAY_SIZE = "array-size";
    private static final String XML_NAMESPACE = "http://www.knime.org/2008/09/XMLConfig";

    /** A typed leaf value. */
    private record Entry(String type, String value) {
    }

    private final Map<String, Object> m_entries = new LinkedHashMap<>();

    public ConfigBase(final String key) {
        super(key);
    }

    /** Creates an empty child of this config's kind. */
    public abstract ConfigBase getInstance(String key);

    @Override
    public Set<String> keySet() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(m_entries.keySet()));
    }

    @Override
    public boolean containsKey(final String key) {
        return m_entries.containsKey(key);
    }

    @Override
    public final Iterator<String> iterator() {
        return keySet().iterator();
    }

    // ---- write -------------------------------------------------------------------------------

    private void put(final String key, final Object value) {
        if (key == null) {
            throw new IllegalArgumentException("settings key must not be null");
        }
        m_entries.put(key, value);
    }

    @Override
    public final ConfigBase addConfigBase(final String key) {
        ConfigBase child = getInstance(key);
        put(key, child);
        return child;
    }

    /** Adds a child config as is; as in KNIME, it must be of this config's class. */
    protected final void addConfigBase(final ConfigBase config) {
        if (getClass() != config.getClass()) {
            throw new IllegalArgumentException("This " + getClass() + " is not equal to " + config.getClass());
        }
        put(config.getKey(), config);
    }

    @Override
    public void addInt(final String key, final int value) {
        put(key, new Entry("xint", Integer.toString(value)));
    }

    @Override
    public void addLong(final String key, final long value) {
        put(key, new Entry("xlong", Long.toString(value)));
    }

    @Override
    public void addDouble(final String key, final double value) {
        put(key, new Entry("xdouble", Double.toString(value)));
    }

    @Override
    public void addBoolean(final String key, final boolean value) {
        put(key, new Entry("xboolean", Boolean.toString(value)));
    }

    @Override
    public void addString(final String key, final String value) {
        put(key, new Entry("xstring", value));
    }

    private ConfigBase addArray(final String key, final int size) {
        ConfigBase array = addConfigBase(key);
        array.addInt(ARRAY_SIZE, size);
        return array;
    }

    @Override
    public void addIntArray(final String key, final int... values) {
        if (values == null) {
            addString(key, null);
            return;
        }
        ConfigBase a = addArray(key, values.length);
        for (int i = 0; i < values.length; i++) {
            a.addInt(Integer.toString(i), values[i]);
        }
    }

    @Override
    public void addLongArray(final String key, final long... values) {
        if (values == null) {
            addString(key, null);
            return;
        }
        ConfigBase a = addArray(key, values.length);
        for (int i = 0; i < values.length; i++) {
            a.addLong(Integer.toString(i), values[i]);
        }
    }

    @Override
    public void addDoubleArray(final String key, final double... values) {
        if (values == null) {
            addString(key, null);
            return;
        }
        ConfigBase a = addArray(key, values.length);
        for (int i = 0; i < values.length; i++) {
            a.addDouble(Integer.toString(i), values[i]);
        }
    }

    @Override
    public void addBooleanArray(final String key, final boolean... values) {
        if (values == null) {
            addString(key, null);
            return;
        }
        ConfigBase a = addArray(key, values.length);
        for (int i = 0; i < values.length; i++) {
            a.addBoolean(Integer.toString(i), values[i]);
        }
    }

    @Override
    public void addStringArray(final String key, final String... values) {
        if (values == null) {
            addString(key, null);
            return;
        }
        ConfigBase a = addArray(key, values.length);
        for (int i = 0; i < values.length; i++) {
            a.addString(Integer.toString(i), values[i]);
        }
    }

    // ---- read --------------------------------------------------------------------------------

    private Entry entry(final String key, final String type) throws InvalidSettingsException {
        Object o = m_entries.get(key);
        if (o == null) {
            throw new InvalidSettingsException("Config for key \"" + key + "\" not found.");
        }
        if (!(o instanceof Entry) || !((Entry)o).type().equals(type)) {
            throw new InvalidSettingsException("Type mismatch for key \"" + key + "\": expected " + type);
        }
        return (Entry)o;
    }

    @Override
    public final ConfigBase getConfigBase(final String key) throws InvalidSettingsException {
        Object o = m_entries.get(key);
        if (!(o instanceof ConfigBase)) {
            throw new InvalidSettingsException("Config for key \"" + key + "\" not found.");
        }
        return (ConfigBase)o;
    }

    @Override
    public int getInt(final String key) throws InvalidSettingsException {
        return Integer.parseInt(entry(key, "xint").value());
    }

    @Override
    public int getInt(final String key, final int def) {
        try {
            return getInt(key);
        } catch (InvalidSettingsException e) {
            return def;
        }
    }

    @Override
    public long getLong(final String key) throws InvalidSettingsException {
        return Long.parseLong(entry(key, "xlong").value());
    }

    @Override
    public long getLong(final String key, final long def) {
        try {
            return getLong(key);
        } catch (InvalidSettingsException e) {
            return def;
        }
    }

    @Override
    public double getDouble(final String key) throws InvalidSettingsException {
        return Double.parseDouble(entry(key, "xdouble").value());
    }

    @Override
    public double getDouble(final String key, final double def) {
        try {
            return getDouble(key);
        } catch (InvalidSettingsException e) {
            return def;
        }
    }

    @Override
    public boolean getBoolean(final String key) throws InvalidSettingsException {
        return Boolean.parseBoolean(entry(key, "xboolean").value());
    }

    @Override
    public boolean getBoolean(final String key, final boolean def) {
        try {
            return getBoolean(key);
        } catch (InvalidSettingsException e) {
            return def;
        }
    }

    @Override
    public String getString(final String key) throws InvalidSettingsException {
        return entry(key, "xstring").value();
    }

    @Override
    public String getString(final String key, final String def) {
        try {
            return getString(key);
        } catch (InvalidSettingsException e) {
            return def;
        }
    }

    private ConfigBase array(final String key) throws InvalidSettingsException {
        ConfigBase a = getConfigBase(key);
        a.getInt(ARRAY_SIZE);
        return a;
    }

    private boolean isNullArray(final String key) {
        Object o = m_entries.get(key);
        return o instanceof Entry && ((Entry)o).value() == null;
    }

    @Override
    public int[] getIntArray(final String key) throws InvalidSettingsException {
        if (isNullArray(key)) {
            return null;
        }
        ConfigBase a = array(key);
        int[] v = new int[a.getInt(ARRAY_SIZE)];
        for (int i = 0; i < v.length; i++) {
            v[i] = a.getInt(Integer.toString(i));
        }
        return v;
    }

    @Override
    public int[] getIntArray(final String key, final int... def) {
        try {
            return getIntArray(key);
        } catch (InvalidSettingsException e) {
            return def;
        }
    }

    @Override
    public long[] getLongArray(final String key) throws InvalidSettingsException {
        if (isNullArray(key)) {
            return null;
        }
        ConfigBase a = array(key);
        long[] v = new long[a.getInt(ARRAY_SIZE)];
        for (int i = 0; i < v.length; i++) {
            v[i] = a.getLong(Integer.toString(i));
        }
        return v;
    }

    @Override
    public long[] getLongArray(final String key, final long... def) {
        try {
            return getLongArray(key);
        } catch (InvalidSettingsException e) {
            return def;
        }
    }

    @Override
    public double[] getDoubleArray(final String key) throws InvalidSettingsException {
        if (isNullArray(key)) {
            return null;
        }
        ConfigBase a = array(key);
        double[] v = new double[a.getInt(ARRAY_SIZE)];
        for (int i = 0; i < v.length; i++) {
            v[i] = a.getDouble(Integer.toString(i));
        }
        return v;
    }

    @Override
    public double[] getDoubleArray(final String key, final double... def) {
        try {
            return getDoubleArray(key);
        } catch (InvalidSettingsException e) {
            return def;
        }
    }

    @Override
    public boolean[] getBooleanArray(final String key) throws InvalidSettingsException {
        if (isNullArray(key)) {
            return null;
        }
        ConfigBase a = array(key);
        boolean[] v = new boolean[a.getInt(ARRAY_SIZE)];
        for (int i = 0; i < v.length; i++) {
            v[i] = a.getBoolean(Integer.toString(i));
        }
        return v;
    }

    @Override
    public boolean[] getBooleanArray(final String key, final boolean... def) {
        try {
            return getBooleanArray(key);
        } catch (InvalidSettingsException e) {
            return def;
        }
    }

    @Override
    public String[] getStringArray(final String key) throws InvalidSettingsException {
        if (isNullArray(key)) {
            return null;
        }
        ConfigBase a = array(key);
        String[] v = new String[a.getInt(ARRAY_SIZE)];
        for (int i = 0; i < v.length; i++) {
            v[i] = a.getString(Integer.toString(i));
        }
        return v;
    }

    @Override
    public String[] getStringArray(final String key, final String... def) {
        try {
            return getStringArray(key);
        } catch (InvalidSettingsException e) {
            return def;
        }
    }

    // ---- copy and XML ------------------------------------------------------------------------

    @Override
    public void copyTo(final ConfigBaseWO config) {
        if (!(config instanceof ConfigBase)) {
            throw new IllegalArgumentException("can only copy into a stand-in ConfigBase");
        }
        ConfigBase dest = (ConfigBase)config;
        for (Map.Entry<String, Object> e : m_entries.entrySet()) {
            if (e.getValue() instanceof ConfigBase) {
                ((ConfigBase)e.getValue()).copyTo(dest.addConfigBase(e.getKey()));
            } else {
                dest.put(e.getKey(), e.getValue());
            }
        }
    }

    @Override
    public final void saveToXML(final OutputStream os) throws IOException {
        Writer w = new OutputStreamWriter(os, StandardCharsets.UTF_8);
        w.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        w.write("<config xmlns=\"" + XML_NAMESPACE + "\" key=\"" + escape(getKey()) + "\">\n");
        writeEntries(w, 1);
        w.write("</config>\n");
        w.flush();
    }

    private void writeEntries(final Writer w, final int depth) throws IOException {
        String indent = "    ".repeat(depth);
        for (Map.Entry<String, Object> e : m_entries.entrySet()) {
            if (e.getValue() instanceof ConfigBase) {
                w.write(indent + "<config key=\"" + escape(e.getKey()) + "\">\n");
                ((ConfigBase)e.getValue()).writeEntries(w, depth + 1);
                w.write(indent + "</config>\n");
            } else {
                Entry entry = (Entry)e.getValue();
                w.write(indent + "<entry key=\"" + escape(e.getKey()) + "\" type=\"" + entry.type() + "\"");
                if (entry.value() == null) {
                    w.write(" isnull=\"true\" value=\"\"/>\n");
                } else {
                    w.write(" value=\"" + escape(entry.value()) + "\"/>\n");
                }
            }
        }
    }

    /**
     * Reads a {@code settings.xml} stream written by {@link #saveToXML} (or by KNIME) into the given
     * empty config, which takes the root element's key, and returns it.
     */
    protected static ConfigBase loadFromXML(final ConfigBase config, final InputStream in) throws IOException {
        if (in == null) {
            throw new NullPointerException();
        }
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            Element root = factory.newDocumentBuilder().parse(in).getDocumentElement();
            config.setKey(root.getAttribute("key"));
            config.readFromXML(root);
            return config;
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException("cannot read settings XML: " + e.getMessage(), e);
        }
    }

    /** Reads the entries of a {@code <config>} element into this (empty) config. */
    private void readFromXML(final Element config) {
        NodeList children = config.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            Node n = children.item(i);
            if (!(n instanceof Element)) {
                continue;
            }
            Element el = (Element)n;
            String key = el.getAttribute("key");
            if ("config".equals(el.getLocalName())) {
                addConfigBase(key).readFromXML(el);
            } else if ("entry".equals(el.getLocalName())) {
                boolean isNull = "true".equals(el.getAttribute("isnull"));
                put(key, new Entry(el.getAttribute("type"), isNull ? null : el.getAttribute("value")));
            }
        }
    }

    private static String escape(final String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\n' -> b.append("&#10;");
                case '\r' -> b.append("&#13;");
                case '\t' -> b.append("&#9;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** Whether the other entry is a config with equal entries (the key is compared by equals). */
    @Override
    public boolean hasIdenticalValue(final AbstractConfigEntry otherConfig) {
        return otherConfig instanceof ConfigBase && ((ConfigBase)otherConfig).m_entries.equals(m_entries);
    }

    @Override
    public final boolean isLeaf() {
        return m_entries.isEmpty();
    }

    @Override
    public String toString() {
        try {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            saveToXML(out);
            return out.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            return getKey();
        }
    }
}
