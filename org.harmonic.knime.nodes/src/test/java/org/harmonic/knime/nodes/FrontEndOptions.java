package org.harmonic.knime.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.harmonic.cli.Harmonic;
import org.harmonic.core.options.OptionSpec;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.defaultnodesettings.SettingsModel;
import org.knime.core.node.defaultnodesettings.SettingsModelDoubleBounded;
import org.knime.core.node.defaultnodesettings.SettingsModelIntegerBounded;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Checks a job's option catalogue (the core's {@code *Options.SPECS}) against what the command
 * line and a node expose: the same defaults and bounds, and no option the catalogue does not know.
 */
public final class FrontEndOptions {

    private FrontEndOptions() {
    }

    private static CommandSpec command(String name) {
        return new CommandLine(new Harmonic()).getSubcommands().get(name).getCommandSpec();
    }

    /** What picocli assigns when the option is not given: the default provider's value, else the annotation's. */
    private static String defaultOf(CommandSpec command, CommandLine.Model.OptionSpec option) {
        try {
            String provided = command.defaultValueProvider() == null ? null
                : command.defaultValueProvider().defaultValue(option);
            return provided != null ? provided : option.defaultValue();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Every command-line option of {@code specs} is on each command with the catalogue's default. */
    public static void assertCommandLineDefaults(List<OptionSpec> specs, String... commands) {
        for (String name : commands) {
            CommandSpec command = command(name);
            for (OptionSpec spec : specs) {
                if (spec.cli() == null) {
                    continue; // the node's only
                }
                CommandLine.Model.OptionSpec option = command.findOption(spec.cli());
                assertNotNull(option, "harmonic " + name + " has " + spec.cli());
                String shown = defaultOf(command, option);
                if (spec.defaultValue() == null || "".equals(spec.defaultValue())) {
                    assertNull(shown, spec.cli() + " is automatic or empty by default: unset on the command line");
                } else {
                    assertEquals(String.valueOf(spec.defaultValue()), shown, "harmonic " + name + " " + spec.cli());
                }
            }
        }
    }

    /** The command's options that are in neither the catalogue nor {@code own}. */
    public static Set<String> unknownCommandLineOptions(List<OptionSpec> specs, Set<String> own, String command) {
        Set<String> known = new TreeSet<>(own);
        specs.stream().map(OptionSpec::cli).filter(c -> c != null).forEach(known::add);
        Set<String> unknown = new TreeSet<>();
        for (CommandLine.Model.OptionSpec option : command(command).options()) {
            if (!known.contains(option.longestName())) {
                unknown.add(option.longestName());
            }
        }
        return unknown;
    }

    /** A node's settings models by key. */
    public static Map<String, SettingsModel> byKey(List<SettingsModel> models) {
        Map<String, SettingsModel> byKey = new HashMap<>();
        for (SettingsModel m : models) {
            NodeSettings s = new NodeSettings("one");
            m.saveSettingsTo(s);
            byKey.put(s.keySet().stream().filter(k -> !k.endsWith("_Internals")).findFirst().orElseThrow(), m);
        }
        return byKey;
    }

    /** Every node option of {@code specs} is a settings model with the catalogue's default and bounds. */
    public static void assertNodeDefaultsAndBounds(List<OptionSpec> specs, List<SettingsModel> models)
        throws InvalidSettingsException {
        Map<String, SettingsModel> byKey = byKey(models);
        for (OptionSpec spec : specs) {
            if (spec.knime() == null) {
                continue; // the command line's only
            }
            SettingsModel m = byKey.get(spec.knime());
            assertNotNull(m, "the node has " + spec.knime());
            Object expected = spec.defaultValue() != null ? spec.defaultValue() : spec.automatic();
            NodeSettings s = new NodeSettings("one");
            m.saveSettingsTo(s);
            if (expected instanceof Boolean) {
                assertEquals(expected, s.getBoolean(spec.knime()), spec.knime());
            } else if (expected instanceof Integer i) {
                assertEquals(i.intValue(), s.getInt(spec.knime()), spec.knime());
            } else if (expected instanceof Number n) {
                assertEquals(n.doubleValue(), s.getDouble(spec.knime()), 0, spec.knime());
            } else {
                assertEquals(expected, s.getString(spec.knime()), spec.knime());
            }
            if (m instanceof SettingsModelIntegerBounded b) {
                assertEquals(spec.min().intValue(), b.getLowerBound(), spec.knime() + " lower bound");
                assertEquals(spec.max().intValue(), b.getUpperBound(), spec.knime() + " upper bound");
            } else if (m instanceof SettingsModelDoubleBounded b) {
                assertEquals(spec.min().doubleValue(), b.getLowerBound(), spec.knime() + " lower bound");
                assertEquals(spec.max().doubleValue(), b.getUpperBound(), spec.knime() + " upper bound");
            } else {
                assertNull(spec.min(), spec.knime() + " has bounds in the core but none in the node");
            }
        }
    }

    /** The node's keys that are in neither the catalogue nor {@code own}. */
    public static Set<String> unknownNodeOptions(List<OptionSpec> specs, Set<String> own, List<SettingsModel> models) {
        Set<String> unknown = new TreeSet<>(byKey(models).keySet());
        unknown.removeAll(own);
        specs.stream().map(OptionSpec::knime).filter(k -> k != null).forEach(unknown::remove);
        return unknown;
    }
}
