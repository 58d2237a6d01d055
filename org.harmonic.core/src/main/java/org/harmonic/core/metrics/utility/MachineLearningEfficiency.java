package org.harmonic.core.metrics.utility;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.harmonic.core.util.HarmonicInputException;
import org.harmonic.core.util.Progress;
import org.harmonic.core.util.Seeds;
import org.harmonic.core.metrics.ColumnValues;
import org.harmonic.core.metrics.EvaluationConfig;
import org.harmonic.core.metrics.Json;
import org.harmonic.core.metrics.Metric;
import org.harmonic.core.metrics.MetricResult;
import org.harmonic.core.metrics.MetricTables;

/**
 * MLE, machine-learning efficiency (method.md A.5; protocol of B 6.1 with its bugs fixed):
 * train on the synthetic table, test on the real test table.
 * <ol>
 * <li>One encoding ({@link MleDesign}) fit on the real training table is used for every table.</li>
 * <li>For each model family ({@link MleModel}) the hyper-parameters are chosen on a validation
 * split of the training table (stratified for classes, seeded; by MCC, or R^2 for regression),
 * then the model is refit on the whole training table and predicts the real test table.</li>
 * <li>Classification scores per model: MCC (primary), weighted F1, accuracy ({@link MleScores});
 * regression: R^2. The value is the mean MCC (or R^2) over the four models.</li>
 * <li>The same protocol trained on the real training table gives "original"; the ratio
 * synthetic / original says how much of the real data's utility the synthetic table keeps.</li>
 * <li>With {@link EvaluationConfig#mleRepeats()} = N above 1, steps 2-4 run under seeds seed ..
 * seed + N - 1 and every score is the mean over the runs: on a few hundred rows one run's MCC moves
 * by about 0.02 with the seed, the real table's included (docs/quality.md section 15).</li>
 * </ol>
 */
public final class MachineLearningEfficiency implements Metric {
    public static final String DEFINITION = "harmonic.mle.train_synthetic_test_real";

    /** Test scores of one model trained on one table (R^2 in {@code mcc}'s place for regression). */
    public record ModelScore(String model, Map<String, Object> parameters, double validationScore, double mcc,
            double f1Weighted, double accuracy, double r2) {
        Map<String, Object> json(boolean classification) {
            return classification
                    ? Json.map("model", model, "parameters", parameters, "validation_mcc", validationScore,
                            "mcc", mcc, "f1_weighted", f1Weighted, "accuracy", accuracy)
                    : Json.map("model", model, "parameters", parameters, "validation_r2", validationScore, "r2", r2);
        }
    }

    /** All models trained on one table. */
    public record Protocol(List<ModelScore> models, int trainingRows, List<String> notes) {
        public double meanMcc() {
            return models.stream().mapToDouble(ModelScore::mcc).average().orElse(0);
        }

        public double meanF1() {
            return models.stream().mapToDouble(ModelScore::f1Weighted).average().orElse(0);
        }

        public double meanAccuracy() {
            return models.stream().mapToDouble(ModelScore::accuracy).average().orElse(0);
        }

        public double meanR2() {
            return models.stream().mapToDouble(ModelScore::r2).average().orElse(0);
        }

        Map<String, Object> json(boolean classification) {
            List<Object> list = new ArrayList<>();
            for (ModelScore m : models) {
                list.add(m.json(classification));
            }
            return classification
                    ? Json.map("mcc", meanMcc(), "f1_weighted", meanF1(), "accuracy", meanAccuracy(),
                            "training_rows", trainingRows, "models", list, "notes", notes)
                    : Json.map("r2", meanR2(), "training_rows", trainingRows, "models", list, "notes", notes);
        }
    }

    /** One run of the whole protocol under its own seed: the two tables' primary scores. */
    public record Repeat(long seed, double synthetic, double original) {
        Map<String, Object> json() {
            return Json.map("seed", seed, "synthetic", synthetic, "original", original);
        }
    }

