package org.knime.core.node;

import java.io.IOException;
import java.io.InputStream;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.knime.core.node.config.Config;
import org.knime.core.node.config.ConfigWO;
import org.knime.core.node.config.base.ConfigBase;
import org.w3c.dom.Element;
import org.xml.sax.SAXException;

/** Node settings: a tree of typed entries; usable without any framework (as in KNIME). */
public final class NodeSettings extends Config implements NodeSettingsRO, NodeSettingsWO {

    public NodeSettings(final String key) {
        super(key);
    }

    @Override
    protected ConfigBase getInstance(final String key) {
        return new NodeSettings(key);
    }

    @Override
    public NodeSettingsRO getNodeSettings(final String key) throws InvalidSettingsException {
        return (NodeSettings)getConfig(key);
    }

    @Override
    public NodeSettingsWO addNodeSettings(final String key) {
        return (NodeSettings)addConfigBase(key);
    }

    @Override
    public void addNodeSettings(final NodeSettings settings) {
        addChild(settings);
    }

    @Override
    public void copyTo(final ConfigWO dest) {
        super.copyTo(dest);
    }

    /** Reads settings written by {@link #saveToXML}. */
    public static NodeSettingsRO loadFromXML(final InputStream in) throws IOException {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            Element root = factory.newDocumentBuilder().parse(in).getDocumentElement();
            NodeSettings settings = new NodeSettings(root.getAttribute("key"));
            settings.readFromXML(root);
            return settings;
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException("cannot read settings XML: " + e.getMessage(), e);
        }
    }
}
