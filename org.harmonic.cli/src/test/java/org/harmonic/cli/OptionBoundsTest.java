package org.harmonic.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.harmonic.core.options.EvaluateOptions;
import org.harmonic.core.options.FitOptions;
import org.harmonic.core.options.InstructionsOptions;
import org.harmonic.core.options.OptionSpec;
import org.harmonic.core.options.SynthesizeOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

/**
 * Every numeric option of every command is held to the core's bounds (those of the KNIME dialogs) with one
 * message, before the command reads anything: a value just outside either bound exits 2 naming the option.
 */
class OptionBoundsTest {
    @TempDir
    Path dir;

    /** Each command's required options (their values do not matter: the bounds fail first). */
    private static final Map<String, List<String>> REQUIRED = Map.of(
            "instructions", List.of("--input", "--out-train", "--target"),
            "fit", List.of("--instructions", "--out"),
            "synthesize", List.of("--generator", "--input", "--out"),
            "evaluate", List.of("--real", "--synthetic", "--target", "--out"),
            "run", List.of("--input", "--target", "--out"));

    @Test
    void everyNumberOutsideItsOptionsBoundsFailsBeforeTheCommandRuns() {
        List<OptionSpec> specs = new ArrayList<>();
        for (List<OptionSpec> catalogue : List.of(FitOptions.SPECS, SynthesizeOptions.SPECS,
                InstructionsOptions.SPECS, EvaluateOptions.SPECS)) {
            specs.addAll(catalogue);
        }
        CommandLine root = new CommandLine(new Harmonic());
        int checked = 0;
        for (OptionSpec spec : specs) {
            if (spec.cli() == null || (spec.min() == null && spec.max() == null)) {
                continue;
            }
            for (CommandLine command : root.getSubcommands().values()) {
                CommandLine.Model.OptionSpec option = command.getCommandSpec().findOption(spec.cli());
                if (option == null || command.getCommandSpec().name().equals("help")) {
                    continue;
                }
                boolean whole = option.type() == Integer.class || option.type() == int.class
                        || option.type() == Long.class || option.type() == long.class;
                for (String bad : outside(spec, whole)) {
                    Path out = dir.resolve("out");
                    String name = command.getCommandSpec().name();
                    List<String> args = new ArrayList<>(List.of(name));
                    assertTrue(REQUIRED.containsKey(name), "no required options listed for '" + name + "'");
                    for (String required : REQUIRED.get(name)) {
                        args.add(required);
                        args.add(out.toString()); // any value: the bounds fail before it is read or written
                    }
                    args.add(spec.cli());
                    args.add(bad);
                    StringWriter err = new StringWriter();
                    int code = Harmonic.execute(args.toArray(String[]::new), new PrintWriter(new StringWriter(), true),
                            new PrintWriter(err, true));
                    String what = String.join(" ", args) + ": " + err;
                    assertEquals(Harmonic.EXIT_INPUT, code, what);
                    assertTrue(err.toString().contains(spec.cli() + " must be "), what);
                    assertFalse(Files.exists(out), what);
                    checked++;
                }
            }
        }
        // --epochs, --lr, --batch, --dp-epsilon, --rows, --k, --mle-repeats, ... in every command that has them
        assertTrue(checked >= 40, "only " + checked + " option values checked");
    }