    /**
     * Result: synthetic and original protocols on the same test rows. With more than one repeat
     * ({@link EvaluationConfig#mleRepeats()}) every score is the mean over the repeats and
     * {@code repeats} lists each one; a single run leaves it empty (and the report as it always was).
     */
    public record Result(boolean classification, Protocol synthetic, Protocol original, int testRows,
            double validationFraction, long seed, List<String> classes, List<Repeat> repeats) implements MetricResult {
        @Override
        public String id() {
            return "mle";
        }

        @Override
        public Double value() {
            return classification ? synthetic.meanMcc() : synthetic.meanR2();
        }

        public double originalValue() {
            return classification ? original.meanMcc() : original.meanR2();
        }

        /** synthetic / original of the primary score; null when the original score is 0. */
        public Double ratio() {
            return originalValue() != 0 ? value() / originalValue() : null;
        }

        @Override
        public String definition() {
            return DEFINITION + (classification ? ".mcc" : ".r2");
        }

        @Override
        public Map<String, Object> parameters() {
            Map<String, Object> p = Json.map("task", classification ? "classification" : "regression",
                    "primary", classification ? "mean MCC over models" : "mean R2 over models",
                    "models", Arrays.stream(MleModel.values()).map(m -> m.id(classification)).toList(),
                    "validation_fraction", validationFraction, "selection",
                    classification ? "best validation MCC" : "best validation R2", "seed", seed,
                    "encoding", "fit on the real training table: standardised numbers, one-hot categories",
                    "library", "Smile 3.1.1");
            if (repeats.isEmpty()) {
                return p;
            }
            Map<String, Object> more = new LinkedHashMap<>(p);
            more.put("repeats", repeats.size());
            more.put("repeat_seeds", "seed, seed + 1, ..., seed + " + (repeats.size() - 1));
            return java.util.Collections.unmodifiableMap(more);
        }

        @Override
        public Map<String, Object> details() {
            Map<String, Object> d = Json.map("synthetic", synthetic.json(classification),
                    "original", original.json(classification), "ratio_synthetic_to_original", ratio(),
                    "original_value", originalValue(), "test_rows", testRows, "classes", classes);
            if (repeats.isEmpty()) {
                return d;
            }
            Map<String, Object> more = new LinkedHashMap<>(d);
            more.put("repeats", repeats.stream().map(Repeat::json).toList());
            more.put("synthetic_sd", syntheticSd());
            more.put("original_sd", originalSd());
            return java.util.Collections.unmodifiableMap(more);
        }

        /** Standard deviation of the synthetic table's primary score over the repeats (at least two). */
        public double syntheticSd() {
            return sd(repeats.stream().mapToDouble(Repeat::synthetic).toArray());
        }

        /** Standard deviation of the real table's primary score over the repeats (at least two). */
        public double originalSd() {
            return sd(repeats.stream().mapToDouble(Repeat::original).toArray());
        }
    }

    @Override
    public String id() {
        return "mle";
    }

    @Override
    public double cost(Metric.Size size) {
        return 6 * size.germanCredits();
    }

    @Override
    public double cost(Metric.Size size, EvaluationConfig config) {
        return cost(size) * config.mleRepeats();
    }

    @Override
    public Result compute(MetricTables t, EvaluationConfig config, Progress progress) {
        if (t.testCols() == null) {
            throw new HarmonicInputException("MLE needs the real test table; give --test TEST.csv "
                    + "(rows the generator never saw) or leave mle out of --metrics");
        }
        boolean classification = t.task().isClassification() && !t.numerical(t.target());
        MleDesign design = new MleDesign(t.realCols(), t.target(), classification);
        int[] testRows = design.usableRows(t.testCols());
        if (testRows.length == 0) {
            throw new HarmonicInputException("the test table has no row with a usable target '" + t.targetName()
                    + "' (all missing or unknown classes); give a test table with labelled rows");
        }
        double[][] testX = design.x(t.testCols(), testRows);
        int n = config.mleRepeats();
        List<Protocol> syn = new ArrayList<>();
        List<Protocol> orig = new ArrayList<>();
        List<Repeat> repeats = new ArrayList<>();
        for (int r = 0; r < n; r++) {
            long seed = Seeds.mleRepeat(config.seed(), r);
            EvaluationConfig c = config.withSeed(seed);
            Progress part = progress.sub((double) r / n, (r + 1.0) / n);
            syn.add(run(design, t.synCols(), testX, t.testCols(), testRows, classification, c, "synthetic",
                    part.sub(0, 0.5)));
            orig.add(run(design, t.realCols(), testX, t.testCols(), testRows, classification, c, "real",
                    part.sub(0.5, 1)));
            repeats.add(new Repeat(seed, primary(syn.get(r), classification), primary(orig.get(r), classification)));
        }
        return new Result(classification, mean(syn), mean(orig), testRows.length, config.mleValidation(),
                config.seed(), classification ? design.classNames() : List.of(), n == 1 ? List.of() : repeats);
    }

    private static double primary(Protocol p, boolean classification) {
        return classification ? p.meanMcc() : p.meanR2();
    }

