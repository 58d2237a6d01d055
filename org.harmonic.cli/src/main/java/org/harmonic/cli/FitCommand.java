package org.harmonic.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.harmonic.core.generator.FineTuner;
import org.harmonic.core.generator.GeneratorInfo;
import org.harmonic.core.knn.FilterMode;
import org.harmonic.core.knn.InstructionBuilder;
import org.harmonic.core.knn.InstructionConfig;
import org.harmonic.core.options.InstructionsOptions;
import org.harmonic.core.options.OptionSpec.Front;
import org.harmonic.core.knn.InstructionExample;
import org.harmonic.core.knn.InstructionReader;
import org.harmonic.core.knn.InstructionSet;
import org.harmonic.core.knn.NeighbourBasis;
import org.harmonic.core.table.CsvTableReader;
import org.harmonic.core.table.Table;
import org.harmonic.core.table.TableProfile;
import org.harmonic.core.util.HarmonicInputException;

import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code harmonic fit}: the LLM Fine-Tuner. */
@Command(name = "fit", mixinStandardHelpOptions = true, defaultValueProvider = CoreDefaults.class,
        description = {"Fine-tune a generator on HARMONIC instructions and write the generator directory "
                + "(config.json, model.safetensors, tokenizer.json, harmonic.json).",
            "Example: harmonic fit --input examples/german_train.csv --target status --out german-generator"})
final class FitCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    static final class Source {
        @Option(names = "--instructions", required = true, paramLabel = "FILE.jsonl",
                description = "instructions written by 'harmonic instructions'")
        Path instructions;

        @ArgGroup(exclusive = false)
        TableSource table;
    }

    static final class TableSource {
        @Option(names = "--input", required = true, paramLabel = "CSV", description = "training table; instructions "
                + "are built first with the default preset")
        Path input;

        @Option(names = "--target", required = true, paramLabel = "COLUMN", description = "label column")
        String target;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    private Source source;

    // The options that shape instructions built from --input. Outside the group, so that giving one with
    // --instructions is told what is wrong (the file keeps its own) rather than that --input is missing.
    @Option(names = "--description", paramLabel = "TEXT", description = "with --input: what the table is about "
            + "(default: from the file name)")
    private String description;

    @Option(names = "--filter", paramLabel = InstructionsCommand.FILTER_LABEL,
            description = "with --input: " + InstructionsCommand.FILTER_HELP)
    private String filter;

    // as 'run' and 'instructions' offer them: without them a user who wanted three neighbours (docs/quality.md
    // section 47: fewer copies, higher fidelity) had to build an instruction file first
    @Option(names = "--k", description = "with --input: neighbours per instruction (default: ${DEFAULT-VALUE})")
    private Integer k;

    @Option(names = "--permute", description = "with --input: permute the feature order per instruction")
    private boolean permute;

    @Option(names = "--neighbours-by", paramLabel = InstructionsCommand.NEIGHBOURS_BY_LABEL,
            description = "what the neighbour distance measures, for the instructions built from --input and for the "
            + "generation prompts; with --instructions, say how the file was built (the file does not show it) "
            + "(default: ${DEFAULT-VALUE})")
    private String neighboursBy;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "generator directory to write")
    private Path out;

    @Option(names = "--seed", defaultValue = "416", description = "seed; the same seed trains the same "
            + "generator, except with --dp-epsilon, whose noise is never seeded (default: ${DEFAULT-VALUE})")
    private long seed;

    @Mixin
    private TrainingOptions training;

    /**
     * An instruction file carries its own description, filter, k and feature order: options that would build them
     * are a mistake.
     */
    private void checkInstructionFileOptions() {
        if (source.instructions == null) {
            return;
        }
        // matched, not non-null: the core's defaults fill --filter and --k whether given or not
        CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
        List<String> given = new ArrayList<>();
        for (String name : List.of("--description", "--filter", "--k", "--permute")) {
            if (parsed.hasMatchedOption(name)) {
                given.add(name);
            }
        }
        if (!given.isEmpty()) {
            throw new HarmonicInputException(String.join(", ", given) + " shape" + (given.size() == 1 ? "s" : "")
                    + " the instructions fit builds from --input; " + source.instructions + " was built with its own "
                    + "(fit reads them from its prompts): drop " + (given.size() == 1 ? "it" : "them") + ", or build "
                    + "the file again with 'harmonic instructions' and these options");
        }
    }

    @Override
    public Integer call() {
        training.check(); // before the table is read and the instructions built
        checkInstructionFileOptions();
        ConsoleProgress progress = new ConsoleProgress(spec.commandLine().getErr(), System.console() != null);
        List<InstructionExample> examples;
        TableProfile schema;
        InstructionConfig instructions;
        int tableRows = 0;
        if (source.table != null) {
            Table table = new CsvTableReader().read(source.table.input);
            instructions = new InstructionsOptions(Front.CLI, source.table.target, description, null, null, k,
                    filter, null, neighboursBy, permute, seed, null)
                    .config(InstructionsCommand.describe(source.table.input)).withPromptCount(0);
            InstructionSet set = new InstructionBuilder().build(table, instructions, progress.sub(0, 0.02))
                    .requireTraining();
            set.warnings().forEach(w -> spec.commandLine().getErr().println("warning: " + w));
            if (set.filterChoice() != null) {
                spec.commandLine().getErr().println(set.filterChoice());
            }
            examples = set.training();
            instructions = set.config();
            schema = TableProfile.of(table, source.table.target);
            tableRows = table.rowCount();
        } else {
            examples = InstructionReader.read(source.instructions);
            Table rows = InstructionReader.rows(examples, source.instructions.toString());
            String target = rows.schema().get(rows.columnCount() - 1).name();
            schema = TableProfile.of(rows, target);
            // the settings the prompts show (description, task, k, permutation), as the KNIME Fine-Tuner reads
            // them: a description taken from the file name put another header on the generation prompts than
            // the training prompts had, and without the task the label shares and label temperature were off
            instructions = InstructionReader.settings(examples, target).withSeed(seed);
            NeighbourBasis basis = InstructionsOptions.neighbourBasis(Front.CLI, neighboursBy);
            if (basis != null) {
                // the filter does not shape generation prompts, but the automatic one would choose the basis
                // again from the synthesizer's table: the basis given pairs with the filter auto pairs it with
                instructions = instructions.withNeighboursBy(basis)
                        .withFilter(basis.includesLabel() ? FilterMode.LIFT : FilterMode.NONE);
            }
        }
        if (examples.isEmpty()) {
            throw new HarmonicInputException("no instruction examples to train on");
        }
        GeneratorInfo info = new FineTuner().fit(new FineTuner.Request(examples, training.schema(schema), instructions,
                training.base,
                training.config(seed, tableRows, examples.size()), training.device, training.size()), out, progress.sub(0.02, 1));
        progress.finish();
        GeneratorInfo.TrainingSummary t = info.training();
        spec.commandLine().getOut().printf("trained %s model (%,d parameters) on %d instructions: %d steps, "
                + "loss %.3f -> %.3f, %.0f s%nwrote %s%n", info.baseModel(), t.parameters(), t.examples(), t.steps(),
                t.firstLoss(), t.finalLoss(), t.seconds(), out);
        if (t.candidates() != null) {
            spec.commandLine().getOut().printf("candidates: %s%n", GeneratorInfo.describeCandidates(t.candidates()));
        }
        if (info.privacy() != null) {
            spec.commandLine().getOut().printf("privacy: %s%n", GeneratorInfo.describePrivacy(info.privacy()));
        }
        return Harmonic.EXIT_OK;
    }
}
