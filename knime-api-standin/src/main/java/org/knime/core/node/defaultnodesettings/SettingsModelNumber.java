package org.knime.core.node.defaultnodesettings;

/** A numeric settings model; it cannot be subclassed outside this package (as in KNIME). */
public abstract class SettingsModelNumber extends SettingsModel {

    abstract String getNumberValueStr();

    abstract void setNumberValueStr(String newValueStr);
}
