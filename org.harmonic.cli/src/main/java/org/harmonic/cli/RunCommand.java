package org.harmonic.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import org.harmonic.core.generator.GeneratorInfo;
import org.harmonic.core.knn.InstructionConfig;
import org.harmonic.core.options.InstructionsOptions;
import org.harmonic.core.options.OptionSpec.Front;
import org.harmonic.core.knn.InstructionSet;
import org.harmonic.core.metrics.evaluation.EvaluationReport;
import org.harmonic.core.report.HtmlReport;
import org.harmonic.core.report.ReportJson;
import org.harmonic.core.synth.Synthesizer;
import org.harmonic.core.table.CsvTableReader;
import org.harmonic.core.table.CsvTableWriter;
import org.harmonic.core.table.Table;
import org.harmonic.core.table.TableProfile;
import org.harmonic.core.util.AtomicFiles;
import org.harmonic.core.pipeline.HarmonicPipeline;
import org.harmonic.core.pipeline.HarmonicPipeline.LanguageModelChoice;
import org.harmonic.core.util.HarmonicInputException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code harmonic run}: the whole job, instructions -> fit -> synthesize -> evaluate. */
@Command(name = "run", mixinStandardHelpOptions = true, defaultValueProvider = CoreDefaults.class,
        description = {"The whole HARMONIC job on a training table: build KNN instructions, fine-tune a generator, "
                + "synthesize as many rows as the input has, and evaluate them. Writes DIR/synthetic.csv, "
                + "DIR/generator/ and DIR/report.json.",
            "Example: harmonic run --input examples/german_train.csv --target status --out out/german"})
