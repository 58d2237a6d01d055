package org.harmonic.core.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.harmonic.core.metrics.EvaluationConfig;
import org.harmonic.core.metrics.evaluation.Evaluation;
import org.harmonic.core.metrics.evaluation.EvaluationReport;
import org.harmonic.core.metrics.lm.LlmEffectiveness;
import org.harmonic.core.options.EvaluateOptions;
import org.harmonic.core.table.Table;
import org.harmonic.core.util.HarmonicInputException;
import org.harmonic.core.util.JsonText;
import org.harmonic.core.util.Progress;

/**
 * LLM effectiveness (method.md A.4, LLE): a language-model classifier fine-tuned on the synthetic rows and one on
 * the real rows, both scored on the real test rows.
 */
public final class Lle {

    /** The source of the synthetic-trained classifier's scores. */
    public static final String SYNTHETIC = "synthetic";
    /** The source of the real-trained classifier's scores. */
    public static final String ORIGINAL = "original";
    /** The exact definition computed. */
    public static final String DEFINITION = LlmEffectiveness.DEFINITION;

    private Lle() {
    }

    /**
     * One classifier's scores on the real test rows.
     *
     * @param source       {@link #SYNTHETIC} or {@link #ORIGINAL}
     * @param trainingRows rows it was fine-tuned on
     * @param ratio        synthetic MCC / original MCC (the synthetic row only; null where it says nothing)
     * @param detailsJson  its details (confusion, classes, label words, model, epochs, seed, notes) as a JSON object
     */
    public record Scores(String source, double mcc, double f1Weighted, double accuracy, int trainingRows, Double ratio,
            String detailsJson) {
    }

    /**
     * @param scores   the synthetic-trained classifier's scores, then the original's
     * @param testRows real test rows scored
     * @param notes    what the reader should know (e.g. that the classifier learns too little for LLE to mean anything)
     * @param warnings the evaluation's warnings
     */
    public record Result(List<Scores> scores, int testRows, List<String> notes, List<String> warnings) {
        public Result {
            scores = List.copyOf(scores);
            notes = List.copyOf(notes);
            warnings = List.copyOf(warnings);
        }
    }

    /**
     * Checks the options without tables.
     *
     * @throws HarmonicInputException naming the option and the fix
     */
    public static void check(EvaluateOptions options) {
        options.lle();
    }

    /**
     * Fine-tunes both classifiers and scores them.
     *
     * @param target the label column
     */
    public static Result evaluate(Table real, Table synthetic, Table test, String target, EvaluateOptions options,
            Progress progress) {
        EvaluationConfig config = EvaluationConfig.defaults().withSeed(options.seedValue())
                .withMetrics(List.of("lle")).withExtraMetric(new LlmEffectiveness(options.lle()));
        // fine-tuning and scoring run the language model: DJL must see this bundle's class loader
        EvaluationReport report = InBundle.call(() -> Evaluation.evaluate(real, synthetic, test, target, config,
                progress));
        LlmEffectiveness.Result result = report.get("lle", LlmEffectiveness.Result.class)
                .orElseThrow(() -> new IllegalStateException("the evaluation returned no LLE result"));
        return of(result, report.warnings());
    }

    /** The API's view of the engine's result. */
    static Result of(LlmEffectiveness.Result result, List<String> warnings) {
        List<Scores> scores = new ArrayList<>();
        scores.add(scores(SYNTHETIC, result.synthetic(), result, result.ratio()));
        // the original's ratio to itself says nothing
        scores.add(scores(ORIGINAL, result.original(), result, null));
        return new Result(scores, result.testRows(), result.notes(), warnings);
    }

    private static Scores scores(String source, LlmEffectiveness.Scores s, LlmEffectiveness.Result result,
            Double ratio) {
        Map<String, Object> details = new LinkedHashMap<>();
        Object own = result.details().get(source);
        if (own instanceof Map) {
            ((Map<?, ?>) own).forEach((k, v) -> details.put(String.valueOf(k), v));
        }
        details.put("classes", result.classes());
        details.put("label_words", result.words());
        details.put("model", result.model());
        details.put("epochs", result.epochs());
        details.put("seed", result.seed());
        details.put("notes", result.notes());
        return new Scores(source, s.mcc(), s.f1Weighted(), s.accuracy(), s.trainingRows(), ratio,
                JsonText.write(details));
    }
}
