package org.harmonic.core.generator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ai.djl.Device;

import org.harmonic.core.knn.InstructionConfig;
import org.harmonic.core.knn.InstructionExample;
import org.harmonic.core.lm.DjlRuntime;
import org.harmonic.core.lm.ModelConfig;
import org.harmonic.core.lm.checkpoint.ModelConfigJson;
import org.harmonic.core.lm.checkpoint.SafetensorsWriter;
import org.harmonic.core.lm.model.CausalLm;
import org.harmonic.core.lm.tokenizer.ByteLevelBpe;
import org.harmonic.core.lm.tokenizer.HfTokenizer;
import org.harmonic.core.knn.InstructionBuilder;
import org.harmonic.core.knn.InstructionSet;
import org.harmonic.core.lm.train.DpAccounting;
import org.harmonic.core.lm.train.DpConfig;
import org.harmonic.core.lm.train.ExampleEncoder;
import org.harmonic.core.lm.train.LossScope;
import org.harmonic.core.lm.train.StoppingRule;
import org.harmonic.core.lm.train.Trainer;
import org.harmonic.core.lm.train.TrainingConfig;
import org.harmonic.core.lm.train.TrainingExample;
import org.harmonic.core.table.Table;
import org.harmonic.core.table.TableProfile;
import org.harmonic.core.util.HarmonicInputException;
import org.harmonic.core.util.Progress;
import org.harmonic.core.util.Seeds;

/**
 * HARMONIC's LLM Fine-Tuner: instruction examples in, a generator directory out. Without a base
 * checkpoint it derives a tokenizer from the instruction texts and trains the small default
 * model from scratch; with a Hugging Face checkpoint directory it loads it (GPT-2 or Llama
 * family) and fine-tunes it fully or with LoRA, merging the adapters into the saved weights.
 *
 * <p>With {@link TrainingConfig#privacy()} set it follows DP-LLMTGen (method.md A.6, B 8): stage 1
 * trains without privacy on instructions built from a random table with the schema
 * ({@link FormatLearningTable}; the tokenizer and the context length also come from that public
 * text), stage 2 trains with DP-SGD on the real instructions, and the accounting goes to
 * {@code harmonic.json}'s {@code privacy}. The schema in the request is treated as public: pass a
 * schema of public bounds there when the real ranges or category sets are sensitive.
 */
public final class FineTuner {

    /**
     * What to fine-tune.
     *
     * @param examples     training instructions (prompt, answer)
     * @param schema       profile of the training table
     * @param instructions the instruction settings used (stored with the generator)
     * @param baseModel    Hugging Face checkpoint directory, or null for the default model
     * @param training     training settings
     * @param device       "cpu" or "gpu"
     * @param size         size of the from-scratch model (ignored with a base model)
     */
    public record Request(List<InstructionExample> examples, TableProfile schema, InstructionConfig instructions,
            Path baseModel, TrainingConfig training, String device, DefaultGenerator.Size size) {

        public Request(List<InstructionExample> examples, TableProfile schema, InstructionConfig instructions,
                Path baseModel, TrainingConfig training, String device) {
            this(examples, schema, instructions, baseModel, training, device, DefaultGenerator.Size.standard());
        }
    }

    /** Peak learning rate for fine-tuning a pretrained base (from scratch: {@link TrainingConfig#defaults()}'s). */
    public static final double PRETRAINED_LEARNING_RATE = 2e-4;

    /**
     * The default training of a generator on {@code examples} instructions, shared by the CLI and
     * the KNIME node; {@code batch}, {@code accumulation} and {@code epochs} are the user's values,
     * null for automatic. From scratch: batches of {@link DefaultGenerator#BATCH_SIZE} and
     * {@link DefaultGenerator#epochsFor} epochs with {@link DefaultGenerator#WEIGHT_DECAY}; a pretrained
     * base: {@link #PRETRAINED_LEARNING_RATE} and {@link TrainingConfig#defaults()}'s batch and epochs.
     */
    public static TrainingConfig defaultTraining(boolean fromScratch, int examples, Integer batch, Integer accumulation,
            Integer epochs) {
        return planEpochs(defaultSettings(fromScratch, batch, accumulation), fromScratch, examples, epochs);
    }