final class RunCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--input", required = true, paramLabel = "TRAIN.csv", description = "real training table")
    private Path input;

    @Option(names = "--target", required = true, paramLabel = "COLUMN", description = "label column")
    private String target;

    @Option(names = "--test", paramLabel = "TEST.csv", description = "real test table for the utility metrics")
    private Path test;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "output directory")
    private Path out;

    @Option(names = "--description", paramLabel = "TEXT", description = "what the table is about "
            + "(default: from the file name)")
    private String description;

    @Option(names = "--rows", paramLabel = "N", description = "synthetic rows (default: as many as the input has)")
    private Integer rows;

    @Option(names = "--k", description = "neighbours per instruction (default: ${DEFAULT-VALUE})")
    private int k;

    @Option(names = "--filter", paramLabel = InstructionsCommand.FILTER_LABEL,
            description = InstructionsCommand.FILTER_HELP)
    private String filter;

    @Option(names = "--neighbours-by", paramLabel = InstructionsCommand.NEIGHBOURS_BY_LABEL,
            description = InstructionsCommand.NEIGHBOURS_BY_HELP)
    private String neighboursBy;

    @Option(names = "--permute", description = "permute the feature order per instruction")
    private boolean permute;

    @Option(names = "--seed", defaultValue = "416", description = "seed of every step; the same seed gives the same "
            + "output, except with --dp-epsilon, whose noise is never seeded (default: ${DEFAULT-VALUE})")
    private long seed;

    @Option(names = "--lm-metrics", defaultValue = "all", paramLabel = "all|dlt|none", description = "language-model "
            + "metrics to compute: DLT and LLE (LLE needs --test and fine-tunes two classifier models, a few "
            + "minutes), DLT only, or none (default: ${DEFAULT-VALUE})")
    private String languageModelMetrics;

    @Option(names = "--mle-repeats", paramLabel = "N", description = "run MLE's protocol N times, under seeds SEED, "
            + "SEED + 1, ..., and report the means (as 'harmonic evaluate --mle-repeats') (default: ${DEFAULT-VALUE})")
    private int mleRepeats;

    @Mixin
    private TrainingOptions training;

    @Mixin
    private SamplingOptions sampling;

    @Override
    public Integer call() throws IOException {
        // Every option is checked before the first long step: a misspelt value found only after the
        // training (as --lm-metrics, --condition and HARMONIC_THREADS once were) costs the training.
        checkOutputDirectory();
        LanguageModelChoice lm = LanguageModelChoice.parse(languageModelMetrics, "--lm-metrics");
        training.check();
        sampling.check(rows);
        if (sampling.chunk().count() > 1) {
            throw new HarmonicInputException("--chunk " + sampling.chunk + " splits sampling only: 'run' trains and "
                    + "evaluates the whole table; run 'harmonic fit' once, then 'harmonic synthesize --chunk I/N' per "
                    + "part, and 'harmonic evaluate' on the joined parts");
        }
        Table real = new CsvTableReader().read(input);
        Table testTable = test == null ? null : new CsvTableReader().read(test);
        InstructionConfig instructions = new InstructionsOptions(Front.CLI, target, description, null, null, k, filter,
                null, neighboursBy, permute, seed, null).config(InstructionsCommand.describe(input)).withPromptCount(0);
        // the schema the generator is trained with: the public one under --dp-public-schema
        HarmonicPipeline.Request request = new HarmonicPipeline.Request(real, testTable,
                training.schema(TableProfile.of(real, target)), instructions, training.options(),
                sampling.options(rows), seed, lm, mleRepeats, out.resolve("generator"));
        HarmonicPipeline.check(request);
        // From here on the run replaces the previous one in --out: its table and reports go now, so a
        // failure below can never leave them beside a generator they did not come from.
        removePreviousOutputs();
        ConsoleProgress progress = new ConsoleProgress(spec.commandLine().getErr(), System.console() != null);
        HarmonicPipeline.Result run = new HarmonicPipeline().run(request, new HarmonicPipeline.Listener() {
            @Override
            public void instructions(InstructionSet set) {
                set.warnings().forEach(w -> spec.commandLine().getErr().println("warning: " + w));
                if (set.filterChoice() != null) {
                    spec.commandLine().getErr().println(set.filterChoice());
                }
            }

            @Override
            public void synthetic(Table synthetic) throws IOException {
                new CsvTableWriter().write(synthetic, out.resolve("synthetic.csv"));
            }
        }, progress);
        InstructionSet set = run.instructions();
        GeneratorInfo info = run.generator();
        Synthesizer.Result result = run.synthesis();
        EvaluationReport evaluated = run.evaluation();
        Map<String, Object> report = new LinkedHashMap<>(ReportJson.tree(evaluated));
        Map<String, Object> instructionsReport = new LinkedHashMap<>();
        instructionsReport.put("examples", set.training().size());
        instructionsReport.put("filter", set.config().filter().text());
        instructionsReport.put("neighbours_by", set.config().neighboursBy().text());
        if (set.filterChoice() != null) {
            instructionsReport.put("filter_choice", set.filterChoice());
        }
        instructionsReport.put("kept_by_label", set.keptByLabel());
        instructionsReport.put("dropped_by_label", set.droppedByLabel());
        report.put("run", Map.of("instructions", instructionsReport,
                "generator", info, "synthesis", result.stats()));
        AtomicFiles.writeString(out.resolve("report.json"), new ObjectMapper()
                .enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report));
        HtmlReport.write(evaluated, info.privacy(), out.resolve("report.html"));
        progress.report(1, "done");
        progress.finish();

        Synthesizer.Stats s = result.stats();
        GeneratorInfo.TrainingSummary t = info.training();
        spec.commandLine().getOut().printf("instructions: %d examples from %d rows%n", set.training().size(),
                real.rowCount());
        spec.commandLine().getOut().printf("generator: %s model, %,d parameters, %d steps, loss %.3f -> %.3f, %.0f s%n",
                info.baseModel(), t.parameters(), t.steps(), t.firstLoss(), t.finalLoss(), t.seconds());
        if (t.candidates() != null) {
            spec.commandLine().getOut().printf("candidates: %s%n", GeneratorInfo.describeCandidates(t.candidates()));
        }
        if (info.privacy() != null) {
            spec.commandLine().getOut().printf("privacy: %s%n", GeneratorInfo.describePrivacy(info.privacy()));
        }
        spec.commandLine().getOut().printf("synthetic: %d rows from %d candidates%s (rejected: %s), %.0f s%n",
                s.accepted(), s.candidates(), SynthesizeCommand.ofPrompts(s), s.rejected(), s.seconds());
        spec.commandLine().getOut().print(SynthesizeCommand.predictorsLine(s));
        spec.commandLine().getOut().printf("metrics: %s%n", summary(evaluated));
        spec.commandLine().getOut().printf("wrote %s, %s, %s, %s%n", out.resolve("synthetic.csv"),
                request.generatorDir(), out.resolve("report.json"), out.resolve("report.html"));
        return Harmonic.EXIT_OK;
    }

    private static String summary(EvaluationReport report) {
        StringBuilder s = new StringBuilder();
        Map<String, Object> tree = ReportJson.tree(report);
        Object metrics = tree.get("metrics");
        if (metrics instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                Object value = e.getValue() instanceof Map<?, ?> v ? v.get("value") : null;
                s.append(s.length() == 0 ? "" : ", ").append(e.getKey()).append(' ')
                        .append(value instanceof Number n ? String.format("%.3f", n.doubleValue()) : value);
            }
        }
        return s.toString();
    }

    /** --out must be new, empty, or hold only an earlier run's outputs: nothing else is overwritten. */
    private void checkOutputDirectory() throws IOException {
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new HarmonicInputException(out + " is a file; give --out a new or empty directory");
        }
        if (Files.isDirectory(out)) {
            try (Stream<Path> files = Files.list(out)) {
                if (files.anyMatch(p -> !isRunOutput(p))) {
                    throw new HarmonicInputException(out + " already holds other files; choose a new or empty --out "
                            + "directory");
                }
            }
        }
    }

    /**
     * Deletes an earlier run's table and reports, and the staging files a killed run left; the
     * generator stays until the new one replaces it whole (GeneratorDirectory.commit).
     */
    private void removePreviousOutputs() throws IOException {
        if (!Files.isDirectory(out)) {
            return;
        }
        for (String name : OUTPUT_FILES) {
            Files.deleteIfExists(out.resolve(name));
        }
        try (Stream<Path> files = Files.list(out)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                if (STAGING.matcher(p.getFileName().toString()).matches()) {
                    AtomicFiles.deleteTree(p);
                }
            }
        }
    }

    private static final List<String> OUTPUT_FILES = List.of("synthetic.csv", "report.json", "report.html");

    /** Temporary siblings of the outputs (AtomicFiles, GeneratorDirectory) that only a killed run leaves. */
    private static final Pattern STAGING = Pattern.compile(
            "\\.(generator|synthetic\\.csv|report\\.json|report\\.html)\\.[0-9a-f]+\\.(part|old)");

    private static boolean isRunOutput(Path p) {
        String name = p.getFileName().toString();
        return name.equals("generator") || name.equals("synthetic.csv") || name.startsWith("report.")
                || name.startsWith(".");
    }
}
