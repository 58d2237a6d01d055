package org.harmonic.core.metrics.lm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.harmonic.core.util.Seeds;
import org.harmonic.core.generator.Generator;
import org.harmonic.core.knn.InstructionConfig;
import org.harmonic.core.knn.PromptTemplate;
import org.harmonic.core.knn.TaskType;
import org.harmonic.core.lm.ChatFormat;
import org.harmonic.core.lm.Perplexity;
import org.harmonic.core.table.ColumnProfile;
import org.harmonic.core.table.ColumnType;
import org.harmonic.core.table.PythonFormat;
import org.harmonic.core.table.Table;
import org.harmonic.core.table.TableProfile;
import org.harmonic.core.util.HarmonicInputException;
import org.harmonic.core.util.Progress;
import org.harmonic.core.util.PythonJson;
import org.harmonic.core.metrics.EvaluationConfig;
import org.harmonic.core.metrics.Json;
import org.harmonic.core.metrics.Metric;
import org.harmonic.core.metrics.MetricResult;
import org.harmonic.core.metrics.MetricTables;
import org.harmonic.core.metrics.Percentiles;
import org.harmonic.core.metrics.RowSample;

/**
 * DLT, the data-leakage test (method.md A.5, B 6.3): how much more likely the generator finds
 * its real training rows than its own synthetic rows,
 * <pre>
 *   DLT = mean_{x in real train} PPL_G(x) - mean_{x in synthetic} PPL_G(x)
 *   PPL_G(x) = exp( -(1/T) sum_j ln p_G(t_j | prefix, t_&lt;j) )      over the T tokens of x's answer text + EOS
 * </pre>
 * A strongly negative value means the generator finds real rows far more likely than what it
 * generates (memorisation); near 0 means no measurable leakage. The sign is not fixed by the
 * reference code; {@link #SIGN} records the reading method.md B 6.3 argues for.
 *
 * <p>Rendering (ours, unlike the reference's GReaT-style text, bug 20): each row is the answer
 * the generator was trained to write — the reference JSON ({@code RowSerializer}) with features in
 * the trained column order and the target last; synthetic cells are put in the column's canonical
 * text first ({@code 33.60} as {@code 33.6}). The prefix is the generator's own prompt with zero
 * example rows: {@code ChatFormat.wrapPrompt(header + "Generate one sample: ")}, where header is
 * the instruction header of the generator's settings. Zero examples makes the score a property of
 * the row alone (with neighbours in the prompt, real rows would be scored after their exact
 * training instruction, synthetic rows after prompts never seen). With per-instruction feature
 * permutation the generator also saw other orders; the base order is used here.
 *
 * <p>The reference variant ({@link Perplexity.Base#REFERENCE_BASE2}) takes 2^(mean nats) per row;
 * everything else stays the same, so per row {@code log2 PPL_ref = ln PPL}. Tables larger than
 * {@link Settings#maxRows()} are subsampled without replacement (seeded by the evaluation seed).
 */
public final class DataLeakageTest implements Metric {
    /** DLT = mean PPL(real training rows) - mean PPL(synthetic rows). */
    public static final String SIGN = "real_minus_synthetic";
    public static final String DEFINITION = "harmonic.dlt.answer_json.zero_shot_prompt";

    /**
     * @param base      exp (default) or the reference's base 2
     * @param maxRows   rows scored per table at most (seeded subsample); 0 = all
     * @param batchSize sequences per forward pass
     */
    public record Settings(Perplexity.Base base, int maxRows, int batchSize) {
        public Settings {
            if (maxRows < 0 || batchSize < 1) {
                throw new HarmonicInputException("DLT needs max rows >= 0 (0 = all) and batch size >= 1, got "
                        + maxRows + " and " + batchSize);
            }
        }

        public static Settings defaults() {
            return new Settings(Perplexity.Base.E, 1000, 16);
        }

        public Settings withBase(Perplexity.Base value) {
            return new Settings(value, maxRows, batchSize);
        }

        public Settings withMaxRows(int value) {
            return new Settings(base, value, batchSize);
        }
    }

    /** Per-row perplexities of one table, in scored-row order. */
    public record Scored(int rows, int[] rowIndexes, double[] perplexities, double meanTokens) {

        public double mean() {
            return Percentiles.mean(perplexities);
        }

        Map<String, Object> json() {
            double[] sorted = perplexities.clone();
            Arrays.sort(sorted);
            double mean = mean();
            double var = 0;
            for (double v : sorted) {
                var += (v - mean) * (v - mean);
            }
            return Json.map("mean", mean, "std", Math.sqrt(var / sorted.length), "min", sorted[0],
                    "p5", Percentiles.percentileOfSorted(sorted, 5), "p25", Percentiles.percentileOfSorted(sorted, 25),
                    "median", Percentiles.percentileOfSorted(sorted, 50),
                    "p75", Percentiles.percentileOfSorted(sorted, 75),
                    "p95", Percentiles.percentileOfSorted(sorted, 95), "max", sorted[sorted.length - 1],
                    "rows", rows, "rows_scored", perplexities.length, "mean_tokens", meanTokens);
        }
    }

    /** The DLT result with both means and their distributions. */
    public record Result(Scored real, Scored synthetic, Settings settings, long seed, String prefix,
            String generator) implements MetricResult {
        @Override
        public String id() {
            return "dlt";
        }

        @Override
        public Double value() {
            return realMean() - syntheticMean();
        }

        public double realMean() {
            return real.mean();
        }

        public double syntheticMean() {
            return synthetic.mean();
        }

        @Override
        public String definition() {
            return DEFINITION + (settings.base() == Perplexity.Base.E ? ".exp" : ".reference_base2");
        }

        @Override
        public Map<String, Object> parameters() {
            return Json.map("perplexity", settings.base() == Perplexity.Base.E ? "exp(mean token NLL)"
                    : "2^(mean token NLL in nats), the reference's ppl.py", "sign", SIGN,
                    "rendering", "the generator's answer JSON, trained column order, target last, plus EOS",
                    "prefix", prefix, "max_rows", settings.maxRows(), "seed", seed, "generator", generator);
        }

        @Override
        public Map<String, Object> details() {
            return Json.map("real_mean_perplexity", realMean(), "synthetic_mean_perplexity", syntheticMean(),
                    "real", real.json(), "synthetic", synthetic.json());
        }
    }

