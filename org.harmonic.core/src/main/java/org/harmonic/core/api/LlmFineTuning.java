package org.harmonic.core.api;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.harmonic.core.generator.DefaultGenerator;
import org.harmonic.core.generator.FineTuner;
import org.harmonic.core.generator.GeneratorInfo;
import org.harmonic.core.knn.FilterMode;
import org.harmonic.core.knn.InstructionConfig;
import org.harmonic.core.knn.InstructionExample;
import org.harmonic.core.knn.InstructionReader;
import org.harmonic.core.knn.NeighbourBasis;
import org.harmonic.core.lm.train.DpConfig;
import org.harmonic.core.lm.train.TrainingConfig;
import org.harmonic.core.options.FitOptions;
import org.harmonic.core.table.Table;
import org.harmonic.core.table.TableProfile;
import org.harmonic.core.util.HarmonicInputException;
import org.harmonic.core.util.Progress;

/**
 * The LLM Fine-Tuner (method.md A.2): trains a generator directory on training instructions; and what a generator
 * directory says about itself ({@code harmonic.json}).
 */
public final class LlmFineTuning {

    /** The {@code format} of a generator directory's {@code harmonic.json}. */
    public static final String GENERATOR_FORMAT = GeneratorInfo.FORMAT;

    private LlmFineTuning() {
    }

    /**
     * What training produced.
     *
     * @param baseModel  "default" (the model from scratch) or the base checkpoint's directory
     * @param parameters parameters of the saved model
     * @param examples   instructions trained on
     * @param steps      optimizer steps
     * @param firstLoss  loss of the first step
     * @param finalLoss  mean loss of the last tenth of the steps
     * @param seconds    wall-clock training time
     * @param isPrivate  whether it was trained with DP-SGD ({@code harmonic.json} has its accounting)
     */
    public record Result(String baseModel, long parameters, int examples, int steps, double firstLoss,
            double finalLoss, double seconds, boolean isPrivate) {
    }

    /** One line about a generator's privacy accounting (the {@code privacy} entry of its {@code harmonic.json}). */
    public static String describePrivacy(Map<String, Object> privacy) {
        return GeneratorInfo.describePrivacy(privacy);
    }

    /**
     * What a generator trained with these options will say about itself before the instructions are known (a
     * KNIME port spec at configure time): {@code format}, {@code baseModel} and a {@code planned} entry with the
     * epochs (or how they are chosen), learning rate, batch, seed, LoRA rank, device, model size and DP settings.
     *
     * @throws HarmonicInputException naming a bad option and the fix
     */
    public static Map<String, Object> plannedSummary(FitOptions options, long seed) {
        Path base = options.baseModel();
        TrainingConfig training = options.training(seed, 0, 0);
        Map<String, Object> planned = new LinkedHashMap<>();
        planned.put("epochs", options.epochs() != null || base != null ? training.epochs()
                : "auto (about " + DefaultGenerator.TARGET_STEPS + " steps, " + DefaultGenerator.MIN_EPOCHS + " to "
                        + DefaultGenerator.MAX_EPOCHS + ")");
        planned.put("learningRate", training.learningRate());
        planned.put("batchSize", training.batchSize());
        planned.put("seed", training.seed());
        planned.put("loraRank", options.loraRank() == null ? 0 : options.loraRank());
        planned.put("device", options.deviceName());
        if (base == null) {
            planned.put("modelSize", options.modelSize());
        }
        DpConfig dp = training.privacy();
        if (dp != null) {
            // the spent epsilon and sigma are known after training (harmonic.json's privacy entry)
            Map<String, Object> privacy = new LinkedHashMap<>();
            privacy.put("target_epsilon", dp.epsilon());
            privacy.put("delta", Double.isNaN(dp.delta()) ? "1/n (n = the table rows the instructions show)"
                    : dp.delta());
            privacy.put("clip_norm", dp.clipNorm());
            privacy.put("stage1_epochs", dp.stage1Epochs());
            privacy.put("sampling", dp.poisson() ? "poisson" : "shuffled");
            planned.put("privacy", privacy);
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("format", GENERATOR_FORMAT);
        summary.put("baseModel", base == null ? "default" : base.toAbsolutePath().toString());
        summary.put("planned", planned);
        return summary;
    }

    /**
     * Checks the label filter and neighbour basis the KNN Instruction Builder reported ({@link KnnInstructions.Result}'s
     * {@code filter} and {@code neighboursBy}).
     *
     * @throws IllegalArgumentException when either is not a value the builder writes
     */
    public static void checkBuildersChoice(String filter, String neighboursBy) {
        FilterMode.parse(filter);
        NeighbourBasis.parse(neighboursBy);
    }

    /**
     * Trains a generator on the training instructions and writes its directory to {@code out}.
     *
     * @param instructions the training instructions (with answers), in table order
     * @param description  the table's description for the prompts, or null/blank for the instructions' own
     * @param filter       the builder's label filter ({@link #checkBuildersChoice}), or null when not known: the
     *                     generator then keeps the default preset's automatic filter
     * @param neighboursBy the builder's neighbour basis, or null when not known
     * @param seed         the training seed
     * @throws HarmonicInputException naming a bad option, instruction or base model and the fix
     */
    public static Result fit(List<Instruction> instructions, String description, String filter, String neighboursBy,
            FitOptions options, long seed, Path out, Progress progress) {
        List<InstructionExample> examples = instructions.stream().map(Instruction::toExample).toList();
        Table rows = InstructionReader.rows(examples, "the instruction table");
        String target = rows.schema().get(rows.columnCount() - 1).name();
        TableProfile schema = TableProfile.of(rows, target);
        InstructionConfig config = InstructionReader.settings(examples, target);
        if (filter != null && neighboursBy != null) {
            config = config.withFilter(FilterMode.parse(filter)).withNeighboursBy(NeighbourBasis.parse(neighboursBy));
        }
        if (description != null && !description.isBlank()) {
            config = config.withDescription(description.trim());
        }
        InstructionConfig instructionConfig = config;
        GeneratorInfo info = InBundle.call(() -> {
            // the delta default counts the rows the instructions show (FineTuner, from their row positions)
            TrainingConfig training = options.training(seed, 0, examples.size());
            FineTuner.Request request = new FineTuner.Request(examples, schema, instructionConfig,
                    options.baseModel(), training, options.deviceName(), options.size());
            return new FineTuner().fit(request, out, progress);
        });
        GeneratorInfo.TrainingSummary t = info.training();
        return new Result(info.baseModel(), t.parameters(), t.examples(), t.steps(), t.firstLoss(), t.finalLoss(),
                t.seconds(), info.privacy() != null);
    }
}
