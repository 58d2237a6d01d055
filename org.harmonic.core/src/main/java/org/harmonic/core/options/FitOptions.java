package org.harmonic.core.options;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.harmonic.core.generator.DefaultGenerator;
import org.harmonic.core.generator.FineTuner;
import org.harmonic.core.lm.ModelConfig;
import org.harmonic.core.lm.checkpoint.ModelConfigJson;
import org.harmonic.core.lm.model.LoraConfig;
import org.harmonic.core.lm.train.DpConfig;
import org.harmonic.core.lm.train.LossScope;
import org.harmonic.core.lm.train.StoppingRule;
import org.harmonic.core.lm.train.TrainingConfig;
import org.harmonic.core.options.OptionSpec.Front;
import org.harmonic.core.util.HarmonicInputException;

/**
 * The options of fitting a generator (the LLM Fine-Tuner; {@code harmonic fit} and {@code run}) as a
 * user gives them, and the one place that turns them into the core's {@link TrainingConfig}: the
 * automatic epochs and batch, the loss, the stopping rule, LoRA and differential privacy with its
 * default delta. The command line and the KNIME node fill this record from their own syntax and
 * call {@link #training}; neither assembles a TrainingConfig itself.
 *
 * <p>A null field means "not given": the default of {@link #SPECS} (or the automatic value
 * computed from the data) applies. A front-end with a stored "automatic" value (KNIME's 0) passes
 * null for it; any value given is checked, so {@code --lr 0} is an error, not "automatic".
 *
 * @param front        which front-end filled the record, for naming options in messages
 * @param baseModel    Hugging Face checkpoint to fine-tune, or null for the model from scratch
 * @param modelSize    {@code standard} or {@code tiny} (the model from scratch)
 * @param epochs       passes over the instructions, null = automatic
 * @param learningRate peak learning rate, null = the default for the model kind
 * @param batch        examples per micro-batch, null = automatic
 * @param accumulation micro-batches per optimizer step, null = 1
 * @param maxLength    longest training sequence in tokens
 * @param loss         {@code sequence} or {@code answer}
 * @param patience     early-stopping patience, null = the default rule (no held-out rows)
 * @param evalEvery    steps between held-out evaluations, null = the default
 * @param maxMinutes   training time budget, 0 = none
 * @param maxSteps     most optimizer steps, null = the default cap
 * @param device       {@code cpu} or {@code gpu}
 * @param loraRank     LoRA rank, null = full fine-tuning
 * @param loraAlpha    LoRA alpha
 * @param loraDropout  LoRA dropout
 * @param loraTargets  comma-separated module names, null or blank = the architecture's default
 * @param dpEpsilon    target epsilon, null = no differential privacy
 * @param dpDelta      DP delta, null = 1 / the number of private rows
 * @param dpClip       per-example clipping norm
 * @param dpStage1Epochs epochs of non-private format learning, null = automatic (20 from scratch, 3 with a base)
 * @param dpPoisson    Poisson sampling of DP batches
 * @param dpValueWeight alpha of the value-token weighted loss, null = unweighted
 * @param candidates   trainings to choose from by their held-out loss, null = 1
 */
