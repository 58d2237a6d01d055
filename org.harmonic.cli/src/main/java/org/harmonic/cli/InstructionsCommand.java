package org.harmonic.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.harmonic.core.neighbours.CategoricalEncoding;
import org.harmonic.core.knn.FilterMode;
import org.harmonic.core.knn.InstructionBuilder;
import org.harmonic.core.knn.InstructionConfig;
import org.harmonic.core.knn.InstructionJsonl;
import org.harmonic.core.knn.InstructionSet;
import org.harmonic.core.knn.TaskType;
import org.harmonic.core.table.CsvTableReader;
import org.harmonic.core.table.Table;
import org.harmonic.core.util.HarmonicInputException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code harmonic instructions}: the KNN Instruction Builder on a CSV file. */
@Command(name = "instructions", mixinStandardHelpOptions = true,
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

    @Option(names = "--task", paramLabel = "TASK", description = "\"binary classification\", \"multi classification\" "
            + "or regression (default: inferred from the target column)")
    private String task;

    @Option(names = "--k", defaultValue = "5", description = "neighbours per instruction, 1-9 (default: ${DEFAULT-VALUE})")
    private int k;

    @Option(names = "--seed", defaultValue = "416", description = "seed of prompts and permutations (default: ${DEFAULT-VALUE})")
    private long seed;

    @Option(names = "--preset", defaultValue = "default", paramLabel = "reference|default",
            description = "reference: exactly the reference implementation (random-row prompts, numpy seeding); "
                    + "default: re-sampled neighbour prompts that never equal a training group (default: ${DEFAULT-VALUE})")
    private String preset;

    @Option(names = "--filter", paramLabel = "reference|majority|none",
            description = "label-consistency filter (default: the preset's: reference or majority)")
    private String filter;

    @Option(names = "--encoding", paramLabel = "label|scaled|one-hot",
            description = "categorical columns in the distance (default: label, unscaled codes as the reference)")
    private String encoding;

    @Option(names = "--permute", description = "permute the feature order per instruction (the paper's ablation; "
            + "the label column stays last)")
    private boolean permute;

    @Option(names = "--prompts", paramLabel = "N", description = "number of generation prompts (default: one per row)")
    private Integer prompts;

    @Option(names = "--out-train", required = true, paramLabel = "FILE", description = "training instructions (JSONL)")
    private Path outTrain;

    @Option(names = "--out-prompts", paramLabel = "FILE", description = "generation prompts (JSONL); skipped if not given")
    private Path outPrompts;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        InstructionConfig config = InstructionConfig.of(InstructionConfig.Preset.parse(preset), target)
                .withK(k).withSeed(seed).withPermute(permute)
                .withDescription(description != null ? description : describe(input));
        if (task != null) {
            config = config.withTask(TaskType.parse(task));
        }
        if (filter != null) {
            config = config.withFilter(parseEnum(FilterMode.class, filter, "--filter"));
        }
        if (encoding != null) {
            config = config.withEncoding(parseEnum(CategoricalEncoding.class, encoding.replace('-', '_'), "--encoding"));
        }
        config = config.withPromptCount(outPrompts == null ? 0 : prompts == null ? -1 : prompts);
        if (prompts != null && prompts < 1) {
            throw new HarmonicInputException("--prompts must be at least 1, got " + prompts);
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

    static <E extends Enum<E>> E parseEnum(Class<E> type, String text, String option) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(text.trim())) {
                return e;
            }
        }
        StringBuilder names = new StringBuilder();
        for (E e : type.getEnumConstants()) {
            names.append(names.length() == 0 ? "" : ", ").append(e.name().toLowerCase().replace('_', '-'));
        }
        throw new HarmonicInputException("unknown value '" + text + "' for " + option + "; use one of " + names);
    }
}
