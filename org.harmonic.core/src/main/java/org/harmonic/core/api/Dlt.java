package org.harmonic.core.api;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.harmonic.core.generator.Generator;
import org.harmonic.core.metrics.EvaluationConfig;
import org.harmonic.core.metrics.evaluation.Evaluation;
import org.harmonic.core.metrics.lm.DataLeakageTest;
import org.harmonic.core.options.EvaluateOptions;
import org.harmonic.core.table.Column;
import org.harmonic.core.table.Table;
import org.harmonic.core.util.HarmonicInputException;
import org.harmonic.core.util.Progress;

/**
 * The data leakage test (method.md A.4, DLT): the generator's mean perplexity on the real training rows minus its
 * mean perplexity on the synthetic rows.
 */
public final class Dlt {

    /** How to read the sign: real minus synthetic. */
    public static final String SIGN = DataLeakageTest.SIGN;

    private Dlt() {
    }

    /**
     * The mean perplexity of one set of rows.
     *
     * @param rows       rows in the table
     * @param scored     rows scored (a sample of at most the maximum)
     * @param meanTokens mean answer tokens per scored row
     */
    public record Perplexity(double mean, int rows, int scored, double meanTokens) {
    }

    /**
     * @param value      DLT = real - synthetic mean perplexity
     * @param definition the exact definition computed
     */
    public record Result(double value, Perplexity real, Perplexity synthetic, String definition) {
    }

    /**
     * Checks the options without tables.
     *
     * @throws HarmonicInputException naming the option and the fix
     */
    public static void check(EvaluateOptions options) {
        options.dlt();
        options.deviceValue();
    }

    /**
     * Scores the generator's columns of both tables (other columns are ignored).
     *
     * @param generator the generator directory
     * @throws HarmonicInputException when a table lacks one of the generator's columns, naming it
     */
    public static Result evaluate(Path generator, Table real, Table synthetic, EvaluateOptions options,
            Progress progress) {
        DataLeakageTest.Settings settings = options.dlt();
        DataLeakageTest.Result result = InBundle.call(() -> {
            try (Generator g = Generator.open(generator, options.deviceValue())) {
                List<String> columns = g.info().schema().names();
                Table r = select(real, columns, "real training");
                Table s = select(synthetic, columns, "synthetic");
                EvaluationConfig config = EvaluationConfig.defaults().withSeed(options.seedValue())
                        .withMetrics(List.of("dlt")).withExtraMetric(new DataLeakageTest(g, settings));
                return Evaluation.evaluate(r, s, null, g.info().schema().target(), config, progress)
                        .get("dlt", DataLeakageTest.Result.class)
                        .orElseThrow(() -> new IllegalStateException("the evaluation returned no DLT result"));
            }
        });
        return of(result);
    }

    /** The API's view of the engine's result. */
    static Result of(DataLeakageTest.Result result) {
        return new Result(result.value(), perplexity(result.real()), perplexity(result.synthetic()),
                result.definition());
    }

    private static Perplexity perplexity(DataLeakageTest.Scored s) {
        return new Perplexity(s.mean(), s.rows(), s.perplexities().length, s.meanTokens());
    }

    /**
     * Fails unless a table has every one of the generator's columns, naming the first one missing (and the others);
     * other columns are allowed: DLT scores the generator's columns only. For a front-end's check before any table is
     * read (KNIME's configure) as for {@link #evaluate}.
     *
     * @param generatorColumns the generator's columns; none (not known yet) passes
     * @param tableColumns     the table's columns
     * @param which            the table as the message names it, e.g. "real training"
     * @throws HarmonicInputException naming the missing column and the fix
     */
    public static void requireColumns(List<String> generatorColumns, List<String> tableColumns, String which) {
        List<String> missing = generatorColumns.stream().filter(n -> !tableColumns.contains(n)).toList();
        if (!missing.isEmpty()) {
            throw new HarmonicInputException("The " + which + " table has no column '" + missing.get(0) + "'"
                    + (missing.size() > 1 ? " (nor " + String.join(", ", missing.subList(1, missing.size())) + ")" : "")
                    + ", which the generator was trained on; connect the " + which + " table of this generator (its "
                    + "columns: " + String.join(", ", generatorColumns) + ").");
        }
    }

    /** {@code table}'s columns named {@code names}, in that order. */
    private static Table select(Table table, List<String> names, String which) {
        requireColumns(names, table.schema().names(), which);
        List<Column> columns = new ArrayList<>();
        for (String name : names) {
            columns.add(table.column(table.schema().indexOf(name)));
        }
        return new Table(columns);
    }
}
