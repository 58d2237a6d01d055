package org.knime.core.node.config;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.config.base.ConfigBase;

/** A config of the node API: a {@link ConfigBase} that is also a (trivial) Swing tree node. */
public abstract class Config extends ConfigBase implements ConfigRO, ConfigWO {

    protected Config(final String key) {
        super(key);
    }

    @Override
    public final Config getConfig(final String key) throws InvalidSettingsException {
        ConfigBase base = getConfigBase(key);
        if (!(base instanceof Config)) {
            throw new InvalidSettingsException("Config for key \"" + key + "\" not found.");
        }
        return (Config)base;
    }

    @Override
    public final Config addConfig(final String key) {
        return (Config)addConfigBase(key);
    }
}
