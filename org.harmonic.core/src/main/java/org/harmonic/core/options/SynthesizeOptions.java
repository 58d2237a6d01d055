package org.harmonic.core.options;

import java.util.ArrayList;
import java.util.List;
import org.harmonic.core.lm.sampling.SamplingConfig;
import org.harmonic.core.options.OptionSpec.Front;
import org.harmonic.core.synth.Chunk;
import org.harmonic.core.synth.Condition;
import org.harmonic.core.synth.LabelShares;
import org.harmonic.core.synth.SynthesisConfig;
import org.harmonic.core.util.HarmonicInputException;

/**
 * The options of synthesizing (the Synthesizer node; {@code harmonic synthesize} and {@code run}) as
 * a user gives them, and the one place that turns them into a {@link SynthesisConfig}: how many rows
 * (by default as many as the real table has, or with a balance column enough to fill every class up
 * to the majority), the sampling, the label shares, the chunk of a split job.
 *
 * <p>A null field means "not given": the default of {@link #SPECS} applies. A front-end with a
 * stored "automatic" value (KNIME's 0 rows) passes null for it.
 *
 * @param front            which front-end filled the record, for naming options in messages
 * @param rows             rows to make; null = automatic
 * @param temperature      sampling temperature (0 = greedy); null = automatic (by the generator)
 * @param topK             keep the K most likely tokens (0 = all)
 * @param topP             nucleus mass
 * @param conditions       fixed values, {@code column=value} each
 * @param balance          column whose classes are balanced, null or blank for none
 * @param unique           also reject duplicates of earlier synthetic rows
 * @param rangeMargin      numbers may exceed the observed range by this share of it
 * @param labelShares      {@code real} or {@code model}
 * @param labelTemperature sampling temperature of a classification label; null = automatic (by the generator)
 * @param categoryTemperature sampling temperature of the other columns with few values
 * @param decimalTemperature sampling temperature of the number columns with fractions
 * @param predictorTemperature sampling temperature of the number column that predicts the class label best, where it
 *                         does strongly
 * @param guidance         how much more a row's numbers follow its own prompt than another (0 = off); null =
 *                         automatic (by the generator)
 * @param batch            sequences decoded together
 * @param rowsPerPrompt    candidates sampled from each generation prompt; null = automatic (by the real table's size)
 * @param chunk            this run's part of a split job
 */
