package org.knime.core.node;

import java.io.IOException;
import java.io.InputStream;

import org.knime.core.node.config.Config;
import org.knime.core.node.config.ConfigWO;

/** Node settings: a tree of typed entries; usable without any framework (as in KNIME). */
public final class NodeSettings extends Config implements NodeSettingsRO, NodeSettingsWO {

    public NodeSettings(final String key) {
        super(key);
    }

    @Override
    public Config getInstance(final String key) {
        return new NodeSettings(key);
    }

    @Override
    public NodeSettings getNodeSettings(final String key) throws InvalidSettingsException {
        return (NodeSettings)getConfig(key);
    }

    @Override
    public NodeSettingsWO addNodeSettings(final String key) {
        return (NodeSettings)addConfigBase(key);
    }

    @Override
    public void addNodeSettings(final NodeSettings settings) {
        addConfigBase(settings);
    }

    @Override
    public void copyTo(final ConfigWO dest) {
        super.copyTo(dest);
    }

    /** Reads settings written by {@link #saveToXML}. */
    public static NodeSettingsRO loadFromXML(final InputStream in) throws IOException {
        return (NodeSettingsRO)Config.loadFromXML(new NodeSettings("ignored"), in);
    }
}