    /**
     * The protocols of several repeats as one: every model's scores averaged, its chosen
     * hyper-parameters listed per repeat (each repeat chooses its own on its own validation split).
     */
    private static Protocol mean(List<Protocol> runs) {
        if (runs.size() == 1) {
            return runs.get(0);
        }
        List<ModelScore> models = new ArrayList<>();
        for (int m = 0; m < runs.get(0).models().size(); m++) {
            int i = m;
            List<ModelScore> each = runs.stream().map(p -> p.models().get(i)).toList();
            models.add(new ModelScore(each.get(0).model(),
                    Json.map("per_repeat", each.stream().map(ModelScore::parameters).toList()),
                    average(each, ModelScore::validationScore), average(each, ModelScore::mcc),
                    average(each, ModelScore::f1Weighted), average(each, ModelScore::accuracy),
                    average(each, ModelScore::r2)));
        }
        java.util.Set<String> notes = new java.util.LinkedHashSet<>();
        runs.forEach(p -> notes.addAll(p.notes()));
        return new Protocol(List.copyOf(models), runs.get(0).trainingRows(), List.copyOf(notes));
    }

    private static double average(List<ModelScore> scores, java.util.function.ToDoubleFunction<ModelScore> f) {
        return scores.stream().mapToDouble(f).average().orElse(0);
    }

    /** Sample standard deviation (n - 1). */
    private static double sd(double[] values) {
        double mean = Arrays.stream(values).average().orElse(0);
        double sum = 0;
        for (double v : values) {
            sum += (v - mean) * (v - mean);
        }
        return Math.sqrt(sum / (values.length - 1));
    }

    /**
     * The MCC of the protocol's logistic regression trained on the real rows and tested on the test
     * rows: the yardstick LLE's classifier is held to. Null for a numeric target or a single class.
     */
    public static Double realLogisticRegressionMcc(MetricTables t, EvaluationConfig config) {
        if (t.testCols() == null || !t.task().isClassification() || t.numerical(t.target())) {
            return null;
        }
        MleDesign design = new MleDesign(t.realCols(), t.target(), true);
        int[] testRows = design.usableRows(t.testCols());
        int[] rows = design.usableRows(t.realCols());
        if (testRows.length == 0 || rows.length < 2) {
            return null;
        }
        int[] y = design.classLabels(t.realCols(), rows);
        if (Arrays.stream(y).distinct().count() < 2) {
            return null;
        }
        return classify(MleModel.LINEAR, design, design.x(t.realCols(), rows), y, design.x(t.testCols(), testRows),
                design.classLabels(t.testCols(), testRows), config).mcc();
    }

    private Protocol run(MleDesign design, List<ColumnValues> training, double[][] testX, List<ColumnValues> test,
            int[] testRows, boolean classification, EvaluationConfig config, String which, Progress progress) {
        List<String> notes = new ArrayList<>();
        int[] rows = design.usableRows(training);
        int dropped = training.get(0).size() - rows.length;
        if (dropped > 0) {
            notes.add(dropped + " " + which + " rows have a missing or unknown target and were left out");
        }
        if (rows.length < 2) {
            throw new HarmonicInputException("the " + which + " table has " + rows.length + " row(s) with a usable "
                    + "target; MLE needs at least 2");
        }
        double[][] x = design.x(training, rows);
        List<ModelScore> scores = new ArrayList<>();
        MleModel[] models = MleModel.values();
        if (classification) {
            int[] y = design.classLabels(training, rows);
            int[] truth = design.classLabels(test, testRows);
            int present = (int) Arrays.stream(y).distinct().count();
            for (int mi = 0; mi < models.length; mi++) {
                progress.checkCanceled();
                progress.report((double) mi / models.length, "MLE " + which + ": " + models[mi].id(true));
                if (present < 2) {
                    int only = y[0];
                    notes.add("the " + which + " table has a single class; every model predicts it");
                    int[] pred = new int[testRows.length];
                    Arrays.fill(pred, only);
                    MleScores s = MleScores.classification(truth, pred, design.classCount());
                    scores.add(new ModelScore(models[mi].id(true), Map.of(), 0, s.mcc(), s.f1Weighted(), s.accuracy(), 0));
                    continue;
                }
                scores.add(classify(models[mi], design, x, y, testX, truth, config));
            }
        } else {
            double[] y = design.values(training, rows);
            double[] truth = design.values(test, testRows);
            for (int mi = 0; mi < models.length; mi++) {
                progress.checkCanceled();
                progress.report((double) mi / models.length, "MLE " + which + ": " + models[mi].id(false));
                scores.add(regress(models[mi], x, y, testX, truth, config));
            }
        }
        progress.report(1, "MLE " + which);
        return new Protocol(List.copyOf(scores), rows.length, List.copyOf(new java.util.LinkedHashSet<>(notes)));
    }

