package org.knime.core.node;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Creates a node's model, dialog and views, and carries its description, read from
 * {@code <FactorySimpleName>.xml} next to the factory class (as KNIME's NodeDescriptionParser
 * does). The stand-in is stricter than KNIME: a missing or malformed description, an unknown
 * schema namespace, elements out of the schema's order, or a missing icon throw at construction
 * instead of being logged.
 *
 * @param <T> the model class
 */
public abstract class NodeFactory<T extends NodeModel> {

    /** The kinds of nodes (the icon background in KNIME). */
    public static enum NodeType {
        Source, Sink, Learner, Predictor, Manipulator, Visualizer, Widget, Meta, LoopStart, LoopEnd, ScopeStart,
        ScopeEnd, @Deprecated QuickForm, Configuration, Other, Missing, Unknown, Subnode, VirtualIn, VirtualOut,
        Container
    }

    /** Namespaces KNIME 5.x's description parser resolves. */
    private static final Set<String> NAMESPACES = Set.of("http://knime.org/node/v2.8", "http://knime.org/node/v2.10",
        "http://knime.org/node/v2.12", "http://knime.org/node/v3.1", "http://knime.org/node/v3.6",
        "http://knime.org/node/v4.1", "http://knime.org/node/v5.3");

    private static final List<String> TOP_LEVEL_ORDER =
        List.of("name", "shortDescription", "fullDescription", "interactiveView", "ports", "views", "keywords");

    private Element m_description;
    private String m_name;
    private NodeType m_type = NodeType.Unknown;
    private URL m_icon;
    private boolean m_deprecated;
    private final TreeMap<Integer, String[]> m_inPorts = new TreeMap<>();
    private final TreeMap<Integer, String[]> m_outPorts = new TreeMap<>();
    private final List<String> m_keywords = new ArrayList<>();
    private final boolean m_lazy;

    protected NodeFactory() {
        this(false);
    }

    protected NodeFactory(final boolean lazyInitialization) {
        m_lazy = lazyInitialization;
        if (!lazyInitialization) {
            init();
        }
    }

    public abstract T createNodeModel();

    protected abstract int getNrNodeViews();

    public abstract NodeView<T> createNodeView(int viewIndex, T nodeModel);

    protected abstract boolean hasDialog();

    protected abstract NodeDialogPane createNodeDialogPane();

    public synchronized void init() {
        if (m_description != null) {
            return;
        }
        Class<?> c = getClass();
        String file = c.getSimpleName() + ".xml";
        try (InputStream in = c.getResourceAsStream(file)) {
            if (in == null) {
                throw new IllegalStateException("node description " + file + " not found next to " + c.getName());
            }
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            parse(factory.newDocumentBuilder().parse(in).getDocumentElement(), file);
        } catch (IOException | ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("cannot read node description " + file + ": " + e.getMessage(), e);
        }
    }

    private void parse(final Element root, final String file) {
        if (!"knimeNode".equals(root.getLocalName()) || !NAMESPACES.contains(root.getNamespaceURI())) {
            throw new IllegalStateException(file + ": root must be <knimeNode> in a KNIME node namespace "
                + "(http://knime.org/node/v4.1), found " + root.getNamespaceURI() + " " + root.getLocalName());
        }
        int last = -1;
        for (Element child : children(root)) {
            int pos = TOP_LEVEL_ORDER.indexOf(child.getLocalName());
            if (pos < 0 || pos <= last) {
                throw new IllegalStateException(file + ": unexpected or misplaced element <" + child.getLocalName()
                    + ">; order is " + TOP_LEVEL_ORDER);
            }
            last = pos;
        }
        m_name = text(root, "name", file);
        text(root, "shortDescription", file);
        Element full = child(root, "fullDescription", file);
        child(full, "intro", file);
        if (!root.getAttribute("type").isEmpty()) {
            m_type = NodeType.valueOf(root.getAttribute("type"));
        }
        m_deprecated = Boolean.parseBoolean(root.getAttribute("deprecated"));
        String icon = root.getAttribute("icon");
        if (!icon.isEmpty()) {
            m_icon = getClass().getResource(icon);
            if (m_icon == null) {
                throw new IllegalStateException(file + ": icon " + icon + " not found");
            }
        }
        Element ports = child(root, "ports", file);
        for (Element p : children(ports)) {
            int index = Integer.parseInt(p.getAttribute("index"));
            String[] nameAndText = {p.getAttribute("name"), p.getTextContent().trim()};
            TreeMap<Integer, String[]> map = "inPort".equals(p.getLocalName()) ? m_inPorts : m_outPorts;
            if (map.put(index, nameAndText) != null) {
                throw new IllegalStateException(file + ": duplicate port index " + index);
            }
        }
        for (Element list : children(root)) {
            if ("keywords".equals(list.getLocalName())) {
                for (Element k : children(list)) {
                    m_keywords.add(k.getTextContent().trim());
                }
            }
        }
        m_description = root;
    }

    private static List<Element> children(final Element parent) {
        List<Element> list = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node n = nodes.item(i);
            if (n instanceof Element) {
                list.add((Element)n);
            }
        }
        return list;
    }

    private static Element child(final Element parent, final String name, final String file) {
        for (Element e : children(parent)) {
            if (name.equals(e.getLocalName())) {
                return e;
            }
        }
        throw new IllegalStateException(file + ": missing <" + name + ">");
    }

    private static String text(final Element parent, final String name, final String file) {
        String text = child(parent, name, file).getTextContent().trim();
        if (text.isEmpty()) {
            throw new IllegalStateException(file + ": <" + name + "> is empty");
        }
        return text;
    }

    public URL getIcon() {
        return m_icon;
    }

    public NodeType getType() {
        return m_type;
    }

    public Element getXMLDescription() {
        return m_description;
    }

    public String getInportName(final int index) {
        String[] p = m_inPorts.get(index);
        return p == null ? null : p[0];
    }

    public String getOutportName(final int index) {
        String[] p = m_outPorts.get(index);
        return p == null ? null : p[0];
    }

    public final String getNodeName() {
        return m_name;
    }

    public final String getInportDescription(final int index) {
        String[] p = m_inPorts.get(index);
        return p == null ? null : p[1];
    }

    public final String getOutportDescription(final int index) {
        String[] p = m_outPorts.get(index);
        return p == null ? null : p[1];
    }

    public final String[] getKeywords() {
        return m_keywords.toArray(new String[0]);
    }

    public final boolean isDeprecated() {
        return m_deprecated;
    }

    public final boolean isLazilyInitialized() {
        return m_lazy;
    }

    public static URL getDefaultIcon() {
        return null;
    }

    /** Number of described in-ports (stand-in only, for the harness). */
    final int describedInPorts() {
        return m_inPorts.size();
    }

    /** Number of described out-ports (stand-in only, for the harness). */
    final int describedOutPorts() {
        return m_outPorts.size();
    }

    /** Calls the protected hooks (stand-in only, for the harness). */
    final NodeDialogPane dialogPane() {
        return hasDialog() ? createNodeDialogPane() : null;
    }

    final int viewCount() {
        return getNrNodeViews();
    }
}
