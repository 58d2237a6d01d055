package org.harmonic.core.options;

import java.util.List;
import java.util.Locale;
import org.harmonic.core.knn.FilterMode;
import org.harmonic.core.knn.InstructionConfig;
import org.harmonic.core.knn.NeighbourBasis;
import org.harmonic.core.knn.TaskType;
import org.harmonic.core.neighbours.CategoricalEncoding;
import org.harmonic.core.options.OptionSpec.Front;
import org.harmonic.core.util.HarmonicInputException;

/**
 * The options of the KNN Instruction Builder ({@code harmonic instructions}, the instruction step of
 * {@code harmonic fit} and {@code run}, the KNN Instruction Builder node) as a user gives them, and the
 * one place that turns them into an {@link InstructionConfig}.
 *
 * <p>A null field means "not given": the default of {@link #SPECS} applies.
 *
 * @param front       which front-end filled the record, for naming options in messages
 * @param target      the label column
 * @param description what the table is about (the prompt header); null or blank = {@code fallback}
 *                    of {@link #config}: the file name on the command line, "a table" in KNIME
 * @param task        {@code auto} or a task ("binary classification", ...)
 * @param preset      {@code default} or {@code reference}
 * @param k           neighbours per instruction
 * @param filter      {@code preset} (the preset's rule) or a label filter
 * @param encoding    categorical columns in the distance
 * @param neighboursBy {@code preset} (the preset's basis) or what the distance measures:
 *                    {@code features-and-label}, {@code features} or {@code features-by-rank}
 * @param permute     permute the feature order per instruction
 * @param seed        seed of prompts and permutations
 * @param prompts     generation prompts: null = one per training row; the command line asks for none by
 *                    writing no prompt file, the node by 0
 */
