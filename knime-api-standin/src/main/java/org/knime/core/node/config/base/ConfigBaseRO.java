package org.knime.core.node.config.base;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Iterator;
import java.util.Set;

import org.knime.core.node.InvalidSettingsException;

/**
 * Read access to a settings tree (KNIME: bundle org.knime.core.util). The stand-in mirrors the
 * int, long, double, boolean and String accessors; KNIME also has float, short, byte and char.
 */
public interface ConfigBaseRO extends Iterable<String> {

    String getKey();

    Set<String> keySet();

    boolean containsKey(String key);

    @Override
    Iterator<String> iterator();

    int getInt(String key) throws InvalidSettingsException;

    int getInt(String key, int def);

    int[] getIntArray(String key) throws InvalidSettingsException;

    int[] getIntArray(String key, int... def);

    long getLong(String key) throws InvalidSettingsException;

    long getLong(String key, long def);

    long[] getLongArray(String key) throws InvalidSettingsException;

    long[] getLongArray(String key, long... def);

    double getDouble(String key) throws InvalidSettingsException;

    double getDouble(String key, double def);

    double[] getDoubleArray(String key) throws InvalidSettingsException;

    double[] getDoubleArray(String key, double... def);

    boolean getBoolean(String key) throws InvalidSettingsException;

    boolean getBoolean(String key, boolean def);

    boolean[] getBooleanArray(String key) throws InvalidSettingsException;

    boolean[] getBooleanArray(String key, boolean... def);

    String getString(String key) throws InvalidSettingsException;

    String getString(String key, String def);

    String[] getStringArray(String key) throws InvalidSettingsException;

    String[] getStringArray(String key, String... def);

    ConfigBase getConfigBase(String key) throws InvalidSettingsException;

    void saveToXML(OutputStream os) throws IOException;

    void copyTo(ConfigBaseWO config);
}
