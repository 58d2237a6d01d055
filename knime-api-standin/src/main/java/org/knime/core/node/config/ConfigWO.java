package org.knime.core.node.config;

import org.knime.core.node.config.base.ConfigBaseWO;

/** Write access to a config (the stand-in leaves out the DataCell, DataType and RowKey adders). */
public interface ConfigWO extends ConfigBaseWO {

    Config addConfig(String key);
}
