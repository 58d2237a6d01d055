package org.harmonic.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.harmonic.core.generator.Generator;
import org.harmonic.core.synth.Synthesizer;
import org.harmonic.core.table.CsvTableReader;
import org.harmonic.core.table.CsvTableWriter;
import org.harmonic.core.table.Table;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code harmonic synthesize}: the Synthesizer. */
@Command(name = "synthesize", mixinStandardHelpOptions = true, defaultValueProvider = CoreDefaults.class,
        description = {"Generate synthetic rows with a fitted generator: valid for the trained schema by "
                + "construction, never a copy of a training row.",
            "Example: harmonic synthesize --generator german-generator --input examples/german_train.csv "
                + "--rows 700 --out german_synthetic.csv"})
final class SynthesizeCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--generator", required = true, paramLabel = "DIR", description = "generator directory from 'fit'")
    private Path generator;

    @Option(names = "--input", required = true, paramLabel = "CSV", description = "the real training table: prompts "
            + "are drawn from it and no output row may equal one of its rows (the generator stores no real rows)")
    private Path input;

    @Option(names = "--rows", paramLabel = "N", description = "rows to generate (default: as many as --input has; "
            + "with --balance: up to the majority count)")
    private Integer rows;

    @Option(names = "--out", required = true, paramLabel = "FILE.csv", description = "synthetic table to write")
    private Path out;

    @Option(names = "--seed", defaultValue = "416", description = "seed; the same seed gives the same table "
            + "(default: ${DEFAULT-VALUE})")
    private long seed;

    @Option(names = "--device", defaultValue = "cpu", paramLabel = "cpu|gpu", description = "(default: ${DEFAULT-VALUE})")
    private String device;

    @Mixin
    private SamplingOptions sampling;

    @Override
    public Integer call() throws IOException {
        sampling.check(rows); // before the generator is loaded
        Table real = new CsvTableReader().read(input);
        int count = sampling.options(rows).rowsFor(real.rowCount());
        ConsoleProgress progress = new ConsoleProgress(spec.commandLine().getErr(), System.console() != null);
        try (Generator g = Generator.open(generator, device)) {
            Synthesizer.Result result = new Synthesizer().synthesize(g, real, sampling.options(rows).config(real.rowCount(), seed), progress);
            progress.finish();
            new CsvTableWriter().write(result.table(), out);
            Synthesizer.Stats s = result.stats();
            spec.commandLine().getOut().printf("%d rows from %d candidates%s (%.0f %% accepted; rejected: %s) in %.0f s"
                    + "%n%swrote %s%n", s.accepted(), s.candidates(), ofPrompts(s), 100 * s.acceptedFraction(),
                    s.rejected(), s.seconds(), predictorsLine(s), out);
        }
        return Harmonic.EXIT_OK;
    }

    /** Which columns were sampled at the predictor temperature, as a line; nothing where none was. */
    static String predictorsLine(Synthesizer.Stats s) {
        return s.predictors().isEmpty() ? "" : "label predictors sampled at --predictor-temperature: "
                + String.join(", ", s.predictors()) + System.lineSeparator();
    }

    /** " of N prompts" where candidates shared prompts (--rows-per-prompt above 1), else nothing. */
    static String ofPrompts(Synthesizer.Stats s) {
        return s.prompts() == s.candidates() ? "" : " of " + s.prompts() + " prompts";
    }
}
