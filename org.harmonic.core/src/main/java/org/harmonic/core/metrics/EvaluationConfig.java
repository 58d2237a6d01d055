package org.harmonic.core.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.harmonic.core.knn.TaskType;
import org.harmonic.core.util.HarmonicInputException;

/**
 * Settings of an evaluation run. Defaults: every built-in metric (MLE only when a test table
 * is given), seed 416, the project's DCR definition, synthcity's Sinkhorn parameters,
 * SDMetrics' 1 % NRS tolerance.
 *
 * @param metrics          metric ids in report order; empty = the defaults
 * @param seed             seed of every random choice (splits, models, the random baseline)
 * @param task             prediction task of the target; null = inferred from the target column
 * @param dcrVariant       which DCR definition is the primary value
 * @param sinkhornBlur     geomloss {@code blur}: the final epsilon is blur^2
 * @param sinkhornScaling  geomloss {@code scaling}: epsilon shrinks by scaling^2 per step
 * @param sinkhornMaxRows  larger tables are subsampled (seeded) to this many rows for WD; 0 = never
 * @param nrsTolerance     relative tolerance of a numerical match in NRS
 * @param mleValidation    fraction of the training table held out to choose hyper-parameters
 * @param mleRepeats       times MLE runs its whole protocol, under seeds seed, seed + 1, ...; its scores
 *                         are the means (one run's MCC on a table of a few hundred rows moves by about
 *                         0.02 with the seed, docs/quality.md section 15)
 * @param threads          worker threads for the distance computations
 * @param extraMetrics     metrics plugged in from outside (DLT, LLE)
 */
public record EvaluationConfig(List<String> metrics, long seed, TaskType task, DcrVariant dcrVariant,
        double sinkhornBlur, double sinkhornScaling, int sinkhornMaxRows, double nrsTolerance,
        double mleValidation, int mleRepeats, int threads, List<Metric> extraMetrics) {

    /** Built-in metric ids in report order. */
    public static final List<String> BUILT_IN = List.of("dm", "wd", "cs", "mle", "dcr", "nrs");
    /** Ids reserved for the language-model metrics, reported after the built-in ones. */
    public static final List<String> LANGUAGE_MODEL = List.of("dlt", "lle");

    public EvaluationConfig {
        metrics = List.copyOf(metrics);
        extraMetrics = List.copyOf(extraMetrics);
        if (sinkhornBlur <= 0 || sinkhornScaling <= 0 || sinkhornScaling >= 1) {
            throw new HarmonicInputException("Sinkhorn blur must be > 0 and scaling in (0, 1); got blur "
                    + sinkhornBlur + ", scaling " + sinkhornScaling);
        }
        if (nrsTolerance < 0) {
            throw new HarmonicInputException("NRS tolerance must be >= 0, got " + nrsTolerance);
        }
        if (mleValidation <= 0 || mleValidation >= 1) {
            throw new HarmonicInputException("MLE validation fraction must be in (0, 1), got " + mleValidation);
        }
        if (mleRepeats < 1) {
            throw new HarmonicInputException("MLE repeats must be at least 1, got " + mleRepeats);
        }
    }

    public static EvaluationConfig defaults() {
        return new EvaluationConfig(List.of(), 416, null, DcrVariant.MEAN, 0.05, 0.5, 5000, 0.01, 0.2, 1,
                Runtime.getRuntime().availableProcessors(), List.of());
    }

    public EvaluationConfig withMetrics(List<String> ids) {
        List<String> clean = new ArrayList<>();
        for (String id : ids) {
            String m = id.trim().toLowerCase(Locale.ROOT);
            if (m.isEmpty()) {
                continue;
            }
            if (!BUILT_IN.contains(m) && !LANGUAGE_MODEL.contains(m)) {
                throw new HarmonicInputException("unknown metric '" + id + "'; use any of "
                        + String.join(", ", BUILT_IN) + ", " + String.join(", ", LANGUAGE_MODEL));
            }
            if (!clean.contains(m)) {
                clean.add(m);
            }
        }
        return new EvaluationConfig(clean, seed, task, dcrVariant, sinkhornBlur, sinkhornScaling, sinkhornMaxRows,
                nrsTolerance, mleValidation, mleRepeats, threads, extraMetrics);
    }

    public EvaluationConfig withSeed(long value) {
        return new EvaluationConfig(metrics, value, task, dcrVariant, sinkhornBlur, sinkhornScaling, sinkhornMaxRows,
                nrsTolerance, mleValidation, mleRepeats, threads, extraMetrics);
    }

    public EvaluationConfig withTask(TaskType value) {
        return new EvaluationConfig(metrics, seed, value, dcrVariant, sinkhornBlur, sinkhornScaling, sinkhornMaxRows,
                nrsTolerance, mleValidation, mleRepeats, threads, extraMetrics);
    }

    public EvaluationConfig withDcrVariant(DcrVariant value) {
        return new EvaluationConfig(metrics, seed, task, value, sinkhornBlur, sinkhornScaling, sinkhornMaxRows,
                nrsTolerance, mleValidation, mleRepeats, threads, extraMetrics);
    }

    public EvaluationConfig withSinkhornMaxRows(int value) {
        return new EvaluationConfig(metrics, seed, task, dcrVariant, sinkhornBlur, sinkhornScaling, value,
                nrsTolerance, mleValidation, mleRepeats, threads, extraMetrics);
    }

    public EvaluationConfig withMleRepeats(int value) {
        return new EvaluationConfig(metrics, seed, task, dcrVariant, sinkhornBlur, sinkhornScaling, sinkhornMaxRows,
                nrsTolerance, mleValidation, value, threads, extraMetrics);
    }

    public EvaluationConfig withThreads(int value) {
        return new EvaluationConfig(metrics, seed, task, dcrVariant, sinkhornBlur, sinkhornScaling, sinkhornMaxRows,
                nrsTolerance, mleValidation, mleRepeats, Math.max(1, value), extraMetrics);
    }

    /** Adds a metric computed outside this package (DLT, LLE); it is run when its id is selected. */
    public EvaluationConfig withExtraMetric(Metric metric) {
        List<Metric> more = new ArrayList<>(extraMetrics);
        more.removeIf(m -> m.id().equals(metric.id()));
        more.add(metric);
        return new EvaluationConfig(metrics, seed, task, dcrVariant, sinkhornBlur, sinkhornScaling, sinkhornMaxRows,
                nrsTolerance, mleValidation, mleRepeats, threads, more);
    }
}
