package org.knime.core.node.config;

import javax.swing.tree.TreeNode;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.config.base.ConfigBaseRO;

/** Read access to a config (the stand-in leaves out the DataCell, DataType and RowKey accessors). */
public interface ConfigRO extends ConfigBaseRO, TreeNode, Iterable<String> {

    Config getConfig(String key) throws InvalidSettingsException;
}