    /**
     * {@link #defaultTraining} before its epochs are planned (they stay {@link TrainingConfig#defaults()}'s):
     * for a caller that changes the stopping rule or adds privacy first, then calls {@link #planEpochs} once.
     */
    public static TrainingConfig defaultSettings(boolean fromScratch, Integer batch, Integer accumulation) {
        TrainingConfig c = TrainingConfig.defaults();
        c = fromScratch ? c.withWeightDecay(DefaultGenerator.WEIGHT_DECAY)
                : c.withLearningRate(PRETRAINED_LEARNING_RATE);
        // TrainingConfig rejects a batch below 1 here, before planEpochs divides by it
        c = c.withBatchSize(batch != null ? batch : fromScratch ? DefaultGenerator.BATCH_SIZE : c.batchSize())
                .withAccumulation(accumulation != null ? accumulation : c.accumulation());
        return c.withStopping(fromScratch ? DefaultGenerator.STOPPING : StoppingRule.none());
    }

    /**
     * {@code c} with the user's {@code epochs}, or (null) the automatic ones: from scratch they follow the
     * stopping rule {@code c} makes (a training that ends when it has learned plans its step cap; every
     * planned step is run with patience 0 and with DP, which holds nothing out); a pretrained base keeps
     * {@code c}'s.
     */
    public static TrainingConfig planEpochs(TrainingConfig c, boolean fromScratch, int examples, Integer epochs) {
        return c.withEpochs(epochs != null ? epochs
                : fromScratch ? DefaultGenerator.epochsFor(examples, c.batchSize() * c.accumulation(),
                        c.privacy() != null ? StoppingRule.none() : c.stopping())
                : c.epochs());
    }

    /** Fits a generator and writes it to {@code out} (replacing a previous generator there). */
    public GeneratorInfo fit(Request request, Path out, Progress progress) {
        if (request.examples().isEmpty()) {
            throw new HarmonicInputException("there are no instruction examples to train on; check the input table "
                    + "and the label filter (--filter none keeps every group)");
        }
        if (request.training().candidates() > 1) {
            checkCandidates(request);
        }
        Device device = DjlRuntime.device(request.device());
        Path staging;
        try {
            staging = GeneratorDirectory.stage(out);
        } catch (IOException e) {
            throw new HarmonicInputException("cannot create the generator directory " + out + ": " + e.getMessage(), e);
        }
        boolean committed = false;
        try {
            int candidates = request.training().candidates();
            GeneratorInfo info = candidates == 1
                    ? fitInto(request, request.training(), staging, device, progress)
                    : fitCandidates(request, out, staging, device, progress);
            GeneratorDirectory.commit(staging, out);
            committed = true;
            return info;
        } catch (IOException e) {
            throw new HarmonicInputException("cannot write the generator to " + out + ": " + e.getMessage(), e);
        } finally {
            if (!committed) {
                GeneratorDirectory.discard(staging);
            }
        }
    }

    /** Choosing among trainings needs held-out instructions to score them on. */
    private static void checkCandidates(Request request) {
        TrainingConfig training = request.training();
        String option = "--candidates " + training.candidates();
        if (training.privacy() != null) {
            throw new HarmonicInputException(option + " chooses the training with the lowest held-out loss, and a DP "
                    + "training holds nothing out (a held-out score would be a release outside the accounting); use "
                    + "--candidates 1 with DP");
        }
        if (!training.stopping().evaluates()) {
            throw new HarmonicInputException(option + " chooses the training with the lowest held-out loss, and this "
                    + "training holds nothing out (--patience 0, or a base model without --patience); leave --patience "
                    + "unset (the model from scratch) or give it a value above 0");
        }
        if (training.stopping().heldOutCount(request.examples().size()) == 0) {
            throw new HarmonicInputException(option + " chooses the training with the lowest held-out loss, but the "
                    + request.examples().size() + " instructions are too few to hold any out (40 or more are "
                    + "needed); use --candidates 1");
        }
    }

