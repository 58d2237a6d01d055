package org.harmonic.core.options;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.harmonic.core.generator.DefaultGenerator;
import org.harmonic.core.knn.TaskType;
import org.harmonic.core.lm.Perplexity;
import org.harmonic.core.metrics.DcrVariant;
import org.harmonic.core.metrics.EvaluationConfig;
import org.harmonic.core.metrics.lm.DataLeakageTest;
import org.harmonic.core.metrics.lm.LanguageModelMetrics;
import org.harmonic.core.metrics.lm.LlmEffectiveness;
import org.harmonic.core.options.OptionSpec.Front;
import org.harmonic.core.util.HarmonicInputException;

/**
 * The options of evaluating a synthetic table ({@code harmonic evaluate}; the Fidelity Metrics, DLT
 * and LLE nodes, each with its part) as a user gives them, and the one place that turns them into
 * the core's {@link EvaluationConfig}, {@link DataLeakageTest.Settings} and
 * {@link LlmEffectiveness.Settings}.
 *
 * <p>A null field means "not given": the default of {@link #SPECS} applies. The command line has one
 * command for every metric, KNIME a node per family; {@link #FIDELITY_NODE}, {@link #DLT_NODE} and
 * {@link #LLE_NODE} list what each node exposes (its key in {@link OptionSpec#knime()}).
 *
 * @param front           which front-end filled the record, for naming options in messages
 * @param task            {@code auto} or a task
 * @param seed            seed of splits, models, baselines and subsamples
 * @param metrics         metric ids; null or empty = every metric the inputs allow
 * @param dcr             {@code mean} or {@code reference}
 * @param threads         worker threads, null = every core
 * @param wdMaxRows       rows WD's Sinkhorn divergence uses at most, 0 = all
 * @param mleRepeats      times MLE runs its protocol (seeds seed, seed + 1, ...), scores averaged
 * @param device          {@code cpu} or {@code gpu}: where DLT and LLE run their models
 * @param dltPerplexity   {@code exp} or {@code reference}
 * @param dltMaxRows      rows per table DLT scores at most, 0 = all
 * @param dltBatch        sequences per DLT forward pass
 * @param lleLabels       LLE label words, {@code 0=good,1=bad}; null or blank = the values' own text
 * @param lleInstruction  LLE's task instruction, null or blank = the generic one
 * @param lleBase         Hugging Face checkpoint for LLE's classifier, null = the model from scratch
 * @param lleEpochs       LLE fine-tuning epochs
 * @param lleSize         {@code standard} or {@code tiny}
 * @param lleMaxTrainRows rows LLE fine-tunes on at most, 0 = all
 * @param lleMaxTestRows  test rows LLE scores at most, 0 = all
 * @param lleDecision     {@code prior_corrected} or {@code likelihood}
 */
