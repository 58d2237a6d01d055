package org.harmonic.core.pipeline;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.harmonic.core.generator.FineTuner;
import org.harmonic.core.generator.Generator;
import org.harmonic.core.generator.GeneratorInfo;
import org.harmonic.core.knn.InstructionBuilder;
import org.harmonic.core.knn.InstructionConfig;
import org.harmonic.core.knn.InstructionSet;
import org.harmonic.core.lm.train.Trainer;
import org.harmonic.core.lm.train.TrainingConfig;
import org.harmonic.core.metrics.EvaluationConfig;
import org.harmonic.core.metrics.Metric;
import org.harmonic.core.metrics.evaluation.Evaluation;
import org.harmonic.core.metrics.evaluation.EvaluationReport;
import org.harmonic.core.metrics.lm.DataLeakageTest;
import org.harmonic.core.metrics.lm.LanguageModelMetrics;
import org.harmonic.core.metrics.lm.LlmEffectiveness;
import org.harmonic.core.options.FitOptions;
import org.harmonic.core.options.SynthesizeOptions;
import org.harmonic.core.synth.SynthesisConfig;
import org.harmonic.core.synth.Synthesizer;
import org.harmonic.core.table.Table;
import org.harmonic.core.table.TableProfile;
import org.harmonic.core.util.HarmonicInputException;
import org.harmonic.core.util.Progress;

/**
 * The whole HARMONIC job on a real table, in the paper's order: the KNN Instruction Builder, the
 * LLM Fine-Tuner, the Synthesizer, then the metrics (DM, WD, CS, MLE with a test table, DCR, NRS,
 * and the language-model metrics DLT and LLE as asked). {@code harmonic run} is this pipeline plus
 * files; tests run it on a tiny model.
 *
 * <p>{@link #check} does every check that needs no training, so a bad option or table costs
 * seconds; {@link #run} then reports progress over the phases in proportion to their estimated
 * cost ({@link RunPhases}).
 */
public final class HarmonicPipeline {

    /** Which language-model metrics the evaluation adds. */
    public enum LanguageModelChoice {
        /** DLT, and LLE when there is a test table. */
        ALL,
        /** DLT only. */
        DLT,
        /** Neither (the fastest evaluation). */
        NONE;

        /** Parses {@code all}, {@code dlt} or {@code none}, naming {@code option} in the error. */
        public static LanguageModelChoice parse(String text, String option) {
            String v = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
            for (LanguageModelChoice c : values()) {
                if (c.name().toLowerCase(Locale.ROOT).equals(v)) {
                    return c;
                }
            }
            throw new HarmonicInputException("unknown " + option + " '" + text + "'; use all, dlt or none");
        }
    }

    /**
     * What to run.
     *
     * @param real         the real training table
     * @param test         the real test table (MLE, LLE), or null
     * @param schema       the schema the generator is trained with: the real table's, or a public one (DP)
     * @param instructions the KNN Instruction Builder's settings (its seed is the job's)
     * @param fit          the Fine-Tuner's options
     * @param synthesis    the Synthesizer's options
     * @param seed         the job's seed
     * @param lm           the language-model metrics to add
     * @param mleRepeats   runs of MLE's protocol ({@link EvaluationConfig#mleRepeats()})
     * @param generatorDir where the generator is written
     */
    public record Request(Table real, Table test, TableProfile schema, InstructionConfig instructions, FitOptions fit,
            SynthesizeOptions synthesis, long seed, LanguageModelChoice lm, int mleRepeats, Path generatorDir) {

        /** The synthesis settings for this table. */
        public SynthesisConfig synthesisConfig() {
            return synthesis.config(real.rowCount(), seed);
        }
    }

    /** What a run made. */
    public record Result(InstructionSet instructions, GeneratorInfo generator, Synthesizer.Result synthesis,
            EvaluationReport evaluation) {
    }

    /** Hears of each product as soon as it exists, before the later phases (which may still fail). */
    public interface Listener {
        /** The instructions are built (their warnings are worth showing before the long training). */
        default void instructions(InstructionSet set) {
        }

        /** The synthetic table is made; the evaluation comes next. */
        default void synthetic(Table synthetic) throws java.io.IOException {
        }
    }