    /**
     * Trains {@link TrainingConfig#candidates()} generators, the first with the job's seed and the others with
     * {@link Seeds#candidateTraining}, all scored on the same held-out instructions (the job seed's), and leaves
     * the one with the lowest held-out answer loss in {@code staging}. Trainings of one table differ in how well
     * they learn it (Diabetes: about 0.024 of MLE ratio, sd); scored on the same rows, the better of two by this
     * loss spared Diabetes its weak trainings and did not help German credit (docs/quality.md section 39). The
     * losses compared are the stable phase's best, before the held-out instructions join the decay.
     */
    private GeneratorInfo fitCandidates(Request request, Path out, Path staging, Device device, Progress progress)
            throws IOException {
        TrainingConfig training = request.training();
        int n = training.candidates();
        List<GeneratorInfo.Candidate> tried = new ArrayList<>();
        GeneratorInfo best = null;
        int bestIndex = -1;
        for (int c = 0; c < n; c++) {
            progress.checkCanceled();
            long seed = Seeds.candidateTraining(training.seed(), c);
            Progress part = prefixed(progress.sub((double) c / n, (c + 1.0) / n),
                    "candidate " + (c + 1) + " of " + n + " (seed " + seed + "): ");
            // the first candidate trains where the chosen one must end up; a later one beside it, kept if better
            Path dir = c == 0 ? staging : GeneratorDirectory.stage(out);
            boolean keep = false;
            try {
                GeneratorInfo info = fitInto(request, training.withSeed(seed), dir, device, part);
                double loss = info.training().heldOutLoss(); // checkCandidates: there are held-out instructions
                tried.add(new GeneratorInfo.Candidate(seed, loss, info.training().steps(), false));
                if (best == null || loss < best.training().heldOutLoss()) {
                    if (c > 0) {
                        // the better one replaces the one kept so far in the staging directory
                        GeneratorDirectory.discard(staging);
                        Files.move(dir, staging);
                    }
                    best = info;
                    bestIndex = c;
                    keep = true;
                }
            } finally {
                if (c > 0 && !keep) {
                    GeneratorDirectory.discard(dir);
                }
            }
        }
        List<GeneratorInfo.Candidate> chosen = new ArrayList<>();
        for (int c = 0; c < tried.size(); c++) {
            GeneratorInfo.Candidate t = tried.get(c);
            chosen.add(c == bestIndex ? new GeneratorInfo.Candidate(t.seed(), t.heldOutLoss(), t.steps(), true) : t);
        }
        GeneratorInfo info = best.withCandidates(chosen);
        GeneratorDirectory.writeInfo(staging, info);
        progress.report(1, GeneratorInfo.describeCandidates(chosen));
        return info;
    }

    /** {@code progress} with {@code prefix} before each message. */
    private static Progress prefixed(Progress progress, String prefix) {
        return new Progress() {
            @Override
            public void report(double fraction, String message) {
                progress.report(fraction, prefix + message);
            }

            @Override
            public boolean isCanceled() {
                return progress.isCanceled();
            }
        };
    }

