package org.harmonic.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;

import org.harmonic.core.generator.Generator;
import org.harmonic.core.metrics.evaluation.Evaluation;
import org.harmonic.core.metrics.EvaluationConfig;
import org.harmonic.core.metrics.evaluation.EvaluationReport;
import org.harmonic.core.metrics.lm.LanguageModelMetrics;
import org.harmonic.core.metrics.lm.LlmEffectiveness;
import org.harmonic.core.metrics.Metric;
import org.harmonic.core.options.EvaluateOptions;
import org.harmonic.core.options.OptionSpec.Front;
import org.harmonic.core.metrics.MetricResult;
import org.harmonic.core.report.HtmlReport;
import org.harmonic.core.report.ReportJson;
import org.harmonic.core.table.CsvTableReader;
import org.harmonic.core.table.Table;
import org.harmonic.core.util.HarmonicInputException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code harmonic evaluate}: fidelity, utility and privacy metrics of a synthetic table. */
@Command(name = "evaluate", mixinStandardHelpOptions = true, defaultValueProvider = CoreDefaults.class,
        description = {"Compare a synthetic table with the real training table: DM, WD, CS (+ column shapes and "
                + "pair trends), MLE (needs --test), DCR, NRS; with --generator also DLT and (with --test) LLE. "
                + "Writes report.json and optionally a self-contained report.html.",
            "Example: harmonic evaluate --real examples/german_train.csv --synthetic syn.csv --target status "
                + "--test examples/german_test.csv --out report.json --html report.html"})
