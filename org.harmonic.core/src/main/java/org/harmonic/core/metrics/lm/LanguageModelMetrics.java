package org.harmonic.core.metrics.lm;

import java.util.ArrayList;
import java.util.List;

import org.harmonic.core.generator.Generator;
import org.harmonic.core.metrics.EvaluationConfig;
import org.harmonic.core.metrics.Metric;

/**
 * The language-model metrics for one generator, ready for
 * {@link EvaluationConfig#withExtraMetric(Metric)}: DLT always (it scores rows with the
 * generator), LLE when a real test table is given (it fine-tunes a classifier of its own).
 * {@code harmonic evaluate --generator} and {@code harmonic run} use this.
 *
 * <pre>{@code
 * EvaluationConfig config = EvaluationConfig.defaults();
 * for (Metric m : LanguageModelMetrics.forGenerator(generator, test != null)) {
 *     config = config.withExtraMetric(m);
 * }
 * // with an explicit metric list, name them too: config.withMetrics(..., "dlt", "lle")
 * }</pre>
 */
public final class LanguageModelMetrics {

    /** Settings of both metrics. */
    public record Options(DataLeakageTest.Settings dlt, LlmEffectiveness.Settings lle) {
        public static Options defaults() {
            return new Options(DataLeakageTest.Settings.defaults(), LlmEffectiveness.Settings.defaults());
        }
    }

    private LanguageModelMetrics() {
    }

    /** DLT, and LLE when {@code withTest}, with default settings. */
    public static List<Metric> forGenerator(Generator generator, boolean withTest) {
        return forGenerator(generator, withTest, Options.defaults());
    }

    /**
     * DLT on {@code generator}, and LLE when {@code withTest}. LLE fine-tunes the base of
     * {@code options.lle()} (the default model when it has none); it never takes the base from the
     * generator's {@code harmonic.json}, which comes with a shared generator and could name any
     * directory. To fine-tune the generator's base, as the reference fine-tunes the same Llama
     * for both, set it in the options (see {@link #untrustedBaseNote}).
     */
    public static List<Metric> forGenerator(Generator generator, boolean withTest, Options options) {
        List<Metric> out = new ArrayList<>();
        out.add(new DataLeakageTest(generator, options.dlt()));
        if (withTest) {
            out.add(new LlmEffectiveness(options.lle()));
        }
        return out;
    }

    /**
     * A note for the user when the generator was fine-tuned from a checkpoint but LLE will
     * fine-tune another model: the generator's {@code harmonic.json} names its base, but that path
     * is only reported, never opened, so the user has to give it explicitly; null otherwise.
     */
    public static String untrustedBaseNote(Generator generator, Options options) {
        String base = generator.info().baseModel();
        if (options.lle().baseModel() != null || base == null || base.equals("default")) {
            return null;
        }
        return "note: the generator was fine-tuned from '" + base.replaceAll("\\p{Cntrl}", "?") + "' (says its "
                + "harmonic.json); LLE fine-tunes the default model instead, since a generator's harmonic.json is "
                + "not trusted to name a directory to read. To fine-tune the same checkpoint for LLE, give it "
                + "explicitly: --lle-base DIR";
    }

    /** The ids of {@code metrics}, to add to an explicit {@code --metrics} list. */
    public static List<String> ids(List<Metric> metrics) {
        return metrics.stream().map(Metric::id).toList();
    }
}
