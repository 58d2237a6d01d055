package org.harmonic.core.metrics;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.harmonic.core.generator.Generator;

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
     * DLT on {@code generator}, and LLE when {@code withTest}. When the generator was fine-tuned
     * from a Hugging Face checkpoint that still exists and no LLE base is set, LLE fine-tunes the
     * same checkpoint (as the reference fine-tunes the same Llama for both).
     */
    public static List<Metric> forGenerator(Generator generator, boolean withTest, Options options) {
        List<Metric> out = new ArrayList<>();
        out.add(new DataLeakageTest(generator, options.dlt()));
        if (withTest) {
            LlmEffectiveness.Settings lle = options.lle();
            String base = generator.info().baseModel();
            if (lle.baseModel() == null && base != null && !base.equals("default") && Files.isDirectory(Path.of(base))) {
                lle = lle.withBaseModel(Path.of(base));
            }
            out.add(new LlmEffectiveness(lle));
        }
        return out;
    }

    /** The ids of {@code metrics}, to add to an explicit {@code --metrics} list. */
    public static List<String> ids(List<Metric> metrics) {
        return metrics.stream().map(Metric::id).toList();
    }
}
