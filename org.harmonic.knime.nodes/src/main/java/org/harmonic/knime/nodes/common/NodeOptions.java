package org.harmonic.knime.nodes.common;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettingsRO;
import org.knime.core.node.NodeSettingsWO;
import org.knime.core.node.defaultnodesettings.SettingsModel;

/**
 * A node's options: one SettingsModel each (so flow variables and batch {@code -option} work),
 * saved, validated and loaded together. Validation works on a fresh copy, so rejected settings
 * never replace the node's current ones.
 */
public abstract class NodeOptions {

    /** Every option of the node, in the order they are saved. */
    protected abstract List<SettingsModel> all();

    /** Checks the options together, without touching files or the engine (what configure and validate reject). */
    protected abstract void check() throws InvalidSettingsException;

    /** A new instance holding the defaults. */
    protected abstract NodeOptions fresh();

    /** Writes every option. */
    public final void saveTo(final NodeSettingsWO settings) {
        for (SettingsModel m : all()) {
            m.saveSettingsTo(settings);
        }
    }

    /**
     * Options added after the node was first released, by config key: a workflow saved before them
     * lacks their keys and keeps loading, with these options at their defaults (the behaviour the
     * workflow had when it was saved, where the new option's default preserves it).
     */
    protected Map<String, SettingsModel> addedLater() {
        return Map.of();
    }

    /** Reads every option (after {@link #validate}). */
    public final void loadFrom(final NodeSettingsRO settings) throws InvalidSettingsException {
        for (SettingsModel m : present(settings)) {
            m.loadSettingsFrom(settings);
        }
    }

    /** The options {@code settings} hold: all but the later additions whose key they lack. */
    private List<SettingsModel> present(final NodeSettingsRO settings) {
        List<SettingsModel> out = new ArrayList<>(all());
        for (Map.Entry<String, SettingsModel> e : addedLater().entrySet()) {
            if (!settings.containsKey(e.getKey())) {
                out.remove(e.getValue());
            }
        }
        return out;
    }

    /** Fails, naming the option, unless {@code settings} hold a complete and consistent set. */
    public final void validate(final NodeSettingsRO settings) throws InvalidSettingsException {
        NodeOptions candidate = fresh();
        for (SettingsModel m : candidate.present(settings)) {
            m.validateSettings(settings);
        }
        candidate.loadFrom(settings);
        candidate.check();
    }

    /** {@code value} as the matching entry of {@code allowed} (case-insensitive), or an error naming the option. */
    public static String oneOf(final String key, final String value, final List<String> allowed)
            throws InvalidSettingsException {
        String v = value == null ? "" : value.trim();
        for (String a : allowed) {
            if (a.equalsIgnoreCase(v)) {
                return a;
            }
        }
        throw new InvalidSettingsException("Option '" + key + "' is '" + value + "'; use one of "
            + String.join(", ", allowed));
    }
}