    private final Generator generator;
    private final Settings settings;

    public DataLeakageTest(Generator generator, Settings settings) {
        this.generator = generator;
        this.settings = settings;
    }

    public DataLeakageTest(Generator generator) {
        this(generator, Settings.defaults());
    }

    @Override
    public String id() {
        return "dlt";
    }

    @Override
    public double cost(Metric.Size size) {
        return costOf(size);
    }

    /** Scores every real and synthetic row with the generator: 8 s on German credit. */
    public static double costOf(Metric.Size size) {
        return 8 * size.germanCredits();
    }

    @Override
    public Result compute(MetricTables t, EvaluationConfig config, Progress progress) {
        TableProfile schema = generator.info().schema();
        if (!schema.target().equals(t.targetName())) {
            throw new HarmonicInputException("the generator in " + generator.directory() + " was trained with target '"
                    + schema.target() + "', but the evaluation's target is '" + t.targetName() + "'; use the same "
                    + "--target or the generator trained on these tables");
        }
        if (t.synthetic().rowCount() == 0) {
            throw new HarmonicInputException("the synthetic table is empty; DLT needs synthetic rows");
        }
        Table real = align(t.real(), schema, "real training");
        Table syn = align(t.synthetic(), schema, "synthetic");
        int[] order = trainedOrder(schema);
        int[] prefix = generator.tokenizer().encode(prefix());
        Scored r = score(real, order, prefix, RowSample.of(real.rowCount(), settings.maxRows(), config.seed()),
                progress.sub(0, 0.5));
        Scored s = score(syn, order, prefix, RowSample.of(syn.rowCount(), settings.maxRows(), Seeds.syntheticSample(config.seed())),
                progress.sub(0.5, 1));
        return new Result(r, s, settings, config.seed(), prefix(), generator.directory().toString());
    }

    /** The text before every scored row: the generator's prompt with no example rows, chat-wrapped. */
    public String prefix() {
        InstructionConfig ic = generator.info().instructions();
        TableProfile schema = generator.info().schema();
        TaskType task = ic.task() != null ? ic.task() : TaskType.BINARY_CLASSIFICATION;
        String header = new PromptTemplate(ic.description() != null ? ic.description() : "a table",
                schema.columns().size() - 1, schema.target(), task, ic.k()).header();
        return ChatFormat.wrapPrompt(header + PromptTemplate.GENERATE);
    }

    /** Per-row perplexities of the given rows of {@code table} (columns in the generator's schema order). */
    public Scored score(Table table, int[] order, int[] prefix, int[] rows, Progress progress) {
        TableProfile schema = generator.info().schema();
        int end = generator.endToken();
        if (end < 0) {
            throw new HarmonicInputException("the generator's tokenizer has no end-of-sequence token");
        }
        List<Perplexity.Span> spans = new ArrayList<>(rows.length);
        long tokens = 0;
        for (int row : rows) {
            int[] answer = generator.tokenizer().encode(answerText(table, schema, row, order));
            int[] span = Arrays.copyOf(answer, answer.length + 1);
            span[answer.length] = end;
            tokens += span.length;
            spans.add(new Perplexity.Span(prefix, span));
        }
        List<Perplexity.Score> scores = new Perplexity(generator.model(), settings.batchSize()).score(spans, progress);
        double[] ppl = new double[rows.length];
        for (int i = 0; i < ppl.length; i++) {
            ppl[i] = scores.get(i).perplexity(settings.base());
            if (!Double.isFinite(ppl[i])) {
                throw new IllegalStateException("the perplexity of row " + rows[i] + " is " + ppl[i]);
            }
        }
        return new Scored(table.rowCount(), rows, ppl, (double) tokens / rows.length);
    }

    /** Features in schema order, the target last: the order of every answer without permutation. */
    public static int[] trainedOrder(TableProfile schema) {
        int target = schema.indexOf(schema.target());
        int[] order = new int[schema.columns().size()];
        int next = 0;
        for (int c = 0; c < order.length; c++) {
            if (c != target) {
                order[next++] = c;
            }
        }
        order[next] = target;
        return order;
    }

    /** The answer JSON of a row (columns of {@code table} in schema order), cells in canonical text. */
    public static String answerText(Table table, TableProfile schema, int row, int[] order) {
        StringBuilder out = new StringBuilder(32 * order.length);
        out.append('{');
        for (int i = 0; i < order.length; i++) {
            if (i > 0) {
                out.append(", ");
            }
            int c = order[i];
            ColumnProfile p = schema.columns().get(c);
            PythonJson.quote(p.name(), out);
            out.append(": ");
            PythonJson.quote(p.canonical(table.column(c).isMissing(row) ? null : table.format(row, c)), out);
        }
        return out.append('}').toString();
    }

    /** The table's columns in the schema's order; the column sets must agree. */
    static Table align(Table table, TableProfile schema, String role) {
        List<String> missing = table.missing(schema.names());
        if (!missing.isEmpty()) {
            throw new HarmonicInputException("the " + role + " table lacks the generator's column(s) " + missing
                    + "; DLT needs the tables the generator was trained on and produced");
        }
        return table.select(schema.names());
    }

}