public record FitOptions(Front front, Path baseModel, String modelSize, Integer epochs, Double learningRate,
        Integer batch, Integer accumulation, Integer maxLength, String loss, Integer patience, Integer evalEvery,
        Double maxMinutes, Integer maxSteps, String device, Integer loraRank, Double loraAlpha, Double loraDropout,
        String loraTargets, Double dpEpsilon, Double dpDelta, Double dpClip, Integer dpStage1Epochs,
        Boolean dpPoisson, Double dpValueWeight, Integer candidates) {

    public static final OptionSpec BASE_MODEL = OptionSpec.of("--base", "base_model", "", null, null);
    public static final OptionSpec MODEL_SIZE = OptionSpec.of("--model-size", "model_size", "standard", null, null);
    public static final OptionSpec EPOCHS = OptionSpec.automatic("--epochs", "epochs", 0, 0, 10_000);
    public static final OptionSpec LEARNING_RATE = OptionSpec.automatic("--lr", "learning_rate", 0.0, 0.0, 1.0);
    public static final OptionSpec BATCH = OptionSpec.automatic("--batch", "batch_size", 0, 0, 4096);
    public static final OptionSpec ACCUMULATION = OptionSpec.of("--accumulation", null, 1, 1, 4096);
    public static final OptionSpec MAX_LENGTH = OptionSpec.of("--max-length", "max_length",
            TrainingConfig.defaults().maxLength(), 8, 1 << 20);
    public static final OptionSpec LOSS = OptionSpec.of("--loss", "loss", LossScope.DEFAULT.id(), null, null);
    // automatic: unset, the model kind's stopping rule applies (from scratch: ends when it has learned,
    // DefaultGenerator.STOPPING; a base model: every planned step, no cap); 0: every planned step. 0 is a
    // value of its own here, so KNIME stores -1 for "automatic" (the command line leaves the option out)
    public static final OptionSpec PATIENCE = OptionSpec.automatic("--patience", "patience", -1, -1, 10_000);
    public static final OptionSpec EVAL_EVERY = OptionSpec.automatic("--eval-every", "eval_every", 0, 0, 1_000_000);
    public static final OptionSpec MAX_MINUTES = OptionSpec.of("--max-minutes", "max_minutes", 0.0, 0.0, 1e6);
    public static final OptionSpec MAX_STEPS = OptionSpec.automatic("--max-steps", "max_steps", -1, -1,
            Integer.MAX_VALUE);
    public static final OptionSpec DEVICE = OptionSpec.of("--device", "device", "cpu", null, null);
    public static final OptionSpec LORA_RANK = OptionSpec.automatic("--lora-rank", "lora_rank", 0, 0, 4096);
    public static final OptionSpec LORA_ALPHA = OptionSpec.of("--lora-alpha", "lora_alpha", 32.0, 1e-6, 1e6);
    public static final OptionSpec LORA_DROPOUT = OptionSpec.of("--lora-dropout", "lora_dropout", 0.05, 0.0, 0.99);
    public static final OptionSpec LORA_TARGETS = OptionSpec.of("--lora-targets", "lora_targets", "", null, null);
    public static final OptionSpec DP_EPSILON = OptionSpec.automatic("--dp-epsilon", "dp_epsilon", 0.0, 0.0, 1e6);
    public static final OptionSpec DP_DELTA = OptionSpec.automatic("--dp-delta", "dp_delta", 0.0, 0.0, 0.5);
    // small enough that (nearly) every instruction's gradient is clipped: at epsilon 8 on Diabetes, the tenth
    // percentile of their norms stayed above 1.4 for the whole model and above 0.58 for the private adapters at every
    // step (docs/quality.md section 26). Once every gradient is clipped, Adam's per-weight scaling makes the training
    // independent of C (noise sigma C against a signal of C: C 1, 0.3 and 0.1 measured alike); a C above some norms
    // weighs those instructions by their norm and leaves them less signal against the same noise
    public static final OptionSpec DP_CLIP = OptionSpec.of("--dp-clip", "dp_clip", 0.1, 1e-9, 1e9);
    // automatic: DefaultGenerator.DP_STAGE1_EPOCHS from scratch, DpConfig's default with a base model; 0 is a value
    // of its own (no stage 1), so KNIME stores -1 for "automatic"
    public static final OptionSpec DP_STAGE1_EPOCHS = OptionSpec.automatic("--dp-stage1-epochs", "dp_stage1_epochs",
            -1, -1, 10_000);
    public static final OptionSpec DP_POISSON = OptionSpec.of("--dp-poisson", "dp_poisson", false, null, null);
    public static final OptionSpec DP_VALUE_WEIGHT = OptionSpec.automatic("--dp-value-weight", "dp_value_weight",
            0.0, 0.0, 0.999);
    // one training by default: each candidate costs a whole training, and the better of two by held-out loss helped
    // Diabetes (its worst of five trainings 0.931 -> 0.961 MLE ratio, the mean +0.013) but not German credit (-0.03
    // over three seeds, within its noise): docs/quality.md section 39
    public static final OptionSpec CANDIDATES = OptionSpec.of("--candidates", "candidates", 1, 1,
            TrainingConfig.MAX_CANDIDATES);
    /** Command line only: the public schema file of DP-LLMTGen's stage 1 (the node reads no files). */
    public static final OptionSpec DP_PUBLIC_SCHEMA = OptionSpec.of("--dp-public-schema", null, "", null, null);

    /** The training seed's default (the node's {@code seed}; the command line's {@code --seed} is the run's). */
    public static final long DEFAULT_SEED = TrainingConfig.defaults().seed();

    /** Every fitting option; a null {@link OptionSpec#knime()} marks a command-line-only option. */
    public static final List<OptionSpec> SPECS = List.of(BASE_MODEL, MODEL_SIZE, EPOCHS, LEARNING_RATE, BATCH,
            ACCUMULATION, MAX_LENGTH, LOSS, PATIENCE, EVAL_EVERY, MAX_MINUTES, MAX_STEPS, DEVICE, LORA_RANK,
            LORA_ALPHA, LORA_DROPOUT, LORA_TARGETS, DP_EPSILON, DP_DELTA, DP_CLIP, DP_STAGE1_EPOCHS, DP_POISSON,
            DP_VALUE_WEIGHT, DP_PUBLIC_SCHEMA, CANDIDATES);

    public static final List<String> MODEL_SIZES = List.of("standard", "tiny");
    public static final List<String> DEVICES = List.of("cpu", "gpu");
    public static final List<String> LOSSES = List.of(LossScope.SEQUENCE.id(), LossScope.ANSWER.id());

    /** Nothing given: every default. */
    public static FitOptions defaults(Front front) {
        return new FitOptions(front, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null);
    }

    /** The model from scratch of the given size. */
    public DefaultGenerator.Size size() {
        switch (MODEL_SIZE.choose(front, modelSize, MODEL_SIZES)) {
            case "tiny":
                return DefaultGenerator.Size.tiny();
            default:
                return DefaultGenerator.Size.standard();
        }
    }

    /** {@code cpu} or {@code gpu}, checked. */
    public String deviceName() {
        return DEVICE.choose(front, device, DEVICES);
    }

    /** True when the options ask for differential privacy. */
    public boolean isPrivate() {
        return dpEpsilon != null;
    }

    /**
     * The DP settings, or null without a target epsilon. Other DP options without an epsilon are
     * rejected, so nobody believes a generator was trained privately when it was not.
     */
    public DpConfig privacy() {
        checkBounds();
        if (!isPrivate()) {
            if (given(dpDelta) || Boolean.TRUE.equals(dpPoisson) || given(dpValueWeight)) {
                throw new HarmonicInputException("the DP options " + DP_DELTA.name(front) + ", " + DP_POISSON.name(front)
                        + " and " + DP_VALUE_WEIGHT.name(front) + " need a target epsilon: set " + DP_EPSILON.name(front)
                        + " (for example 8) or leave them unset");
            }
            return null;
        }
        DpConfig dp = DpConfig.epsilon(dpEpsilon).withClipNorm(DP_CLIP.number(dpClip))
                .withPoisson(Boolean.TRUE.equals(dpPoisson));
        dp = dp.withStage1Epochs(dpStage1Epochs != null ? dpStage1Epochs
                : baseModel == null ? DefaultGenerator.DP_STAGE1_EPOCHS : dp.stage1Epochs());
        if (given(dpDelta)) {
            dp = dp.withDelta(dpDelta);
        }
        if (given(dpValueWeight)) {
            dp = dp.withValueWeight(dpValueWeight);
        }
        return dp;
    }

    /**
     * The training settings; the configuration of a base checkpoint these options name is read for
     * LoRA's default target modules.
     *
     * @param seed        the job's seed
     * @param privateRows rows of the private table, whose inverse is the default DP delta; 0 when
     *                    only the instructions are known (FineTuner then counts the rows they show)
     * @param examples    training instructions (0 when not known yet: the automatic epochs then
     *                    show their minimum)
     */
    public TrainingConfig training(long seed, int privateRows, int examples) {
        return assemble(seed, privateRows, examples, baseModel == null ? null : ModelConfigJson.read(baseModel));
    }

    /**
     * The training settings with {@code base}, the base checkpoint's configuration (null: not read,
     * and LoRA without named targets is then left out of the returned settings).
     */
    private TrainingConfig assemble(long seed, int privateRows, int examples, ModelConfig base) {
        checkBounds();
        TrainingConfig c = FineTuner.defaultSettings(baseModel == null, batch, accumulation).withSeed(seed);
        c = c.withLossScope(LossScope.parse(LOSS.choose(front, loss, LOSSES)));
        c = c.withStopping(stopping(c.stopping()));
        if (given(learningRate)) {
            c = c.withLearningRate(learningRate);
        }
        c = c.withMaxLength(MAX_LENGTH.whole(maxLength));
        DpConfig dp = privacy();
        if (dp != null && !given(dpDelta) && privateRows > 0) {
            dp = dp.withDelta(1.0 / privateRows);
        }
        if (dp != null && batch == null && baseModel == null) {
            // DP-SGD's noise on the mean gradient shrinks with the batch (docs/quality.md section 24); a table with
            // fewer instructions trains on all of them at each step
            int perStep = c.accumulation();
            c = c.withBatchSize(examples > 0
                    ? Math.max(1, Math.min(DefaultGenerator.DP_BATCH_SIZE, examples / perStep))
                    : DefaultGenerator.DP_BATCH_SIZE);
        }
        c = FineTuner.planEpochs(c.withPrivacy(dp), baseModel == null, examples, epochs);
        c = c.withCandidates(candidates(c));
        if (loraRank != null) {
            if (baseModel == null) {
                throw new HarmonicInputException("LoRA (" + LORA_RANK.name(front) + " " + loraRank + ") needs a "
                        + "pretrained base model (" + BASE_MODEL.name(front) + "); the default model is trained in "
                        + "full from scratch");
            }
            Set<String> targets = loraTargetModules();
            double alpha = LORA_ALPHA.number(loraAlpha);
            double dropout = LORA_DROPOUT.number(loraDropout);
            LoraConfig lora = !targets.isEmpty() ? new LoraConfig(loraRank, alpha, dropout, targets)
                    : base == null ? null : LoraConfig.defaults(base, loraRank, alpha, dropout);
            c = c.withLora(lora);
        }
        return c;
    }

    /** Checks every option that needs neither data nor files: one call before any input is read. */
    public void check() {
        size();
        deviceName();
        assemble(0, 0, 0, null); // without the base checkpoint: check() reads no files
    }

    /** Every number given within its option's bounds, in the front-end's words (KNIME's dialog has them too). */
    private void checkBounds() {
        EPOCHS.checkBounds(front, epochs);
        LEARNING_RATE.checkBounds(front, learningRate);
        BATCH.checkBounds(front, batch);
        ACCUMULATION.checkBounds(front, accumulation);
        MAX_LENGTH.checkBounds(front, maxLength);
        PATIENCE.checkBounds(front, patience);
        EVAL_EVERY.checkBounds(front, evalEvery);
        MAX_MINUTES.checkBounds(front, maxMinutes);
        MAX_STEPS.checkBounds(front, maxSteps);
        LORA_RANK.checkBounds(front, loraRank);
        LORA_ALPHA.checkBounds(front, loraAlpha);
        LORA_DROPOUT.checkBounds(front, loraDropout);
        DP_EPSILON.checkBounds(front, dpEpsilon);
        DP_DELTA.checkBounds(front, dpDelta);
        DP_CLIP.checkBounds(front, dpClip);
        DP_STAGE1_EPOCHS.checkBounds(front, dpStage1Epochs);
        DP_VALUE_WEIGHT.checkBounds(front, dpValueWeight);
        CANDIDATES.checkBounds(front, candidates);
    }

    /** The trainings to choose from, checked against the held-out evaluation that chooses among them. */
    private int candidates(TrainingConfig c) {
        int n = CANDIDATES.whole(candidates);
        if (n > 1 && c.privacy() != null) {
            throw new HarmonicInputException(CANDIDATES.name(front) + " " + n + " chooses the training with the "
                    + "lowest held-out loss, and a DP training holds nothing out (a held-out score would be a release "
                    + "outside the accounting); set it to 1 with " + DP_EPSILON.name(front));
        }
        if (n > 1 && !c.stopping().evaluates()) {
            throw new HarmonicInputException(CANDIDATES.name(front) + " " + n + " chooses the training with the "
                    + "lowest held-out loss, and this training holds nothing out (" + PATIENCE.name(front) + " 0, or "
                    + "a base model without " + PATIENCE.name(front) + "); give " + PATIENCE.name(front)
                    + " a value above 0, or leave it unset for the model from scratch");
        }
        return n;
    }

    /** The default stopping rule with the user's patience, evaluation interval, time and step budget. */
    private StoppingRule stopping(StoppingRule defaults) {
        StoppingRule s = defaults;
        if (patience != null || evalEvery != null) {
            int p = patience != null ? patience
                    : s.evaluates() ? s.patience() : DefaultGenerator.PATIENCE;
            // asking for patience with a base model turns the held-out evaluation on (stopping at the best
            // weights: the decay after the plateau is measured for the model from scratch only)
            double share = s.heldOutShare() > 0 ? s.heldOutShare() : DefaultGenerator.STOPPING.heldOutShare();
            s = new StoppingRule(share, evalEvery != null ? evalEvery : s.evalEvery(), p, s.maxMinutes(),
                    s.maxSteps(), s.annealShare());
        }
        s = maxSteps != null ? s.withMaxSteps(maxSteps) : s;
        return maxMinutes != null ? s.withMaxMinutes(maxMinutes) : s;
    }

    private Set<String> loraTargetModules() {
        Set<String> targets = new LinkedHashSet<>();
        String text = loraTargets == null ? "" : loraTargets.trim();
        for (String t : Arrays.asList(text.split("\\s*,\\s*"))) {
            if (t.isEmpty()) {
                continue;
            }
            if (!t.matches("[A-Za-z0-9_.]+")) {
                throw new HarmonicInputException("LoRA target module '" + t + "' (" + LORA_TARGETS.name(front) + ") is "
                        + "not a module name; give a comma-separated list such as q_proj,v_proj (Llama) or c_attn "
                        + "(GPT-2), or leave it empty for the architecture's default");
            }
            targets.add(t);
        }
        return targets;
    }

    private static boolean given(Double value) {
        return value != null;
    }
}