public record InstructionsOptions(Front front, String target, String description, String task, String preset,
        Integer k, String filter, String encoding, String neighboursBy, Boolean permute, Long seed, Integer prompts) {

    /** Upper bound of generation prompts, far above any table one machine handles in a node. */
    public static final int MAX_PROMPTS = 10_000_000;
    public static final String TASK_AUTO = "auto";
    public static final String FILTER_PRESET = "preset";

    public static final List<String> TASKS = List.of(TASK_AUTO, TaskType.BINARY_CLASSIFICATION.promptText(),
            TaskType.MULTI_CLASSIFICATION.promptText(), TaskType.REGRESSION.promptText());
    public static final List<String> PRESETS = List.of("default", "reference");
    public static final List<String> FILTERS = List.of(FILTER_PRESET, "reference", "majority", "lift", "none",
            "auto");
    public static final List<String> ENCODINGS = List.of("label", "scaled", "one-hot");
    public static final List<String> NEIGHBOUR_BASES = List.of(FILTER_PRESET, "features-and-label", "features",
            "features-by-rank");

    public static final OptionSpec TARGET = OptionSpec.of("--target", "target", "", null, null);
    public static final OptionSpec DESCRIPTION = OptionSpec.of("--description", "description", "", null, null);
    public static final OptionSpec TASK = OptionSpec.of("--task", "task", TASK_AUTO, null, null);
    public static final OptionSpec PRESET = OptionSpec.of("--preset", "preset", "default", null, null);
    public static final OptionSpec K = OptionSpec.of("--k", "k", InstructionConfig.DEFAULT_K, 1, 9);
    public static final OptionSpec FILTER = OptionSpec.of("--filter", "filter", FILTER_PRESET, null, null);
    public static final OptionSpec ENCODING = OptionSpec.of("--encoding", "encoding", "label", null, null);
    /**
     * Command line only: a generator fitted on an instruction file or table rebuilds its generation prompts
     * from what the prompts show ({@code InstructionReader.settings}), and they do not show the basis. The
     * commands that build the instructions carry it ({@code fit --input}, {@code run}), {@code fit
     * --instructions} takes it to say how the file was built, and the KNIME Fine-Tuner, which reads a table
     * and has no such setting, uses the preset's; so the KNIME builder node keeps the preset's too.
     */
    public static final OptionSpec NEIGHBOURS_BY = OptionSpec.of("--neighbours-by", null, FILTER_PRESET, null, null);
    public static final OptionSpec PERMUTE = OptionSpec.of("--permute", "permute", false, null, null);
    /** The seed: KNIME stores an int, so the default must be one. */
    public static final OptionSpec SEED = OptionSpec.of("--seed", "seed", (int) InstructionConfig.DEFAULT_SEED, null,
            null);
    /**
     * The command line writes generation prompts only to a file the user names ({@code --out-prompts}),
     * one per row unless {@code --prompts} says otherwise; the node appends them to its one output only
     * when asked (0 = none), because the Synthesizer draws its own prompts from the generator.
     */
    public static final OptionSpec PROMPTS = OptionSpec.automatic("--prompts", null, 0, 1, MAX_PROMPTS);
    public static final OptionSpec GENERATION_PROMPTS = OptionSpec.of(null, "generation_prompts", 0, 0, MAX_PROMPTS);

    /** Every instruction option; a null name marks an option of one front-end only. */
    public static final List<OptionSpec> SPECS = List.of(TARGET, DESCRIPTION, TASK, PRESET, K, FILTER, ENCODING,
            NEIGHBOURS_BY, PERMUTE, SEED, PROMPTS, GENERATION_PROMPTS);

    /**
     * The builder's settings; bad values fail naming the option in the front-end's words.
     *
     * @param fallbackDescription the header's description when none is given
     */
    public InstructionConfig config(String fallbackDescription) {
        if (target == null || target.isBlank()) {
            throw new HarmonicInputException("no target column given; name the label column ("
                    + TARGET.name(front) + ")");
        }
        int neighbours = K.whole(front, k); // at most 9: the prompt names them 'one' to 'nine'
        OptionSpec promptSpec = front == Front.CLI ? PROMPTS : GENERATION_PROMPTS;
        promptSpec.checkBounds(front, prompts);
        InstructionConfig config = InstructionConfig.of(
                InstructionConfig.Preset.parse(PRESET.choose(front, preset, PRESETS)), target.trim())
                .withK(neighbours)
                .withSeed(seed != null ? seed : SEED.whole(null))
                .withPermute(Boolean.TRUE.equals(permute))
                .withPromptCount(prompts == null ? -1 : prompts)
                .withDescription(description != null && !description.isBlank() ? description.trim()
                        : fallbackDescription);
        TaskType t = task(front, task);
        if (t != null) {
            config = config.withTask(t);
        }
        String f = FILTER.choose(front, filter, FILTERS);
        if (!FILTER_PRESET.equals(f)) {
            config = config.withFilter(FilterMode.parse(f));
        }
        NeighbourBasis basis = neighbourBasis(front, neighboursBy);
        if (basis != null) {
            if (config.filter() == FilterMode.AUTO) {
                if (!FILTER_PRESET.equals(f)) {
                    throw new HarmonicInputException(FILTER.name(front) + " auto chooses how neighbours are found "
                            + "too, so it cannot be combined with " + NEIGHBOURS_BY.name(front) + "; give "
                            + FILTER.name(front) + " lift or none with it, or leave " + NEIGHBOURS_BY.name(front)
                            + " out");
                }
                // a basis given with the preset's automatic filter: the filter the preset used before
                config = config.withFilter(FilterMode.LIFT);
            }
            config = config.withNeighboursBy(basis);
        }
        String e = ENCODING.choose(front, encoding, ENCODINGS);
        return config.withEncoding(CategoricalEncoding.valueOf(e.replace('-', '_').toUpperCase(Locale.ROOT)));
    }

    /**
     * The basis {@link #NEIGHBOURS_BY} names, or null for {@code preset} (also what {@code fit --instructions}
     * is told, since an instruction file does not show it).
     */
    public static NeighbourBasis neighbourBasis(Front front, String value) {
        String b = NEIGHBOURS_BY.choose(front, value, NEIGHBOUR_BASES);
        return FILTER_PRESET.equals(b) ? null : NeighbourBasis.parse(b);
    }

    /** The task {@link #TASK} names, or null for {@code auto} (inferred from the target column). */
    static TaskType task(Front front, String value) {
        String t = TASK.choose(front, value, TASKS);
        return TASK_AUTO.equals(t) ? null : TaskType.parse(t);
    }
}
