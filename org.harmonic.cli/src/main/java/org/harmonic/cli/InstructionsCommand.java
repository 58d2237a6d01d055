package org.harmonic.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.harmonic.core.knn.InstructionBuilder;
import org.harmonic.core.knn.InstructionConfig;
import org.harmonic.core.knn.InstructionJsonl;
import org.harmonic.core.knn.InstructionSet;
import org.harmonic.core.options.InstructionsOptions;
import org.harmonic.core.options.OptionSpec.Front;
import org.harmonic.core.table.CsvTableReader;
import org.harmonic.core.table.Table;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code harmonic instructions}: the KNN Instruction Builder on a CSV file. */
@Command(name = "instructions", mixinStandardHelpOptions = true, defaultValueProvider = CoreDefaults.class,
        description = {"Build HARMONIC's KNN instruction dataset from a CSV table: for every row, its k nearest rows "
                + "are the examples and the row is the answer. Output: JSON Lines in the reference's format.",
            "Example: harmonic instructions --input examples/german_train.csv --target status "
                + "--out-train german_knn_train.jsonl --out-prompts german_knn_syn.jsonl"})
final class InstructionsCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--input", required = true, paramLabel = "FILE", description = "training table (CSV with header)")
    private Path input;

    @Option(names = "--target", required = true, paramLabel = "COLUMN", description = "label column")
    private String target;

    @Option(names = "--description", paramLabel = "TEXT",
            description = "what the table is about, for the prompt header (default: from the file name)")
    private String description;

    @Option(names = "--task", paramLabel = "TASK", description = "auto, \"binary classification\", "
            + "\"multi classification\" or regression; auto infers it from the target column (default: ${DEFAULT-VALUE})")
    private String task;

    @Option(names = "--k", description = "neighbours per instruction, 1-9 (default: ${DEFAULT-VALUE})")
    private int k;

    @Option(names = "--seed", description = "seed of prompts and permutations (default: ${DEFAULT-VALUE})")
    private long seed;

    @Option(names = "--preset", paramLabel = "reference|default",
            description = "reference: exactly the reference implementation (random-row prompts, numpy seeding); "
                    + "default: re-sampled neighbour prompts that never equal a training group (default: ${DEFAULT-VALUE})")
    private String preset;

    @Option(names = "--filter", paramLabel = FILTER_LABEL,
            description = FILTER_HELP)
    private String filter;

    @Option(names = "--encoding", paramLabel = "label|scaled|one-hot",
            description = "categorical columns in the distance; label: unscaled codes as the reference "
                    + "(default: ${DEFAULT-VALUE})")
    private String encoding;

    @Option(names = "--neighbours-by", paramLabel = NEIGHBOURS_BY_LABEL,
            description = NEIGHBOURS_BY_HELP)
    private String neighboursBy;

    /** The values of --filter and --neighbours-by, for every command that builds instructions. */
    static final String FILTER_LABEL = "preset|reference|majority|lift|none|auto";
    static final String NEIGHBOURS_BY_LABEL = "preset|features-and-label|features|features-by-rank";

    /** The help of --neighbours-by, for every command that builds instructions. */
    static final String NEIGHBOURS_BY_HELP = "what the neighbour distance measures: the features and the label (as the "
            + "reference), or the features only, so that neighbourhoods cross the class boundary as the features do, "
            + "scaled as the reference scales them or, features-by-rank, with numbers by their rank and category codes "
            + "scaled, so that every column weighs alike; preset: the preset's. Generation prompts are drawn with it "
            + "too; an instruction file does not show it, so give it to 'fit --instructions' as well (default: "
            + "${DEFAULT-VALUE})";

    /** The help of --filter, for every command that builds instructions. */
    static final String FILTER_HELP = "label-consistency filter; preset: the preset's (reference, or auto for the "
            + "default preset); lift: a group is kept when its label is at least as common among the neighbours as in "
            + "the table; auto: lift, unless a logistic regression of the numeric columns ranks the rare label far "
            + "better than a row's nearest rows do (the numbers decide it and the neighbour search misses them): then "
            + "no filter, and neighbours by the features by rank (default: ${DEFAULT-VALUE})";

    @Option(names = "--permute", description = "permute the feature order per instruction (the paper's ablation; "
            + "the label column stays last)")
    private boolean permute;

    @Option(names = "--prompts", paramLabel = "N", description = "number of generation prompts written to "
            + "--out-prompts (default: one per row)")
    private Integer prompts;

    @Option(names = "--out-train", required = true, paramLabel = "FILE", description = "training instructions (JSONL)")
    private Path outTrain;

    @Option(names = "--out-prompts", paramLabel = "FILE", description = "generation prompts (JSONL); skipped if not given")
    private Path outPrompts;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        InstructionConfig config = new InstructionsOptions(Front.CLI, target, description, task, preset, k, filter,
                encoding, neighboursBy, permute, seed, prompts).config(describe(input));
        if (outPrompts == null) {
            config = config.withPromptCount(0); // no prompt file, no prompts
        }

        Table table = new CsvTableReader().read(input);
        ConsoleProgress progress = new ConsoleProgress(err, System.console() != null);
        InstructionSet set = new InstructionBuilder().build(table, config, progress).requireTraining();
        progress.finish();

        InstructionJsonl.write(set.training(), outTrain);
        if (outPrompts != null) {
            try {
                InstructionJsonl.write(set.prompts(), outPrompts);
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(outTrain); // all outputs or none
                throw e;
            }
        }
        out.printf("%d training instructions from %d rows (task: %s, k = %d)%n", set.training().size(), set.rows(),
                set.config().task().promptText(), k);
        if (set.filterChoice() != null) {
            out.println(set.filterChoice());
        }
        if (!set.droppedByLabel().isEmpty()) {
            out.printf("label filter kept %s, dropped %s%n", set.keptByLabel(), set.droppedByLabel());
        }
        set.warnings().forEach(w -> err.println("warning: " + w));
        out.printf("wrote %s%n", outTrain);
        if (outPrompts != null) {
            out.printf("wrote %d generation prompts to %s%n", set.prompts().size(), outPrompts);
        }
        return Harmonic.EXIT_OK;
    }

    /** "german_train.csv" -> "german train". */
    static String describe(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        if (dot > 0) {
            name = name.substring(0, dot);
        }
        return name.replace('_', ' ').replace('-', ' ').trim();
    }
}
