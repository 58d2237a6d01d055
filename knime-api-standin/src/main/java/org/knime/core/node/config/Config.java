package org.knime.core.node.config;

import java.util.Collections;
import java.util.Enumeration;

import javax.swing.tree.TreeNode;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.config.base.ConfigBase;

/** A config of the node API: a {@link ConfigBase} that is also a (trivial) Swing tree node. */
public abstract class Config extends ConfigBase implements ConfigRO, ConfigWO {

    protected Config(final String key) {
        super(key);
    }

    @Override
    public Config getConfig(final String key) throws InvalidSettingsException {
        ConfigBase base = getConfigBase(key);
        if (!(base instanceof Config)) {
            throw new InvalidSettingsException("Config for key \"" + key + "\" not found.");
        }
        return (Config)base;
    }

    @Override
    public Config addConfig(final String key) {
        return (Config)addConfigBase(key);
    }

    @Override
    public TreeNode getChildAt(final int childIndex) {
        throw new IndexOutOfBoundsException("the stand-in config is not browsable as a tree");
    }

    @Override
    public int getChildCount() {
        return 0;
    }

    @Override
    public TreeNode getParent() {
        return null;
    }

    @Override
    public int getIndex(final TreeNode node) {
        return -1;
    }

    @Override
    public boolean getAllowsChildren() {
        return true;
    }

    @Override
    public boolean isLeaf() {
        return keySet().isEmpty();
    }

    @Override
    public Enumeration<? extends TreeNode> children() {
        return Collections.emptyEnumeration();
    }
}
