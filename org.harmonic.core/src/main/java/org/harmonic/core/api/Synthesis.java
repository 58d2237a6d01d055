package org.harmonic.core.api;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.harmonic.core.generator.Generator;
import org.harmonic.core.options.SynthesizeOptions;
import org.harmonic.core.synth.Condition;
import org.harmonic.core.synth.SynthesisConfig;
import org.harmonic.core.synth.Synthesizer;
import org.harmonic.core.table.Table;
import org.harmonic.core.util.HarmonicInputException;
import org.harmonic.core.util.Progress;

/** The Synthesizer (method.md A.3): a generator directory and the real training table make a synthetic table. */
public final class Synthesis {

    private Synthesis() {
    }

    /**
     * The synthetic table and how it was made.
     *
     * @param table      the synthetic rows, the generator's columns in its order
     * @param accepted   rows kept
     * @param candidates rows decoded
     * @param prompts    generation prompts they came from (fewer than the candidates where rows shared prompts)
     * @param rejected   candidates turned away, by reason
     * @param seconds    wall-clock time
     * @param predictors the column sampled at the predictor temperature as the class label's strongest predictor (none
     *                   or one)
     */
    public record Result(Table table, int accepted, int candidates, int prompts, Map<String, Integer> rejected,
            double seconds, List<String> predictors) {
    }

    /**
     * Checks the options alone and, where {@code columns} (the generator's) are known, that conditions and the
     * balance column name one of them.
     *
     * @throws HarmonicInputException naming the option and the fix
     */
    public static void check(SynthesizeOptions options, long seed, List<String> columns) {
        SynthesisConfig config = options.config(1, seed);
        if (columns.isEmpty()) {
            return;
        }
        for (Condition c : config.conditions()) {
            if (!columns.contains(c.column())) {
                throw new HarmonicInputException("Condition '" + c.column() + "=" + c.value() + "' names a column the "
                        + "generator was not trained on; columns: " + String.join(", ", columns));
            }
        }
        if (config.balance() != null && !columns.contains(config.balance())) {
            throw new HarmonicInputException("Balance column '" + config.balance() + "' is not a generator column; "
                    + "columns: " + String.join(", ", columns));
        }
    }

    /**
     * Samples a synthetic table.
     *
     * @param generator the generator directory
     * @param device    {@code cpu} or {@code gpu}
     * @param real      the real training table, the generator's columns (its rows are the prompts' neighbourhoods,
     *                  and no synthetic row may copy one); the default row count is its row count
     * @throws HarmonicInputException naming a bad option, generator or table and the fix
     */
    public static Result synthesize(Path generator, String device, Table real, SynthesizeOptions options, long seed,
            Progress progress) {
        SynthesisConfig config = options.config(real.rowCount(), seed);
        Synthesizer.Result result = InBundle.call(() -> {
            try (Generator g = Generator.open(generator, device)) {
                return new Synthesizer().synthesize(g, real, config, progress);
            }
        });
        Synthesizer.Stats s = result.stats();
        return new Result(result.table(), s.accepted(), s.candidates(), s.prompts(), s.rejected(), s.seconds(),
                s.predictors());
    }
}
