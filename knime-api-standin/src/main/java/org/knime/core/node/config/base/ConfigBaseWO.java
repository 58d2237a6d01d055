package org.knime.core.node.config.base;

/** Write access to a settings tree (KNIME: bundle org.knime.core.util); see {@link ConfigBaseRO}. */
public interface ConfigBaseWO {

    String getKey();

    ConfigBase addConfigBase(String key);

    void addInt(String key, int value);

    void addIntArray(String key, int... values);

    void addLong(String key, long value);

    void addLongArray(String key, long... values);

    void addDouble(String key, double value);

    void addDoubleArray(String key, double... values);

    void addBoolean(String key, boolean value);

    void addBooleanArray(String key, boolean... values);

    void addString(String key, String value);

    void addStringArray(String key, String... values);
}
