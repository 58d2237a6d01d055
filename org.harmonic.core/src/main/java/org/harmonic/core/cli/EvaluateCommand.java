package org.harmonic.core.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;

import org.harmonic.core.knn.TaskType;
import org.harmonic.core.metrics.DcrVariant;
import org.harmonic.core.metrics.Evaluation;
import org.harmonic.core.metrics.EvaluationConfig;
import org.harmonic.core.metrics.EvaluationReport;
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
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Compare a synthetic table with the real training table: DM, WD, CS (+ column shapes and "
                + "pair trends), MLE (needs --test), DCR, NRS. Writes report.json and optionally a self-contained "
                + "report.html.",
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
            description = "metrics to compute, comma-separated: dm,wd,cs,mle,dcr,nrs (default: all; mle only with "
                    + "--test)")
    private String[] metrics;

    @Option(names = "--out", required = true, paramLabel = "report.json", description = "JSON report to write")
    private Path out;

    @Option(names = "--html", paramLabel = "report.html", description = "also write a self-contained HTML report")
    private Path html;

    @Option(names = "--seed", defaultValue = "416", description = "seed of splits, models and baselines (default: "
            + "${DEFAULT-VALUE})")
    private long seed;

    @Option(names = "--dcr", defaultValue = "mean", paramLabel = "mean|reference",
            description = "primary DCR: mean synthetic-to-real distance (default) or the reference script's "
                    + "5th-percentile summary with NNDR")
    private String dcr;

    @Option(names = "--task", paramLabel = "TASK", description = "\"binary classification\", \"multi "
            + "classification\" or regression (default: inferred from the target column)")
    private String task;

    @Option(names = "--threads", paramLabel = "N", description = "worker threads (default: all cores)")
    private Integer threads;

    @Option(names = "--wd-max-rows", defaultValue = "5000", paramLabel = "N",
            description = "subsample larger tables to N rows for the Sinkhorn divergence, 0 = never (default: "
                    + "${DEFAULT-VALUE})")
    private int wdMaxRows;

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        EvaluationConfig config = EvaluationConfig.defaults().withSeed(seed).withSinkhornMaxRows(wdMaxRows)
                .withDcrVariant(InstructionsCommand.parseEnum(DcrVariant.class, dcr, "--dcr"));
        if (metrics != null) {
            config = config.withMetrics(Arrays.asList(metrics));
            if (config.metrics().isEmpty()) {
                throw new HarmonicInputException("--metrics names no metric; use e.g. --metrics dm,wd,cs");
            }
        }
        if (task != null) {
            config = config.withTask(TaskType.parse(task));
        }
        if (threads != null) {
            config = config.withThreads(threads);
        }
        if (config.metrics().contains("mle") && test == null) {
            throw new HarmonicInputException("--metrics includes mle, which needs the real test table: add "
                    + "--test TEST.csv (rows the generator never saw)");
        }
        CsvTableReader reader = new CsvTableReader();
        Table realTable = reader.read(real);
        Table synTable = reader.read(synthetic);
        Table testTable = test == null ? null : reader.read(test);

        ConsoleProgress progress = new ConsoleProgress(err, System.console() != null);
        EvaluationReport report;
        try {
            report = Evaluation.evaluate(realTable, synTable, testTable, target, config, progress);
        } finally {
            progress.finish();
        }
        ReportJson.write(report, out);
        if (html != null) {
            try {
                HtmlReport.write(report, html);
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