final class EvaluateCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--real", required = true, paramLabel = "TRAIN.csv", description = "real training table")
    private Path real;

    @Option(names = "--synthetic", required = true, paramLabel = "SYN.csv", description = "synthetic table")
    private Path synthetic;

    @Option(names = "--target", required = true, paramLabel = "COLUMN", description = "label column")
    private String target;

    @Option(names = "--test", paramLabel = "TEST.csv", description = "real test table (held out); needed for MLE")
    private Path test;

    @Option(names = "--metrics", paramLabel = "LIST", split = ",",
            description = "metrics to compute, comma-separated: dm,wd,cs,mle,dcr,nrs,dlt,lle (default: all; mle only "
                    + "with --test; dlt with --generator; lle with --generator and --test)")
    private String[] metrics;

    @Option(names = "--out", required = true, paramLabel = "report.json", description = "JSON report to write")
    private Path out;

    @Option(names = "--html", paramLabel = "report.html", description = "also write a self-contained HTML report")
    private Path html;

    @Option(names = "--seed", description = "seed of splits, models and baselines (default: "
            + "${DEFAULT-VALUE})")
    private long seed;

    @Option(names = "--dcr", paramLabel = "mean|reference",
            description = "primary DCR: mean synthetic-to-real distance or the reference script's "
                    + "5th-percentile summary with NNDR (default: ${DEFAULT-VALUE})")
    private String dcr;

    @Option(names = "--task", paramLabel = "TASK", description = "auto, \"binary classification\", \"multi "
            + "classification\" or regression; auto infers it from the target column (default: ${DEFAULT-VALUE})")
    private String task;

    @Option(names = "--threads", paramLabel = "N", description = "worker threads (default: all cores)")
    private Integer threads;

    @Option(names = "--wd-max-rows", paramLabel = "N",
            description = "subsample larger tables to N rows for the Sinkhorn divergence, 0 = never (default: "
                    + "${DEFAULT-VALUE})")
    private int wdMaxRows;

    @Option(names = "--mle-repeats", paramLabel = "N",
            description = "run MLE's protocol N times, under seeds SEED, SEED + 1, ..., and report the means and "
                    + "their spread; one run's MCC on a few hundred rows moves by about 0.02 with the seed "
                    + "(default: ${DEFAULT-VALUE})")
    private int mleRepeats;

    @Option(names = "--generator", paramLabel = "DIR", description = "the generator directory that made the "
            + "synthetic table; enables DLT (and LLE with --test)")
    private Path generator;

    @Option(names = "--device", paramLabel = "cpu|gpu",
            description = "where DLT and LLE run their language models (default: ${DEFAULT-VALUE})")
    private String device;

    @Option(names = "--dlt", paramLabel = "exp|reference",
            description = "DLT perplexity: exp of the mean token NLL or the reference's 2^mean_nats (default: "
                    + "${DEFAULT-VALUE})")
    private String dltBase;

    @Option(names = "--dlt-max-rows", paramLabel = "N",
            description = "rows per table DLT scores at most (seeded subsample), 0 = all (default: ${DEFAULT-VALUE})")
    private int dltMaxRows;

    @Option(names = "--lle-labels", paramLabel = "V=WORD,...", description = "LLE label words by label value, e.g. "
            + "0=good,1=bad (default: the label values' own text)")
    private String lleLabels;

    @Option(names = "--lle-instruction", paramLabel = "TEXT", description = "LLE task instruction before each row "
            + "(default: a generic one naming the label words)")
    private String lleInstruction;

    @Option(names = "--lle-base", paramLabel = "HF_DIR", description = "Hugging Face checkpoint to fine-tune as the "
            + "LLE classifier (default: the small default model from scratch; the base named in the generator's "
            + "harmonic.json is never read unless given here)")
    private Path lleBase;

    @Option(names = "--lle-epochs", paramLabel = "N", description = "LLE fine-tuning epochs (default: ${DEFAULT-VALUE})")
    private Integer lleEpochs;

    @Option(names = "--lle-size", paramLabel = "standard|tiny",
            description = "size of the from-scratch LLE model (default: ${DEFAULT-VALUE})")
    private String lleSize;

    @Option(names = "--lle-max-train-rows", paramLabel = "N",
            description = "rows LLE fine-tunes on at most (seeded subsample), 0 = all (default: ${DEFAULT-VALUE})")
    private int lleMaxTrainRows;

    @Option(names = "--lle-decision", paramLabel = "prior_corrected|likelihood",
            description = "how LLE reads a prediction: prior_corrected (label-word NLL + log class frequency of the "
                    + "fine-tuning rows; a weak classifier is not scored as 'always the majority class') or "
                    + "likelihood (lowest mean label-word NLL, the reference's reading) (default: ${DEFAULT-VALUE})")
    private String lleDecision;

    /** The options as the core's model of them. */
    private EvaluateOptions options() {
        return new EvaluateOptions(Front.CLI, task, seed, metrics == null ? null : Arrays.asList(metrics), dcr, threads,
                wdMaxRows, mleRepeats, device, dltBase, dltMaxRows, null, lleLabels, lleInstruction, lleBase, lleEpochs, lleSize,
                lleMaxTrainRows, null, lleDecision);
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        EvaluateOptions options = options();
        EvaluationConfig config = options.evaluation();
        if (config.metrics().contains("mle") && test == null) {
            throw new HarmonicInputException("--metrics includes mle, which needs the real test table: add "
                    + "--test TEST.csv (rows the generator never saw)");
        }
        boolean explicit = !config.metrics().isEmpty();
        if (config.metrics().contains("dlt") && generator == null) {
            throw new HarmonicInputException("--metrics includes dlt, which scores rows with the generator: add "
                    + "--generator DIR (the directory 'harmonic fit' wrote)");
        }
        if (config.metrics().contains("lle") && test == null) {
            throw new HarmonicInputException("--metrics includes lle, which needs the real test table: add "
                    + "--test TEST.csv (rows the generator never saw)");
        }
        LanguageModelMetrics.Options lmOptions = options.languageModel();
        CsvTableReader reader = new CsvTableReader();
        Table realTable = reader.read(real);
        Table synTable = reader.read(synthetic);
        Table testTable = test == null ? null : reader.read(test);

        ConsoleProgress progress = new ConsoleProgress(err, System.console() != null);
        EvaluationReport report;
        java.util.Map<String, Object> privacy = null;
        try (Generator g = generator == null ? null : Generator.open(generator, options.deviceValue())) {
            if (g != null) {
                privacy = g.info().privacy();
                String note = test == null ? null : LanguageModelMetrics.untrustedBaseNote(g, lmOptions);
                if (note != null) {
                    err.println(note);
                }
                for (Metric m : LanguageModelMetrics.forGenerator(g, test != null, lmOptions)) {
                    config = config.withExtraMetric(m);
                }
            } else if (explicit && config.metrics().contains("lle")) {
                config = config.withExtraMetric(new LlmEffectiveness(lmOptions.lle()));
            }
            report = Evaluation.evaluate(realTable, synTable, testTable, target, config, progress);
        } finally {
            progress.finish();
        }
        ReportJson.write(report, out);
        if (html != null) {
            try {
                HtmlReport.write(report, privacy, html);
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(out); // all outputs or none
                throw e;
            }
        }
        for (String w : report.warnings()) {
            err.println("harmonic: warning: " + w);
        }
        for (MetricResult r : report.results()) {
            stdout.printf("%-4s %s%n", r.id(), r.value() == null ? "n/a" : String.format(java.util.Locale.ROOT, "%.6f",
                    r.value()));
        }
        stdout.printf("wrote %s%n", out);
        if (html != null) {
            stdout.printf("wrote %s%n", html);
        }
        return Harmonic.EXIT_OK;
    }
}
