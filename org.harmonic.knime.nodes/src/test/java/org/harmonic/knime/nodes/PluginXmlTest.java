package org.harmonic.knime.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.knime.core.node.NodeFactory;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** plugin.xml registers what exists: the category, every node factory, the port type and its serializers. */
class PluginXmlTest {

    private static Document pluginXml() throws Exception {
        try (InputStream in = Files.newInputStream(Path.of("plugin.xml"))) {
            return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
        }
    }

    private static List<Element> elements(final Document doc, final String name) {
        NodeList list = doc.getElementsByTagName(name);
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < list.getLength(); i++) {
            out.add((Element)list.item(i));
        }
        return out;
    }

    @Test
    void categoryIsCommunityHarmonicWithIcon() throws Exception {
        List<Element> categories = elements(pluginXml(), "category");
        assertEquals(1, categories.size());
        Element c = categories.get(0);
        assertEquals("/community", c.getAttribute("path"));
        assertEquals("harmonic", c.getAttribute("level-id"));
        assertTrue(Files.isRegularFile(Path.of(c.getAttribute("icon"))));
    }

    @Test
    void everyNodeFactoryExistsAndHasADescription() throws Exception {
        List<Element> nodes = elements(pluginXml(), "node");
        assertFalse(nodes.isEmpty());
        for (Element n : nodes) {
            assertEquals("/community/harmonic", n.getAttribute("category-path"));
            Class<?> factory = Class.forName(n.getAttribute("factory-class"));
            assertTrue(NodeFactory.class.isAssignableFrom(factory), factory + " is a NodeFactory");
            NodeFactory<?> f = (NodeFactory<?>)factory.getConstructor().newInstance(); // parses the description
            assertNotNull(f.getNodeName());
            assertNotNull(f.getIcon(), factory + " has a 16x16 icon");
        }
    }

    @Test
    void theSixNodesAreRegisteredInPipelineOrder() throws Exception {
        List<String> factories = new ArrayList<>();
        String previous = "";
        for (Element n : elements(pluginXml(), "node")) {
            // each node names the one before it, so the repository lists them in pipeline order
            assertEquals(previous, n.getAttribute("after"), n.getAttribute("factory-class"));
            previous = n.getAttribute("factory-class");
            factories.add(previous.substring(previous.lastIndexOf('.') + 1));
        }
        assertEquals(List.of("KnnInstructionBuilderNodeFactory", "LlmFineTunerNodeFactory", "SynthesizerNodeFactory",
            "FidelityMetricsNodeFactory", "LlmEffectivenessNodeFactory", "DataLeakageTestNodeFactory"), factories);
    }

    @Test
    void portTypeNamesItsClassesAndSerializers() throws Exception {
        List<Element> types = elements(pluginXml(), "portType");
        assertEquals(1, types.size());
        Element t = types.get(0);
        assertTrue(PortObject.class.isAssignableFrom(Class.forName(t.getAttribute("objectClass"))));
        assertTrue(PortObjectSpec.class.isAssignableFrom(Class.forName(t.getAttribute("specClass"))));
        assertTrue(PortObject.PortObjectSerializer.class.isAssignableFrom(
            Class.forName(t.getAttribute("objectSerializer"))));
        assertTrue(PortObjectSpec.PortObjectSpecSerializer.class.isAssignableFrom(
            Class.forName(t.getAttribute("specSerializer"))));
    }
}