    private static ModelScore classify(MleModel model, MleDesign design, double[][] x, int[] y, double[][] testX,
            int[] truth, EvaluationConfig config) {
        int[][] split = stratifiedSplit(y, config.mleValidation(), config.seed());
        double[][] xt = pick(x, split[0]);
        double[][] xv = pick(x, split[1]);
        int[] yt = pick(y, split[0]);
        int[] yv = pick(y, split[1]);
        Map<String, Object> best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        boolean trainable = Arrays.stream(yt).distinct().count() >= 2;
        for (Map<String, Object> params : model.grid(true)) {
            if (!trainable) {
                best = params;
                break;
            }
            double[] pred = model.fitClassifier(params, xt, yt, design.classCount(), config.seed()).predict(xv);
            double score = MleScores.classification(yv, toInt(pred), design.classCount()).mcc();
            if (score > bestScore) {
                bestScore = score;
                best = params;
            }
        }
        double[] pred = model.fitClassifier(best, x, y, design.classCount(), config.seed()).predict(testX);
        MleScores s = MleScores.classification(truth, toInt(pred), design.classCount());
        return new ModelScore(model.id(true), best, trainable ? bestScore : 0, s.mcc(), s.f1Weighted(), s.accuracy(), 0);
    }

    private static ModelScore regress(MleModel model, double[][] x, double[] y, double[][] testX, double[] truth,
            EvaluationConfig config) {
        int[][] split = randomSplit(y.length, config.mleValidation(), config.seed());
        double[][] xt = pick(x, split[0]);
        double[][] xv = pick(x, split[1]);
        double[] yt = pick(y, split[0]);
        double[] yv = pick(y, split[1]);
        Map<String, Object> best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (Map<String, Object> params : model.grid(false)) {
            double score = MleScores.r2(yv, model.fitRegressor(params, xt, yt, config.seed()).predict(xv));
            if (score > bestScore) {
                bestScore = score;
                best = params;
            }
        }
        double r2 = MleScores.r2(truth, model.fitRegressor(best, x, y, config.seed()).predict(testX));
        return new ModelScore(model.id(false), best, bestScore, 0, 0, 0, r2);
    }

    /**
     * [0] = training rows, [1] = validation rows: from each class, round(fraction * n_c) rows
     * (at least one when the class has two or more) drawn by a seeded shuffle.
     */
    static int[][] stratifiedSplit(int[] y, double fraction, long seed) {
        Map<Integer, List<Integer>> byClass = new LinkedHashMap<>();
        for (int i = 0; i < y.length; i++) {
            byClass.computeIfAbsent(y[i], k -> new ArrayList<>()).add(i);
        }
        SplittableRandom random = new SplittableRandom(seed);
        List<Integer> train = new ArrayList<>();
        List<Integer> val = new ArrayList<>();
        for (int c : byClass.keySet().stream().sorted().toList()) {
            List<Integer> rows = byClass.get(c);
            shuffle(rows, random);
            int v = rows.size() < 2 ? 0 : Math.max(1, (int) Math.round(fraction * rows.size()));
            val.addAll(rows.subList(0, v));
            train.addAll(rows.subList(v, rows.size()));
        }
        return new int[][] {sorted(train), sorted(val)};
    }

    static int[][] randomSplit(int n, double fraction, long seed) {
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            rows.add(i);
        }
        shuffle(rows, new SplittableRandom(seed));
        int v = Math.max(1, (int) Math.round(fraction * n));
        return new int[][] {sorted(rows.subList(v, n)), sorted(rows.subList(0, v))};
    }

    private static void shuffle(List<Integer> rows, SplittableRandom random) {
        for (int i = rows.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            Integer tmp = rows.get(i);
            rows.set(i, rows.get(j));
            rows.set(j, tmp);
        }
    }

    private static int[] sorted(List<Integer> rows) {
        return rows.stream().mapToInt(Integer::intValue).sorted().toArray();
    }

    private static double[][] pick(double[][] x, int[] rows) {
        double[][] out = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = x[rows[i]];
        }
        return out;
    }

    private static int[] pick(int[] y, int[] rows) {
        int[] out = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = y[rows[i]];
        }
        return out;
    }

    private static double[] pick(double[] y, int[] rows) {
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = y[rows[i]];
        }
        return out;
    }

    private static int[] toInt(double[] values) {
        int[] out = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (int) Math.round(values[i]);
        }
        return out;
    }
}