    @Test
    void theMessageNamesBothBoundsAndTheValue() {
        StringWriter err = new StringWriter();
        int code = Harmonic.execute(new String[] {"fit", "--instructions", "x.jsonl", "--out", "o", "--lr", "5"},
                new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
        assertEquals(Harmonic.EXIT_INPUT, code);
        assertTrue(err.toString().startsWith("harmonic: --lr must be above 0 and at most 1, got 5\n"), err.toString());
        assertTrue(err.toString().contains("harmonic fit --help"), err.toString());
    }

    /**
     * KNIME stores 0 for "automatic"; the command line says that by leaving the option out, so there 0 is
     * out of bounds (it used to pass the bounds and fail later with the record's words), except where 0 is
     * a value of its own.
     */
    @Test
    void theAutomaticNumberIsOutOfBoundsOnTheCommandLineUnlessItIsAValue() {
        assertEquals("harmonic: --epochs must be between 1 and 10000, got 0 (leave it out for its default)",
                firstLine("fit", "--instructions", "x.jsonl", "--out", "o", "--epochs", "0"));
        assertEquals("harmonic: --dp-epsilon must be above 0 and at most 1000000, got 0 (leave it out for its default)",
                firstLine("fit", "--instructions", "x.jsonl", "--out", "o", "--dp-epsilon", "0"));
        assertEquals("harmonic: --batch must be between 1 and 4096, got 0 (leave it out for its default)",
                firstLine("run", "--input", "x.csv", "--target", "t", "--out", "o", "--batch", "0"));
        // where 0 is a value, KNIME's automatic number is -1, and nothing below 0 is a value here
        assertEquals("harmonic: --label-temperature must be between 0 and 100, got -1 (leave it out for its default)",
                firstLine("synthesize", "--generator", "g", "--input", "x.csv", "--out", "o.csv", "--label-temperature",
                        "-1"));
        assertEquals("harmonic: --temperature must be between 0 and 100, got -1 (leave it out for its default)",
                firstLine("synthesize", "--generator", "g", "--input", "x.csv", "--out", "o.csv", "--temperature", "-1"));
        assertEquals("harmonic: --label-temperature must be between 0 and 100, got -0.5",
                firstLine("synthesize", "--generator", "g", "--input", "x.csv", "--out", "o.csv", "--label-temperature",
                        "-0.5"));
        // 0 is a value of its own: every planned step; every class up to the majority's count; greedy
        for (String[] args : List.of(new String[] {"fit", "--instructions", "x.jsonl", "--out", "o", "--patience", "0"},
                new String[] {"fit", "--instructions", "x.jsonl", "--out", "o", "--max-steps", "0"},
                new String[] {"synthesize", "--generator", "g", "--input", "x.csv", "--out", "o.csv", "--rows", "0",
                    "--balance", "status"},
                new String[] {"synthesize", "--generator", "g", "--input", "x.csv", "--out", "o.csv",
                    "--label-temperature", "0"},
                new String[] {"synthesize", "--generator", "g", "--input", "x.csv", "--out", "o.csv",
                    "--temperature", "0"})) {
            String line = firstLine(args);
            assertFalse(line.contains(" must be "), line);
            assertTrue(line.contains("does not exist"), line); // the missing input fails, after the bounds
        }
    }

    private static String firstLine(String... args) {
        StringWriter err = new StringWriter();
        int code = Harmonic.execute(args, new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
        assertEquals(Harmonic.EXIT_INPUT, code, err.toString());
        return err.toString().lines().findFirst().orElse("");
    }

    /** Values just outside the spec's bounds, written as the command line would take them. */
    private static List<String> outside(OptionSpec spec, boolean whole) {
        List<String> values = new ArrayList<>();
        if (!spec.cliTakesAutomatic() && spec.automatic() != null && spec.min() != null
                && spec.automatic().doubleValue() == spec.min().doubleValue()) {
            values.add(whole ? String.valueOf(spec.min().longValue()) : String.valueOf(spec.min().doubleValue()));
        }
        if (spec.min() != null) {
            values.add(whole ? String.valueOf(spec.min().longValue() - 1) : String.valueOf(spec.min().doubleValue()
                    - Math.max(1e-3, Math.abs(spec.min().doubleValue()))));
        }
        if (spec.max() != null && spec.max().doubleValue() < Integer.MAX_VALUE) {
            values.add(whole ? String.valueOf(spec.max().longValue() + 1) : String.valueOf(spec.max().doubleValue()
                    * 2 + 1));
        }
        return values;
    }
}