    /**
     * One training with {@code training} (its seed: the example order, the initial weights, dropout) into
     * {@code dir}; the held-out instructions are always those of the job's seed ({@code request.training()}),
     * so that candidates are scored on the same ones.
     */
    private GeneratorInfo fitInto(Request request, TrainingConfig training, Path dir, Device device,
            Progress progress) throws IOException {
        DpConfig dp = training.privacy();
        if (dp != null && Double.isNaN(dp.delta())) {
            dp = dp.withDelta(1.0 / privateRows(request.examples()));
            training = training.withPrivacy(dp);
        }
        boolean fromScratch = request.baseModel() == null;
        // DP-LLMTGen stage 1: instructions built from a random table with the (public) schema
        List<InstructionExample> publicExamples = dp == null ? List.of() : formatLearningExamples(request, progress);
        progress.report(0, "preparing the tokenizer");
        if (fromScratch) {
            // with DP the tokenizer is learned from public text only: merges learned from the real
            // rows would publish their frequent substrings without accounting
            TableTokenizer.train(dp == null ? request.examples() : publicExamples, request.schema(),
                    progress.sub(0, 0.02)).writeTo(dir);
        } else {
            copyTokenizer(request.baseModel(), dir);
        }
        try (HfTokenizer tokenizer = HfTokenizer.load(dir)) {
            int eos = tokenizer.eosId();
            if (eos < 0) {
                throw new HarmonicInputException("the tokenizer in " + (fromScratch ? dir : request.baseModel())
                        + " has no end-of-sequence token; use a checkpoint whose tokenizer_config.json names eos_token");
            }
            int maxLength = training.maxLength();
            List<TrainingExample> stage1 = new ArrayList<>();
            if (dp != null) {
                ExampleEncoder publicEncoder = new ExampleEncoder(tokenizer::encode, eos, maxLength);
                int longestPublic = 0;
                for (InstructionExample e : publicExamples) {
                    TrainingExample te = scoped(publicEncoder.encode(e.prompt(), e.answer()), training.lossScope());
                    longestPublic = Math.max(longestPublic, te.length());
                    stage1.add(te);
                }
                // the context length comes from public text too; longer real prompts lose their beginning
                maxLength = Math.min(maxLength, longestPublic + longestPublic / 4 + 16);
            }
            ExampleEncoder encoder = new ExampleEncoder(tokenizer::encode, eos, maxLength);
            // the held-out instructions and their rows are not trained on until the stopping rule's decay (or
            // ever, when it stops at the best weights); not with DP, whose accounting covers the training steps
            // only (a held-out score would be an unaccounted release)
            HeldOutRows held = HeldOutRows.choose(request.examples(),
                    dp == null ? training.stopping().heldOutCount(request.examples().size()) : 0,
                    request.training().seed());
            List<TrainingExample> examples = new ArrayList<>();
            List<TrainingExample> heldOut = new ArrayList<>();
            List<TrainingExample> returning = new ArrayList<>();
            int longest = 0;
            for (int i = 0; i < request.examples().size(); i++) {
                progress.checkCanceled();
                InstructionExample e = request.examples().get(i);
                TrainingExample te = encoder.encode(e.prompt(), e.answer());
                longest = Math.max(longest, te.length());
                if (held.isHeldOut(i)) {
                    heldOut.add(te); // scored on its answer only
                    if (training.stopping().anneals()) {
                        returning.add(held.mask(scoped(te, training.lossScope()), e, tokenizer));
                    }
                    continue;
                }
                te = held.mask(scoped(te, training.lossScope()), e, tokenizer);
                if (dp != null && !Double.isNaN(dp.valueWeight())) {
                    te = te.withWeights(ValueTokens.weights(tokenizer, te, dp.valueWeight()));
                }
                examples.add(te);
            }
            if (dp != null) {
                longest = maxLength;
            }
            ModelConfig config = StartingModel.config(request.baseModel(), request.size(), tokenizer, longest);
            try (CausalLm model = StartingModel.open(config, request.baseModel(), training.seed(), device)) {
                double from = 0.03;
                int stage1Steps = 0;
                if (dp != null && dp.stage1Epochs() > 0 && !stage1.isEmpty()) {
                    from = 0.03 + 0.94 * dp.stage1Epochs() / (dp.stage1Epochs() + training.epochs());
                    Progress p1 = progress.sub(0.03, from);
                    // stage 1 is not private, so it keeps the small batch the from-scratch model learns
                    // the format with; a large DP batch would leave it a handful of steps
                    TrainingConfig format = training.withPrivacy(null).withEpochs(dp.stage1Epochs())
                            .withBatchSize(fromScratch
                                    ? Math.min(training.batchSize(), DefaultGenerator.DP_STAGE1_BATCH_SIZE)
                                    : training.batchSize());
                    stage1Steps = new Trainer(format, eos).train(model, stage1, null,
                            prefixed(p1, "stage 1 (format learning, public random table): ")).steps();
                }
                // from scratch, the private stage trains adapters: fewer noisy weights (DefaultGenerator)
                TrainingConfig trained = dp != null && fromScratch ? DefaultGenerator.privateStage(training) : training;
                Trainer trainer = new Trainer(trained, eos);
                Trainer.Result result = trainer.train(model, examples, heldOut, returning, null,
                        progress.sub(from, 0.97));
                progress.report(0.97, "saving the generator");
                if (model.lora() != null) {
                    model.mergeLora();
                }
                long parameters = model.parameterCount(); // the saved model's: the adapters are merged
                SafetensorsWriter.write(dir.resolve(GeneratorDirectory.WEIGHTS), model.exportWeights().values());
                ModelConfigJson.write(config, dir);
                GeneratorInfo info = new GeneratorInfo(GeneratorInfo.FORMAT, request.schema(), request.instructions(),
                        fromScratch ? "default" : request.baseModel().toAbsolutePath().toString(),
                        new GeneratorInfo.TrainingSummary(examples.size(), training.epochs(), result.steps(),
                                trained.learningRate(), trained.batchSize(),
                                trained.lora() == null ? 0 : trained.lora().rank(), result.firstLoss(),
                                result.finalLoss(), result.seconds(), parameters, training.seed(),
                                training.lossScope().id(), trainer.totalSteps(examples.size()), result.stopReason(),
                                heldOut.size(), result.evaluations().isEmpty() ? null : result.bestHeldOutLoss(),
                                result.bestStep(), result.evaluations()),
                        dp == null ? null : privacy(result.privacy(), dp, request, stage1.size(), stage1Steps, maxLength));
                GeneratorDirectory.writeInfo(dir, info);
                progress.report(1, "generator saved");
                return info;
            }
        }
    }

