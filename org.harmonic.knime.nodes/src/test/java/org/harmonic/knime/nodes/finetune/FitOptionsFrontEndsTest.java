package org.harmonic.knime.nodes.finetune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.harmonic.cli.Harmonic;
import org.harmonic.core.options.FitOptions;
import org.harmonic.core.options.OptionSpec;
import org.junit.jupiter.api.Test;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.defaultnodesettings.SettingsModel;
import org.knime.core.node.defaultnodesettings.SettingsModelDoubleBounded;
import org.knime.core.node.defaultnodesettings.SettingsModelIntegerBounded;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Every option of fitting a generator, as {@code harmonic fit}, {@code harmonic run} and the LLM
 * Fine-Tuner node expose it, against the core's catalogue ({@link FitOptions#SPECS}): the same
 * defaults and the same bounds, and no option in a front-end that the catalogue does not know
 * (a new option must be added to the core first, or listed here as one front-end's own).
 */
class FitOptionsFrontEndsTest {

    /** Options of the commands that are not fitting options (inputs, outputs, the other steps of run). */
    private static final Set<String> FIT_COMMAND_OWN = Set.of("--input", "--target", "--out", "--instructions",
        "--seed", "--help", "--version", "--description", "--task", "--preset", "--k", "--filter", "--encoding",
        "--permute", "--separator", "--missing", "--quiet");
    /** The node's options that are not fitting options: its input columns, the prompt text and the seed. */
    private static final Set<String> NODE_OWN = Set.of("prompt_column", "answer_column", "description", "seed");

    private static CommandSpec command(String name) {
        return new CommandLine(new Harmonic()).getSubcommands().get(name).getCommandSpec();
    }

    /** The node's settings models by key. */
    private static Map<String, SettingsModel> nodeModels() {
        Map<String, SettingsModel> byKey = new HashMap<>();
        for (SettingsModel m : new LlmFineTunerSettings().all()) {
            NodeSettings s = new NodeSettings("one");
            m.saveSettingsTo(s);
            String key = s.keySet().stream().filter(k -> !k.endsWith("_Internals")).findFirst().orElseThrow();
            byKey.put(key, m);
        }
        return byKey;
    }

    private static Object nodeDefault(SettingsModel m, String key, Object like) throws Exception {
        NodeSettings s = new NodeSettings("one");
        m.saveSettingsTo(s);
        if (like instanceof Boolean) {
            return s.getBoolean(key);
        }
        if (like instanceof Integer) {
            return s.getInt(key);
        }
        if (like instanceof Double) {
            return s.getDouble(key);
        }
        return s.getString(key);
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

    @Test
    void theCommandLineDefaultsEveryFittingOptionAsTheCore() {
        for (String name : List.of("fit", "run")) {
            CommandSpec command = command(name);
            for (OptionSpec spec : FitOptions.SPECS) {
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

    @Test
    void theNodeDefaultsAndBoundsEveryFittingOptionAsTheCore() throws Exception {
        Map<String, SettingsModel> models = nodeModels();
        for (OptionSpec spec : FitOptions.SPECS) {
            if (spec.knime() == null) {
                continue; // command line only (listed in the catalogue as such)
            }
            SettingsModel m = models.get(spec.knime());
            assertNotNull(m, "the node has " + spec.knime());
            Object expected = spec.defaultValue() != null ? spec.defaultValue() : spec.automatic();
            Object like = expected instanceof Number n && spec.automatic() != null && spec.defaultValue() == null
                ? spec.automatic() : expected;
            Object actual = nodeDefault(m, spec.knime(), like);
            if (expected instanceof Number n) {
                assertEquals(n.doubleValue(), ((Number)actual).doubleValue(), 0, spec.knime());
            } else {
                assertEquals(expected, actual, spec.knime());
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

    @Test
    void noFrontEndHasAFittingOptionTheCoreDoesNotKnow() {
        Set<String> catalogueCli = new TreeSet<>();
        Set<String> catalogueNode = new TreeSet<>();
        for (OptionSpec spec : FitOptions.SPECS) {
            catalogueCli.add(spec.cli());
            if (spec.knime() != null) {
                catalogueNode.add(spec.knime());
            }
        }
        Set<String> unknownCli = new TreeSet<>();
        for (String name : List.of("fit", "run")) {
            for (CommandLine.Model.OptionSpec option : command(name).options()) {
                String longest = option.longestName();
                if (!catalogueCli.contains(longest) && !FIT_COMMAND_OWN.contains(longest) && !name.equals("run")) {
                    unknownCli.add("fit " + longest);
                }
            }
        }
        assertEquals(Set.of(), unknownCli, "fit options that are neither in FitOptions.SPECS nor the command's own");
        Set<String> unknownNode = new TreeSet<>(nodeModels().keySet());
        unknownNode.removeAll(catalogueNode);
        unknownNode.removeAll(NODE_OWN);
        assertEquals(Set.of(), unknownNode, "node options that are neither in FitOptions.SPECS nor the node's own");
        assertTrue(catalogueNode.size() >= 18, "most fitting options are in both front-ends: " + catalogueNode);
    }
}