public record SynthesizeOptions(Front front, Integer rows, Double temperature, Integer topK, Double topP,
        List<String> conditions, String balance, Boolean unique, Double rangeMargin, String labelShares,
        Double labelTemperature, Double categoryTemperature, Double decimalTemperature, Double predictorTemperature,
        Double guidance, Integer batch, Integer rowsPerPrompt, Chunk chunk) {

    /**
     * The same with the chunk given as its index and count, so that a front-end in another bundle need not name the
     * engine's {@link Chunk}.
     */
    public SynthesizeOptions(Front front, Integer rows, Double temperature, Integer topK, Double topP,
            List<String> conditions, String balance, Boolean unique, Double rangeMargin, String labelShares,
            Double labelTemperature, Double categoryTemperature, Double decimalTemperature,
            Double predictorTemperature, Double guidance, Integer batch, Integer rowsPerPrompt, int chunkIndex,
            int chunkCount) {
        this(front, rows, temperature, topK, topP, conditions, balance, unique, rangeMargin, labelShares,
                labelTemperature, categoryTemperature, decimalTemperature, predictorTemperature, guidance, batch,
                rowsPerPrompt, new Chunk(chunkIndex, chunkCount));
    }

    /** Upper bound of rows per run; larger tables come from split jobs (chunks). */
    public static final int MAX_ROWS = 10_000_000;
    /** Most parts a job may be split into (KNIME's Parallel Chunk loop, Hub executors). */
    public static final int MAX_CHUNKS = 100_000;

    public static final OptionSpec ROWS = OptionSpec.automaticOrValue("--rows", "rows", 0, 0, MAX_ROWS);
    // automatic: SamplingConfig.DEFAULT_TEMPERATURE, or SynthesisConfig.PRIVATE_TEMPERATURE for a generator trained
    // with DP (the Synthesizer knows which); 0 is a value of its own (greedy), so KNIME stores -1 for "automatic"
    public static final OptionSpec TEMPERATURE = OptionSpec.automatic("--temperature", "temperature", -1.0, -1.0,
            100.0);
    public static final OptionSpec TOP_K = OptionSpec.of("--top-k", "top_k", SamplingConfig.DEFAULT_TOP_K, 0,
            Integer.MAX_VALUE);
    public static final OptionSpec TOP_P = OptionSpec.of("--top-p", "top_p", SamplingConfig.DEFAULT_TOP_P, 1e-6, 1.0);
    public static final OptionSpec CONDITIONS = OptionSpec.of("--condition", "conditions", "", null, null);
    public static final OptionSpec BALANCE = OptionSpec.of("--balance", "balance", "", null, null);
    public static final OptionSpec UNIQUE = OptionSpec.of("--unique", "unique", false, null, null);
    /** Command line only: the node keeps numbers within the observed range. */
    public static final OptionSpec RANGE_MARGIN = OptionSpec.of("--range-margin", null, 0.0, 0.0, 1e6);
    public static final OptionSpec LABEL_SHARES = OptionSpec.of("--label-shares", "label_shares",
            SynthesisConfig.DEFAULT_LABEL_SHARES.optionValue(), null, null);
    // automatic: SynthesisConfig.DEFAULT_LABEL_TEMPERATURE, or PRIVATE_LABEL_TEMPERATURE for a generator trained
    // with DP (the Synthesizer knows which); 0 is a value of its own (greedy), so KNIME stores -1 for "automatic"
    public static final OptionSpec LABEL_TEMPERATURE = OptionSpec.automatic("--label-temperature",
            "label_temperature", -1.0, -1.0, 100.0);
    public static final OptionSpec CATEGORY_TEMPERATURE = OptionSpec.of("--category-temperature",
            "category_temperature", SynthesisConfig.DEFAULT_CATEGORY_TEMPERATURE, 0.0, 100.0);
    public static final OptionSpec DECIMAL_TEMPERATURE = OptionSpec.of("--decimal-temperature",
            "decimal_temperature", SynthesisConfig.DEFAULT_DECIMAL_TEMPERATURE, 0.0, 100.0);
    public static final OptionSpec PREDICTOR_TEMPERATURE = OptionSpec.of("--predictor-temperature",
            "predictor_temperature", SynthesisConfig.DEFAULT_PREDICTOR_TEMPERATURE, 0.0, 100.0);
    // automatic: SynthesisConfig.DEFAULT_GUIDANCE, or PRIVATE_GUIDANCE for a generator trained with DP (the
    // Synthesizer knows which); 0 is a value of its own (off), so KNIME stores -1 for "automatic"
    public static final OptionSpec GUIDANCE = OptionSpec.automatic("--guidance", "guidance", -1.0, -1.0, 10.0);
    public static final OptionSpec BATCH = OptionSpec.of("--sample-batch", "batch_size",
            SynthesisConfig.DEFAULT_BATCH_SIZE, 1, 4096);
    // automatic: one row per prompt below SynthesisConfig.SHARED_PROMPTS_FROM_ROWS real rows, SHARED_PROMPT_ROWS from
    // there (the Synthesizer knows the table); KNIME stores 0 for "automatic"
    public static final OptionSpec ROWS_PER_PROMPT = OptionSpec.automatic("--rows-per-prompt", "rows_per_prompt", 0, 0,
            SynthesisConfig.MAX_ROWS_PER_PROMPT);
    /** The command line names a part as {@code I/N}; the node has one setting for each number. */
    public static final OptionSpec CHUNK = OptionSpec.of("--chunk", null, "0/1", null, null);
    public static final OptionSpec CHUNK_INDEX = OptionSpec.of(null, "chunk_index", Chunk.WHOLE.index(), 0,
            MAX_CHUNKS - 1);
    public static final OptionSpec CHUNK_COUNT = OptionSpec.of(null, "chunk_count", Chunk.WHOLE.count(), 1,
            MAX_CHUNKS);

    /** Every synthesizing option; a null name marks an option of one front-end only. */
    public static final List<OptionSpec> SPECS = List.of(ROWS, TEMPERATURE, TOP_K, TOP_P, CONDITIONS, BALANCE,
            UNIQUE, RANGE_MARGIN, LABEL_SHARES, LABEL_TEMPERATURE, CATEGORY_TEMPERATURE, DECIMAL_TEMPERATURE,
            PREDICTOR_TEMPERATURE, GUIDANCE, BATCH, ROWS_PER_PROMPT, CHUNK, CHUNK_INDEX, CHUNK_COUNT);

    public static final List<String> LABEL_SHARE_VALUES = List.of(LabelShares.REAL.optionValue(),
            LabelShares.MODEL.optionValue());

    /** Nothing given: every default (as many rows as the real table). */
    public static SynthesizeOptions defaults() {
        return new SynthesizeOptions(Front.CLI, null, null, null, null, List.of(), null, null, null, null, null, null,
                null, null, null, null, null, null);
    }

    /** The rows per prompt, checked; {@link SynthesisConfig#AUTOMATIC_ROWS_PER_PROMPT} where not given. */
    private int checkedRowsPerPrompt() {
        ROWS_PER_PROMPT.checkBounds(front, rowsPerPrompt);
        return rowsPerPrompt == null ? SynthesisConfig.AUTOMATIC_ROWS_PER_PROMPT : rowsPerPrompt;
    }

    /** The balanced column, or null for none. */
    public String balanceColumn() {
        return balance == null || balance.isBlank() ? null : balance.trim();
    }

    /**
     * The rows to make from a real table of {@code tableRows} rows: the given number, else with a
     * balance column 0 ("fill every class up to the majority"), else as many as the table has.
     */
    public int rowsFor(int tableRows) {
        return rows != null ? rows : balanceColumn() != null ? 0 : tableRows;
    }

    /**
     * The synthesis settings for a real table of {@code tableRows} rows (1 when it is not known
     * yet, to check the options alone).
     */
    public SynthesisConfig config(int tableRows, long seed) {
        ROWS.checkBounds(front, rows);
        List<Condition> parsed = new ArrayList<>();
        for (String c : conditions == null ? List.<String>of() : conditions) {
            if (c.isBlank()) {
                continue;
            }
            try {
                parsed.add(Condition.parse(c.trim()));
            } catch (HarmonicInputException e) {
                throw new HarmonicInputException(CONDITIONS.name(front) + ": " + e.getMessage(), e);
            }
        }
        int n = rowsFor(tableRows);
        if (n == 0 && balanceColumn() == null) {
            throw new HarmonicInputException(ROWS.name(front) + " is 0: give the number of rows to make, or a column "
                    + "to balance (" + BALANCE.name(front) + "; then 0 fills every class up to the majority's count)");
        }
        String shares = LABEL_SHARES.choose(front, labelShares, LABEL_SHARE_VALUES);
        // the canonical constructor: with a balance column, 0 rows is valid ("fill up"), which of() rejects
        return new SynthesisConfig(n, seed,
                // not given: NaN, SamplingConfig.AUTOMATIC_TEMPERATURE, SynthesisConfig.AUTOMATIC_LABEL_TEMPERATURE
                // and AUTOMATIC_GUIDANCE
                new SamplingConfig(TEMPERATURE.numberOrAutomatic(front, temperature), TOP_K.whole(front, topK),
                        TOP_P.number(front, topP), SamplingConfig.DEFAULT_MAX_NEW_TOKENS),
                RANGE_MARGIN.number(front, rangeMargin), Boolean.TRUE.equals(unique), parsed, balanceColumn(),
                BATCH.whole(front, batch), SynthesisConfig.MIN_ACCEPTANCE, LabelShares.parse(shares),
                LABEL_TEMPERATURE.numberOrAutomatic(front, labelTemperature),
                CATEGORY_TEMPERATURE.number(front, categoryTemperature),
                DECIMAL_TEMPERATURE.number(front, decimalTemperature),
                PREDICTOR_TEMPERATURE.number(front, predictorTemperature), GUIDANCE.numberOrAutomatic(front, guidance),
                checkedRowsPerPrompt(), chunk == null ? Chunk.WHOLE : chunk);
    }
}