    /** The example with the loss on the tokens {@code scope} names. */
    private static TrainingExample scoped(TrainingExample example, LossScope scope) {
        return scope == LossScope.SEQUENCE ? example.withLossOnSequence() : example;
    }

    /** Stage-1 instructions: the same instruction settings on a random table with the request's schema. */
    private static List<InstructionExample> formatLearningExamples(Request request, Progress progress) {
        DpConfig dp = request.training().privacy();
        if (dp.stage1Epochs() == 0 && request.baseModel() != null) {
            return List.of();
        }
        int rows = Math.max(request.instructions().k() + 2, request.examples().size());
        Table random = FormatLearningTable.random(request.schema(), rows, request.training().seed());
        InstructionSet set = new InstructionBuilder().build(random, request.instructions().withPromptCount(0),
                progress.sub(0, 0.01));
        return set.training();
    }

    /** The {@code privacy} entry of harmonic.json: the accounting and what it covers. */
    static Map<String, Object> privacy(DpAccounting accounting, DpConfig dp, Request request, int stage1Examples,
            int stage1Steps, int contextLength) {
        Map<String, Object> out = new LinkedHashMap<>(accounting.toMap());
        out.put("unit", "instruction (one training example: a target row with its k nearest rows)");
        out.put("max_instructions_per_row", maxInstructionsPerRow(request.examples()));
        out.put("stage1", Map.of("epochs", dp.stage1Epochs(), "examples", stage1Examples, "steps", stage1Steps,
                "data", "random table drawn from the schema (no privacy cost)"));
        if (!Double.isNaN(dp.valueWeight())) {
            out.put("value_token_weight", dp.valueWeight());
        }
        out.put("context_length", contextLength);
        out.put("public", List.of("column names, types, category sets, numeric ranges and formats (the schema)",
                "the number of training examples"));
        out.put("caveats", List.of(
                "epsilon bounds the effect of one instruction; a table row appears in up to max_instructions_per_row "
                        + "instructions, so its own guarantee is the group guarantee over that many",
                "synthesis prompts shown to the generator are built from real rows, and the synthesizer's privacy "
                        + "guard compares candidates with real rows; both are outside the DP guarantee"));
        return out;
    }

    /**
     * n of the default delta 1/n: the rows of the private table the instructions were built from,
     * as far as the instructions show them (distinct target and neighbour row ids), and never fewer
     * than the instructions. Callers that know the table (harmonic run) set delta = 1/rows
     * themselves. 1/rows is at most 1/instructions, because the label filter drops groups.
     */
    static int privateRows(List<InstructionExample> examples) {
        Map<Integer, Integer> perRow = instructionsPerRow(examples);
        perRow.remove(-1); // instructions read without row ids (e.g. from a KNIME table)
        return Math.max(perRow.size(), examples.size());
    }

    /** The most instructions one training row takes part in (as target or as neighbour). */
    static int maxInstructionsPerRow(List<InstructionExample> examples) {
        return instructionsPerRow(examples).values().stream().mapToInt(Integer::intValue).max().orElse(0);
    }

    /** For every row id the instructions show (as target or neighbour), how many instructions show it. */
    private static Map<Integer, Integer> instructionsPerRow(List<InstructionExample> examples) {
        Map<Integer, Integer> count = new java.util.HashMap<>();
        for (InstructionExample e : examples) {
            java.util.Set<Integer> rows = new java.util.HashSet<>();
            rows.add(e.targetRow());
            for (int r : e.exampleRows()) {
                rows.add(r);
            }
            for (int r : rows) {
                count.merge(r, 1, Integer::sum);
            }
        }
        return count;
    }

    private static void copyTokenizer(Path base, Path dir) throws IOException {
        Path tokenizer = base.resolve(GeneratorDirectory.TOKENIZER);
        if (!Files.isRegularFile(tokenizer)) {
            throw new HarmonicInputException("the base model " + base + " has no tokenizer.json; give a Hugging Face "
                    + "checkpoint directory with config.json, model.safetensors and tokenizer.json");
        }
        Files.copy(tokenizer, dir.resolve(GeneratorDirectory.TOKENIZER));
        Path config = base.resolve(ByteLevelBpe.TOKENIZER_CONFIG_FILE);
        if (Files.isRegularFile(config)) {
            Files.copy(config, dir.resolve(ByteLevelBpe.TOKENIZER_CONFIG_FILE));
        }
    }
}