public record EvaluateOptions(Front front, String task, Long seed, List<String> metrics, String dcr, Integer threads,
        Integer wdMaxRows, Integer mleRepeats, String device, String dltPerplexity, Integer dltMaxRows,
        Integer dltBatch, String lleLabels, String lleInstruction, Path lleBase, Integer lleEpochs, String lleSize,
        Integer lleMaxTrainRows, Integer lleMaxTestRows, String lleDecision) {

    public static final List<String> TASKS = InstructionsOptions.TASKS;
    public static final List<String> DCR_VARIANTS = List.of("mean", "reference");
    public static final List<String> DEVICES = FitOptions.DEVICES;
    public static final List<String> PERPLEXITIES = List.of("exp", "reference");
    public static final List<String> LLE_SIZES = FitOptions.MODEL_SIZES;
    public static final List<String> LLE_DECISIONS = Arrays.stream(LlmEffectiveness.Decision.values())
            .map(LlmEffectiveness.Decision::id).toList();

    private static final DataLeakageTest.Settings DLT = DataLeakageTest.Settings.defaults();
    private static final LlmEffectiveness.Settings LLE = LlmEffectiveness.Settings.defaults();

    public static final OptionSpec TARGET = InstructionsOptions.TARGET;
    /** The builder's task option: the same values, the same default (auto). */
    public static final OptionSpec TASK = InstructionsOptions.TASK;
    /** The seed: KNIME stores an int, so the default must be one. */
    public static final OptionSpec SEED = OptionSpec.of("--seed", "seed", (int) EvaluationConfig.defaults().seed(),
            null, null);
    /** The node has one boolean per metric ({@code metric_dm}, ...), checked apart. */
    public static final OptionSpec METRICS = OptionSpec.of("--metrics", null, "", null, null);
    public static final OptionSpec DCR = OptionSpec.of("--dcr", null, "mean", null, null);
    public static final OptionSpec THREADS = OptionSpec.automatic("--threads", null, 0, 1, 4096);
    public static final OptionSpec WD_MAX_ROWS = OptionSpec.of("--wd-max-rows", null,
            EvaluationConfig.defaults().sinkhornMaxRows(), 0, Integer.MAX_VALUE);
    /**
     * MLE's repeats. One run's MCC on German credit's 700 rows moves by about 0.02 with the evaluation
     * seed and the real table's by up to 0.06 (0.227-0.285; docs/quality.md section 15), so comparing two
     * small tables wants several; 1 keeps a single run (and every report as before).
     */
    public static final OptionSpec MLE_REPEATS = OptionSpec.of("--mle-repeats", "mle_repeats",
            EvaluationConfig.defaults().mleRepeats(), 1, 100);
    public static final OptionSpec DEVICE = FitOptions.DEVICE;
    public static final OptionSpec DLT_PERPLEXITY = OptionSpec.of("--dlt", "perplexity", "exp", null, null);
    public static final OptionSpec DLT_MAX_ROWS = OptionSpec.of("--dlt-max-rows", "max_rows", DLT.maxRows(), 0,
            Integer.MAX_VALUE);
    public static final OptionSpec DLT_BATCH = OptionSpec.of(null, "batch_size", DLT.batchSize(), 1, 4096);
    public static final OptionSpec LLE_LABELS = OptionSpec.of("--lle-labels", "label_words", "", null, null);
    public static final OptionSpec LLE_INSTRUCTION = OptionSpec.of("--lle-instruction", null, "", null, null);
    public static final OptionSpec LLE_BASE = OptionSpec.of("--lle-base", null, "", null, null);
    /** Unbounded in KNIME, so that 0 gets this class's message rather than a generic range error. */
    public static final OptionSpec LLE_EPOCHS = OptionSpec.of("--lle-epochs", "epochs", LLE.training().epochs(), null,
            null);
    public static final OptionSpec LLE_SIZE = OptionSpec.of("--lle-size", "model_size", "standard", null, null);
    public static final OptionSpec LLE_MAX_TRAIN_ROWS = OptionSpec.of("--lle-max-train-rows", "max_train_rows",
            LLE.maxTrainRows(), 0, Integer.MAX_VALUE);
    public static final OptionSpec LLE_MAX_TEST_ROWS = OptionSpec.of(null, "max_test_rows", LLE.maxTestRows(), 0,
            Integer.MAX_VALUE);
    public static final OptionSpec LLE_DECISION = OptionSpec.of("--lle-decision", "decision", LLE.decision().id(),
            null, null);

    /** Every evaluation option; a null name marks an option of one front-end only. */
    public static final List<OptionSpec> SPECS = List.of(TARGET, TASK, SEED, METRICS, DCR, THREADS, WD_MAX_ROWS,
            MLE_REPEATS, DEVICE, DLT_PERPLEXITY, DLT_MAX_ROWS, DLT_BATCH, LLE_LABELS, LLE_INSTRUCTION, LLE_BASE,
            LLE_EPOCHS, LLE_SIZE, LLE_MAX_TRAIN_ROWS, LLE_MAX_TEST_ROWS, LLE_DECISION);
    /** The options of each node (the others are the command line's or another node's). */
    public static final List<OptionSpec> FIDELITY_NODE = List.of(TARGET, TASK, SEED, MLE_REPEATS);
    public static final List<OptionSpec> DLT_NODE = List.of(DLT_PERPLEXITY, DLT_MAX_ROWS, DLT_BATCH, SEED, DEVICE);
    public static final List<OptionSpec> LLE_NODE = List.of(TARGET, LLE_EPOCHS, LLE_SIZE, LLE_LABELS,
            LLE_MAX_TRAIN_ROWS, LLE_MAX_TEST_ROWS, SEED, DEVICE, LLE_DECISION);

    /** Nothing given: every default. */
    public static EvaluateOptions defaults(Front front) {
        return new EvaluateOptions(front, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null);
    }

    /** The evaluation seed. */
    public long seedValue() {
        return seed != null ? seed : SEED.whole(null);
    }

    /** Where DLT and LLE run. */
    public String deviceValue() {
        return DEVICE.choose(front, device, DEVICES);
    }

    /** The metric suite's settings (metric ids checked; an empty list means every metric the inputs allow). */
    public EvaluationConfig evaluation() {
        EvaluationConfig config = EvaluationConfig.defaults().withSeed(seedValue())
                .withDcrVariant(DcrVariant.valueOf(DCR.choose(front, dcr, DCR_VARIANTS).toUpperCase(
                        java.util.Locale.ROOT)))
                .withSinkhornMaxRows(WD_MAX_ROWS.whole(front, wdMaxRows))
                .withMleRepeats(MLE_REPEATS.whole(front, mleRepeats));
        if (metrics != null && !metrics.isEmpty()) {
            try {
                config = config.withMetrics(metrics);
            } catch (HarmonicInputException e) {
                throw new HarmonicInputException(METRICS.name(front) + ": " + e.getMessage(), e);
            }
            if (config.metrics().isEmpty()) {
                throw new HarmonicInputException(METRICS.name(front) + " names no metric; use e.g. dm,wd,cs");
            }
        }
        TaskType t = InstructionsOptions.task(front, task);
        if (t != null) {
            config = config.withTask(t);
        }
        if (threads != null) {
            config = config.withThreads(THREADS.whole(front, threads));
        }
        return config;
    }

    /** DLT's settings. */
    public DataLeakageTest.Settings dlt() {
        Perplexity.Base base = Perplexity.Base.parse(DLT_PERPLEXITY.choose(front, dltPerplexity, PERPLEXITIES));
        return new DataLeakageTest.Settings(base, DLT_MAX_ROWS.whole(front, dltMaxRows),
                DLT_BATCH.whole(front, dltBatch));
    }

    /** LLE's settings. */
    public LlmEffectiveness.Settings lle() {
        int epochs = LLE_EPOCHS.whole(lleEpochs);
        if (epochs < 1) {
            throw new HarmonicInputException(LLE_EPOCHS.name(front) + " is " + epochs + "; the classifier needs at "
                    + "least 1 fine-tuning epoch (the default is " + LLE_EPOCHS.defaultValue() + ")");
        }
        Map<String, String> words;
        try {
            words = LlmEffectiveness.parseLabelWords(lleLabels == null ? "" : lleLabels);
        } catch (HarmonicInputException e) {
            throw new HarmonicInputException(LLE_LABELS.name(front) + ": " + e.getMessage()
                    + "; or leave it empty to use the label values themselves", e);
        }
        LlmEffectiveness.Settings s = LLE
                .withSize("tiny".equals(LLE_SIZE.choose(front, lleSize, LLE_SIZES)) ? DefaultGenerator.Size.tiny()
                        : DefaultGenerator.Size.standard())
                .withTraining(LLE.training().withEpochs(epochs))
                .withLabelWords(words)
                .withDevice(deviceValue())
                .withMaxTrainRows(LLE_MAX_TRAIN_ROWS.whole(front, lleMaxTrainRows))
                .withMaxTestRows(LLE_MAX_TEST_ROWS.whole(front, lleMaxTestRows))
                .withDecision(LlmEffectiveness.Decision.parse(LLE_DECISION.choose(front, lleDecision, LLE_DECISIONS)));
        if (lleBase != null) {
            s = s.withBaseModel(lleBase);
        }
        if (lleInstruction != null && !lleInstruction.isBlank()) {
            // a command line cannot easily pass a line break: "\n" stands for one
            s = s.withInstruction(lleInstruction.replace("\\n", "\n"));
        }
        return s;
    }

    /** Both language-model metrics' settings. */
    public LanguageModelMetrics.Options languageModel() {
        return new LanguageModelMetrics.Options(dlt(), lle());
    }
}
