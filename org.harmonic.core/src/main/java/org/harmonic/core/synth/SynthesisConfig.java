package org.harmonic.core.synth;

import java.util.List;

import org.harmonic.core.lm.sampling.SamplingConfig;
import org.harmonic.core.util.HarmonicInputException;

/**
 * What the Synthesizer should produce.
 *
 * @param rows            rows to return (exactly); with {@code balance}, 0 means "fill each class up to the
 *                        majority count"
 * @param seed            seed of prompts and sampling: the same seed gives the same table
 * @param sampling        temperature, top-k, top-p; the temperature {@link SamplingConfig#AUTOMATIC_TEMPERATURE}
 *                        (NaN): the generator's ({@link #temperatureFor})
 * @param rangeMargin     allowed excess beyond a numeric column's observed range, as a fraction of it
 * @param unique          also reject rows equal to an earlier synthetic row
 * @param conditions      fixed column values for every row
 * @param balance         column whose classes are oversampled up to the majority count, or null
 * @param batchSize       sequences decoded together
 * @param minAcceptance   stop with an error when, after a few batches, fewer candidates than this
 *                        fraction are accepted
 * @param labelShares     whose label class shares the table follows (classification generators without
 *                        conditions or a balance column; otherwise those decide the classes)
 * @param labelTemperature the sampling temperature of a classification label's value (the other columns use
 *                        {@code sampling}'s); {@link #AUTOMATIC_LABEL_TEMPERATURE} (NaN): the generator's
 *                        ({@link #labelTemperatureFor})
 * @param categoryTemperature the sampling temperature of the other columns with few values
 *                        ({@link org.harmonic.core.table.ColumnProfile#fewValues()})
 * @param decimalTemperature the sampling temperature of the number columns with fractions
 *                        ({@link org.harmonic.core.table.ColumnProfile#hasFractions()}; never the target)
 * @param predictorTemperature the sampling temperature of the number column that on its own predicts the class
 *                        label best, where it does strongly ({@link LabelPredictors}; before {@code decimalTemperature})
 * @param guidance        how much more each row follows its own prompt's neighbourhood than another one's
 *                        ({@link org.harmonic.core.lm.sampling.BatchSampler}: logits + guidance x (logits - logits
 *                        under another prompt)); 0 = off; {@link #AUTOMATIC_GUIDANCE} (NaN): the generator's
 *                        ({@link #guidanceFor})
 * @param rowsPerPrompt   candidates sampled from each generation prompt (each from its own seed);
 *                        {@link #AUTOMATIC_ROWS_PER_PROMPT} (0): by the real table's size ({@link #rowsPerPromptFor})
 * @param chunk           the part of the job this run makes ({@link Chunk#WHOLE}: all of it)
 */