    /**
     * Every check that needs no training: the options, the tables against the metrics, the
     * conditions and balance column against the schema the generator is trained with.
     */
    public static void check(Request request) {
        request.fit().check();
        if (request.synthesis().chunk() != null && request.synthesis().chunk().count() > 1) {
            throw new HarmonicInputException("a chunk splits sampling only: the pipeline trains and evaluates the "
                    + "whole table; fit once, then synthesize each part, and evaluate the joined parts");
        }
        Evaluation.checkInputs(request.real(), request.test(), request.instructions().target());
        Synthesizer.check(request.schema(), request.real(), request.synthesisConfig());
    }

    /** Runs the job, telling {@code listener} of the instructions and the synthetic table as they come. */
    public Result run(Request request, Listener listener, Progress progress) throws java.io.IOException {
        check(request);
        Table real = request.real();
        SynthesisConfig synthesis = request.synthesisConfig();
        // the instructions' share of the bar is tiny whatever the table; the rest follows RunPhases
        InstructionSet set = new InstructionBuilder().build(real, request.instructions(), progress.sub(0, 0.01))
                .requireTraining();
        listener.instructions(set);
        FitOptions fit = request.fit();
        TrainingConfig training = fit.training(request.seed(), real.rowCount(), set.training().size());
        RunPhases phases = phases(training, set.training().size(), synthesis.rows() > 0 ? synthesis.rows()
                : real.rowCount(), real, request.test() != null, request.lm(), evaluation(request));
        GeneratorInfo info = new FineTuner().fit(new FineTuner.Request(set.training(), request.schema(), set.config(),
                fit.baseModel(), training, fit.deviceName(), fit.size()), request.generatorDir(),
                progress.sub(phases.instructionsEnd(), phases.trainingEnd()));

        try (Generator generator = Generator.open(request.generatorDir(), fit.deviceName())) {
            Synthesizer.Result result = new Synthesizer().synthesize(generator, real, synthesis,
                    progress.sub(phases.trainingEnd(), phases.synthesisEnd()));
            listener.synthetic(result.table());
            List<String> ids = Evaluation.builtInIds(request.test() != null);
            EvaluationConfig evaluation = evaluation(request).withTask(set.config().task());
            if (request.lm() != LanguageModelChoice.NONE) {
                // LLE fine-tunes the same base as the generator (the one of these options)
                LanguageModelMetrics.Options lmOptions = LanguageModelMetrics.Options.defaults();
                if (fit.baseModel() != null) {
                    lmOptions = new LanguageModelMetrics.Options(lmOptions.dlt(),
                            lmOptions.lle().withBaseModel(fit.baseModel()));
                }
                for (Metric m : LanguageModelMetrics.forGenerator(generator,
                        request.test() != null && request.lm() == LanguageModelChoice.ALL, lmOptions)) {
                    evaluation = evaluation.withExtraMetric(m);
                    ids.add(m.id());
                }
            }
            EvaluationReport evaluated = Evaluation.evaluate(real, result.table(), request.test(),
                    request.instructions().target(), evaluation.withMetrics(ids),
                    progress.sub(phases.synthesisEnd(), 1));
            return new Result(set, info, result, evaluated);
        }
    }

    /** The evaluation's settings before the instructions fix the task. */
    private static EvaluationConfig evaluation(Request request) {
        return EvaluationConfig.defaults().withSeed(request.seed()).withMleRepeats(request.mleRepeats());
    }

    /** The progress bar's phases, by estimated cost (see {@link RunPhases}). */
    static RunPhases phases(TrainingConfig config, int examples, int rows, Table real, boolean haveTest,
            LanguageModelChoice lm, EvaluationConfig settings) {
        // every candidate training (--candidates) is a whole training
        long passes = (long) new Trainer(config, 0).expectedSteps(examples) * config.batchSize()
                * config.accumulation() * config.candidates();
        Metric.Size size = new Metric.Size(real.rowCount(), rows, real.columnCount());
        double evaluation = Evaluation.builtInCost(Evaluation.builtInIds(haveTest), size, settings);
        if (lm != LanguageModelChoice.NONE) {
            evaluation += DataLeakageTest.costOf(size);
        }
        if (lm == LanguageModelChoice.ALL && haveTest) {
            evaluation += LlmEffectiveness.costOf(size,
                    LanguageModelMetrics.Options.defaults().lle().training().epochs());
        }
        return RunPhases.estimate(passes, rows, real.rowCount(), real.columnCount(), evaluation);
    }
}