public record SynthesisConfig(int rows, long seed, SamplingConfig sampling, double rangeMargin, boolean unique,
        List<Condition> conditions, String balance, int batchSize, double minAcceptance, LabelShares labelShares,
        double labelTemperature, double categoryTemperature, double decimalTemperature,
        double predictorTemperature, double guidance, int rowsPerPrompt, Chunk chunk) {

    public SynthesisConfig {
        conditions = List.copyOf(conditions);
        if (chunk == null) {
            throw new HarmonicInputException("no chunk given; use Chunk.WHOLE for the whole job");
        }
        if (labelShares == null) {
            throw new HarmonicInputException("no label shares given; use " + LabelShares.REAL.optionValue() + " or "
                    + LabelShares.MODEL.optionValue());
        }
        if (rows < 0 || (rows == 0 && balance == null)) {
            throw new HarmonicInputException("the number of rows must be positive, got " + rows);
        }
        if (!(rangeMargin >= 0)) {
            throw new HarmonicInputException("the range margin must be >= 0, got " + rangeMargin);
        }
        if (!(labelTemperature >= 0 || Double.isNaN(labelTemperature)) || Double.isInfinite(labelTemperature)) {
            throw new HarmonicInputException("the label temperature must be >= 0, got " + labelTemperature);
        }
        if (!(categoryTemperature >= 0) || Double.isInfinite(categoryTemperature)) {
            throw new HarmonicInputException("the category temperature must be >= 0, got " + categoryTemperature);
        }
        if (!(decimalTemperature >= 0) || Double.isInfinite(decimalTemperature)) {
            throw new HarmonicInputException("the decimal temperature must be >= 0, got " + decimalTemperature);
        }
        if (!(predictorTemperature >= 0) || Double.isInfinite(predictorTemperature)) {
            throw new HarmonicInputException("the predictor temperature must be >= 0, got " + predictorTemperature);
        }
        if (batchSize < 1) {
            throw new HarmonicInputException("the batch size must be positive, got " + batchSize);
        }
        if (!(guidance >= 0 || Double.isNaN(guidance)) || Double.isInfinite(guidance)) {
            throw new HarmonicInputException("the guidance must be >= 0 (0 = off), got " + guidance);
        }
        if (rowsPerPrompt < 0 || rowsPerPrompt > MAX_ROWS_PER_PROMPT) {
            throw new HarmonicInputException("the rows per prompt must be 1 to " + MAX_ROWS_PER_PROMPT
                    + " (0 = automatic), got " + rowsPerPrompt);
        }
    }

    /** The rows per prompt "not given": {@link #rowsPerPromptFor} chooses them by the real table's size. */
    public static final int AUTOMATIC_ROWS_PER_PROMPT = 0;

    /**
     * Candidates sampled from each generation prompt of a large table, each from its own seed. The sampler
     * prefills a prompt once ({@link org.harmonic.core.lm.sampling.BatchSampler}), and the prompt is most of a
     * sequence's tokens (German credit: about 245 prompt tokens for 28 decoding steps), so prompts shared by
     * several rows sample faster: 4 rows per prompt sampled 2.5x faster (docs/quality.md section 9). Measured there:
     * German credit, 8 tables each way, mean MLE ratio 1.10 with one row per prompt and 1.08 with four; Diabetes,
     * 4 tables each way, MCC 0.498 / 0.495 with one and 0.478 / 0.468 with four (two generators): on tables of a
     * few hundred rows four rows per prompt cover too few neighbourhoods, and sampling such a table takes seconds
     * anyway; two rows per prompt (section 20, 20 tables each) cost column shapes and pair trends 0.002-0.004 on
     * both tables. So tables below {@link #SHARED_PROMPTS_FROM_ROWS} real rows get one row per prompt; larger
     * ones, whose sampling time dominates a run (45k rows: about 30 minutes with one, 12 with four), get four.
     * Their quality at four has not been measured.
     */
    public static final int SHARED_PROMPT_ROWS = 4;

    /** Real rows from which the automatic rows per prompt are {@link #SHARED_PROMPT_ROWS}. */
    public static final int SHARED_PROMPTS_FROM_ROWS = 2_000;

    /**
     * Most rows per prompt: the sampler prefills each distinct prompt of a sub-batch of
     * {@link org.harmonic.core.lm.sampling.BatchSampler#SUB_BATCH} once, so more rows than that cannot share one.
     */
    public static final int MAX_ROWS_PER_PROMPT = org.harmonic.core.lm.sampling.BatchSampler.SUB_BATCH;

    /** The rows per prompt to sample with from a real table of {@code realRows} rows. */
    public int rowsPerPromptFor(int realRows) {
        if (rowsPerPrompt != AUTOMATIC_ROWS_PER_PROMPT) {
            return rowsPerPrompt;
        }
        return realRows >= SHARED_PROMPTS_FROM_ROWS ? SHARED_PROMPT_ROWS : 1;
    }

    /** Default {@code minAcceptance}: below 2 % accepted the generator is not worth sampling from. */
    public static final double MIN_ACCEPTANCE = 0.02;

    /**
     * Default label shares, for every front-end: the real table's. Measured (docs/quality.md): German
     * credit seed 416 sampled 23 % bad-credit rows (real 29 %); with the real shares MLE MCC rose from
     * 0.282 to 0.311 (real table 0.227).
     */
    public static final LabelShares DEFAULT_LABEL_SHARES = LabelShares.REAL;

    /**
     * Default temperature of a classification label's value, for every front-end, of a generator trained without
     * differential privacy ({@link #PRIVATE_LABEL_TEMPERATURE} with it). Below 1 the label
     * follows the other columns more decisively (p(y | row) sharpened to p^(1/t), the class shares
     * still kept by {@link #DEFAULT_LABEL_SHARES}); measured on German credit (docs/quality.md):
     * MLE MCC 0.244 -> 0.301 at 0.5 (seed 416; real table 0.227) with CS and column pair trends unchanged.
     */
    public static final double DEFAULT_LABEL_TEMPERATURE = 0.5;

    /**
     * Default label temperature of a generator trained with differential privacy. DP-SGD's noise leaves such a
     * generator unsure of the label where the plain one is sure of it, and sharpening it further pays: German
     * credit at epsilon 8, three generators, 13 tables re-sampled with the same seeds (docs/quality.md section 25):
     * MLE ratio +0.08 at 0.25 against 0.5, CS level. (The plain generators lose 0.02 at 0.3: section 19.)
     */
    public static final double PRIVATE_LABEL_TEMPERATURE = 0.25;

    /**
     * Default sampling temperature of a generator trained with differential privacy (the values of the columns that
     * neither the label nor the category temperature governs: the numbers); other generators sample at
     * {@link SamplingConfig#DEFAULT_TEMPERATURE}. DP-SGD's noise leaves such a generator's rows wider than the real
     * rows around their neighbourhood (Diabetes at epsilon 8: glucose's standard deviation 32-40 by class against
     * 28-32), which blurs the classes; 0.7 draws them back. Measured on five Diabetes generators at epsilon 8, 35 tables
     * re-sampled with the same seeds at 1.0 and 0.7 (docs/quality.md section 28): MLE ratio +0.065 +- 0.019
     * (24 of 35 higher), CS +0.007, higher on every generator; German credit level (-0.03 +- 0.05 over ten tables of
     * one generator).
     */
    public static final double PRIVATE_TEMPERATURE = 0.7;

    /**
     * Default guidance of a generator trained with differential privacy ({@link #guidance}); other generators sample
     * without it ({@link #DEFAULT_GUIDANCE}). DP-SGD's noise leaves such a generator leaning on what every row of
     * the table has in common rather than on the rows its prompt shows; guidance weighs the prompt's own
     * neighbourhood up against another prompt's, which a lower temperature cannot do (that sharpens towards the
     * table's common values too: Diabetes' column shapes -0.03 at 0.7). It acts on the numbers, as the temperature
     * does. Measured at epsilon 8 with the private temperatures, tables re-sampled with the same seeds with and
     * without it (docs/quality.md section 29): Diabetes, three generators, 25 tables: MLE ratio +0.038 +- 0.021
     * (15 higher), column shapes +0.015 (25 higher), pair trends +0.013, CS +0.008; German credit, two generators,
     * 20 tables: MLE ratio -0.014 +- 0.039 (10 higher), shapes +0.002, pair trends +0.003. Guiding the label and the
     * columns with few values too cost German 0.05, and so did 1.0 on the numbers (-0.05 over 16 tables, while
     * Diabetes gained 0.04 more). Sampling takes about 1.2 times as long.
     */
    public static final double PRIVATE_GUIDANCE = 0.5;

    /**
     * Default guidance of a generator trained without differential privacy: off. On four plain Diabetes generators
     * (20 tables, docs/quality.md sections 29 and 30) 0.5 on the numbers gave MLE ratio +0.023 +- 0.015 and cost column
     * shapes 0.006 and CS 0.0045 (0.25: +0.010, shapes -0.003); a plain generator already follows its prompt.
     */
    public static final double DEFAULT_GUIDANCE = 0.0;

    /** The guidance "not given": {@link #guidanceFor} chooses it by the generator. */
    public static final double AUTOMATIC_GUIDANCE = Double.NaN;

    /** The label temperature "not given": {@link #labelTemperatureFor} chooses it by the generator. */
    public static final double AUTOMATIC_LABEL_TEMPERATURE = Double.NaN;

    /**
     * Default temperature of the values of columns with few values other than the label, for every
     * front-end. A generator trained on its neighbourhoods is too sure of such columns: it samples their
     * majority values more often than the real table has them (German credit, "Number of existing
     * credits" 1: 66.6 % against 61.7 %). 1.2 flattens them back; measured on German credit
     * (docs/quality.md section 17, 27 tables of the same generators and sampling seeds at 1.0 and 1.2):
     * column shapes +0.0025 (23 of 27 higher), pair trends +0.004, CS +0.002, MLE ratio level (+0.02 +- 0.02);
     * 1.4 overshoots.
     */
    public static final double DEFAULT_CATEGORY_TEMPERATURE = 1.2;

    /**
     * Default temperature of the values of number columns with fractions (Diabetes' BMI {@code 33.6} and pedigree
     * {@code 0.627}; not whole numbers, not the target), for every front-end. Written digit by digit, such values come
     * out with their classes less apart than in the real table (Diabetes: BMI's difference between the classes' means
     * 4.1 against 5.1, the pedigree's 0.09 against 0.12, each class's spread alike), so classifiers learn less from
     * them; 0.7 draws each row's value towards what its neighbourhood makes likely. Measured on eight Diabetes
     * generators, 39 tables re-sampled with the same seeds at 1.0 and 0.7 (docs/quality.md section 43): MLE ratio
     * +0.017 +- 0.009, column shapes -0.002, pair trends -0.002, CS -0.001; 0.5 gained no more and cost twice the
     * fidelity, 0.7 on every number column gained +0.032 for column shapes -0.009 and pair trends -0.018. German
     * credit and bank marketing have no such column: their tables are unchanged. Only the columns with fractions that
     * predict a class label at least a little keep it ({@link LabelPredictors#keepsDecimal}; section 44: on red wine,
     * whose eleven columns all have fractions, the four from |AUC - 0.5| 0.1 up instead of all eleven: +0.019 +- 0.004
     * over nine tables, pair trends +0.008, column shapes +0.006; Diabetes' pedigree, 0.0999, returns to 1, level).
     */
    public static final double DEFAULT_DECIMAL_TEMPERATURE = 0.7;

    /**
     * Default temperature of the values of the number column that on its own ranks the class label's classes best,
     * where it does so at an AUC of 0.75 or more ({@link LabelPredictors}; Diabetes' Glucose, 0.78; one column at
     * most, docs/quality.md section 45), for every front-end. Sharpening a column pays where the label's signal is
     * (docs/quality.md section 44): on eight Diabetes generators re-sampled with the same seeds, Glucose at 0.7 lifted
     * the MLE ratio by 0.023 +- 0.008 over 39 tables (higher on all eight) for pair trends -0.004, column shapes
     * -0.001, where every whole-number column at 0.7 gained as much for pair trends -0.012; Age (AUC 0.69) gained
     * 0.008, Insulin (0.54) nothing. Bank marketing's call duration (0.82): +0.065 +- 0.029 over six tables. German
     * credit has no such column (its duration, 0.64, gained nothing beyond noise and cost fidelity), so its tables are
     * unchanged.
     */
    public static final double DEFAULT_PREDICTOR_TEMPERATURE = 0.7;

    /** Default sequences decoded together, for every front-end. */
    public static final int DEFAULT_BATCH_SIZE = 32;

    public static SynthesisConfig of(int rows, long seed) {
        return new SynthesisConfig(rows, seed, SamplingConfig.automatic(), 0.0, false, List.of(), null,
                DEFAULT_BATCH_SIZE, MIN_ACCEPTANCE, DEFAULT_LABEL_SHARES, AUTOMATIC_LABEL_TEMPERATURE,
                DEFAULT_CATEGORY_TEMPERATURE, DEFAULT_DECIMAL_TEMPERATURE, DEFAULT_PREDICTOR_TEMPERATURE,
                AUTOMATIC_GUIDANCE, AUTOMATIC_ROWS_PER_PROMPT, Chunk.WHOLE);
    }

    /**
     * The label temperature to sample with: the one given, else {@link #PRIVATE_LABEL_TEMPERATURE} for a
     * generator trained with differential privacy and {@link #DEFAULT_LABEL_TEMPERATURE} for any other.
     */
    public double labelTemperatureFor(boolean privateGenerator) {
        return givenOrByGenerator(labelTemperature, privateGenerator, PRIVATE_LABEL_TEMPERATURE,
                DEFAULT_LABEL_TEMPERATURE);
    }

    /**
     * The sampling temperature to sample with: the one given, else {@link #PRIVATE_TEMPERATURE} for a generator
     * trained with differential privacy and {@link SamplingConfig#DEFAULT_TEMPERATURE} for any other.
     */
    public double temperatureFor(boolean privateGenerator) {
        return givenOrByGenerator(sampling.temperature(), privateGenerator, PRIVATE_TEMPERATURE,
                SamplingConfig.DEFAULT_TEMPERATURE);
    }

    /**
     * The guidance to sample with: the one given, else {@link #PRIVATE_GUIDANCE} for a generator trained with
     * differential privacy and {@link #DEFAULT_GUIDANCE} for any other.
     */
    public double guidanceFor(boolean privateGenerator) {
        return givenOrByGenerator(guidance, privateGenerator, PRIVATE_GUIDANCE, DEFAULT_GUIDANCE);
    }

    /** The one rule of every automatic sampling value: the value given (not NaN), else the generator kind's. */
    private static double givenOrByGenerator(double given, boolean privateGenerator, double privateValue,
            double plainValue) {
        return !Double.isNaN(given) ? given : privateGenerator ? privateValue : plainValue;
    }

    public SynthesisConfig withSampling(SamplingConfig value) {
        return toBuilder().sampling(value).build();
    }

    public SynthesisConfig withConditions(List<Condition> value) {
        return toBuilder().conditions(value).build();
    }

    public SynthesisConfig withBalance(String value) {
        return toBuilder().balance(value).build();
    }

    public SynthesisConfig withUnique(boolean value) {
        return toBuilder().unique(value).build();
    }

    public SynthesisConfig withRangeMargin(double value) {
        return toBuilder().rangeMargin(value).build();
    }

    public SynthesisConfig withBatchSize(int value) {
        return toBuilder().batchSize(value).build();
    }

    public SynthesisConfig withLabelShares(LabelShares value) {
        return toBuilder().labelShares(value).build();
    }

    public SynthesisConfig withLabelTemperature(double value) {
        return toBuilder().labelTemperature(value).build();
    }

    public SynthesisConfig withCategoryTemperature(double value) {
        return toBuilder().categoryTemperature(value).build();
    }

    public SynthesisConfig withDecimalTemperature(double value) {
        return toBuilder().decimalTemperature(value).build();
    }

    public SynthesisConfig withPredictorTemperature(double value) {
        return toBuilder().predictorTemperature(value).build();
    }

    public SynthesisConfig withGuidance(double value) {
        return toBuilder().guidance(value).build();
    }

    public SynthesisConfig withRowsPerPrompt(int value) {
        return toBuilder().rowsPerPrompt(value).build();
    }

    public SynthesisConfig withChunk(Chunk value) {
        return toBuilder().chunk(value).build();
    }

    /** A copy to change: every field starts as this config's. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * Changes some fields of a config; {@link #build()} validates the result as the constructor does.
     * The one place besides the constructor that lists every field, so adding one touches two places.
     */
    public static final class Builder {
        private int rows;
        private long seed;
        private SamplingConfig sampling;
        private double rangeMargin;
        private boolean unique;
        private List<Condition> conditions;
        private String balance;
        private int batchSize;
        private double minAcceptance;
        private LabelShares labelShares;
        private double labelTemperature;
        private double categoryTemperature;
        private double decimalTemperature;
        private double predictorTemperature;
        private double guidance;
        private int rowsPerPrompt;
        private Chunk chunk;

        private Builder(SynthesisConfig c) {
            rows = c.rows;
            seed = c.seed;
            sampling = c.sampling;
            rangeMargin = c.rangeMargin;
            unique = c.unique;
            conditions = c.conditions;
            balance = c.balance;
            batchSize = c.batchSize;
            minAcceptance = c.minAcceptance;
            labelShares = c.labelShares;
            labelTemperature = c.labelTemperature;
            categoryTemperature = c.categoryTemperature;
            decimalTemperature = c.decimalTemperature;
            predictorTemperature = c.predictorTemperature;
            guidance = c.guidance;
            rowsPerPrompt = c.rowsPerPrompt;
            chunk = c.chunk;
        }

        public Builder rows(int value) {
            rows = value;
            return this;
        }

        public Builder seed(long value) {
            seed = value;
            return this;
        }

        public Builder sampling(SamplingConfig value) {
            sampling = value;
            return this;
        }

        public Builder rangeMargin(double value) {
            rangeMargin = value;
            return this;
        }

        public Builder unique(boolean value) {
            unique = value;
            return this;
        }

        public Builder conditions(List<Condition> value) {
            conditions = value;
            return this;
        }

        public Builder balance(String value) {
            balance = value;
            return this;
        }

        public Builder batchSize(int value) {
            batchSize = value;
            return this;
        }

        public Builder minAcceptance(double value) {
            minAcceptance = value;
            return this;
        }

        public Builder labelShares(LabelShares value) {
            labelShares = value;
            return this;
        }

        public Builder labelTemperature(double value) {
            labelTemperature = value;
            return this;
        }

        public Builder categoryTemperature(double value) {
            categoryTemperature = value;
            return this;
        }

        public Builder decimalTemperature(double value) {
            decimalTemperature = value;
            return this;
        }

        public Builder predictorTemperature(double value) {
            predictorTemperature = value;
            return this;
        }

        public Builder guidance(double value) {
            guidance = value;
            return this;
        }

        public Builder rowsPerPrompt(int value) {
            rowsPerPrompt = value;
            return this;
        }

        public Builder chunk(Chunk value) {
            chunk = value;
            return this;
        }

        public SynthesisConfig build() {
            return new SynthesisConfig(rows, seed, sampling, rangeMargin, unique, conditions, balance, batchSize,
                    minAcceptance, labelShares, labelTemperature, categoryTemperature, decimalTemperature,
                    predictorTemperature, guidance, rowsPerPrompt, chunk);
        }
    }
}
