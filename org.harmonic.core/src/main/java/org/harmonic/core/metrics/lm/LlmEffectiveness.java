package org.harmonic.core.metrics.lm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

import ai.djl.Device;

import org.harmonic.core.util.Seeds;
import org.harmonic.core.generator.DefaultGenerator;
import org.harmonic.core.generator.FineTuner;
import org.harmonic.core.generator.StartingModel;
import org.harmonic.core.lm.ChatFormat;
import org.harmonic.core.lm.DjlRuntime;
import org.harmonic.core.lm.Perplexity;
import org.harmonic.core.lm.model.CausalLm;
import org.harmonic.core.lm.tokenizer.HfTokenizer;
import org.harmonic.core.lm.tokenizer.TableTokenizerTrainer;
import org.harmonic.core.lm.train.ExampleEncoder;
import org.harmonic.core.lm.train.Trainer;
import org.harmonic.core.lm.train.TrainingConfig;
import org.harmonic.core.lm.train.TrainingExample;
import org.harmonic.core.table.Column;
import org.harmonic.core.table.Table;
import org.harmonic.core.util.HarmonicInputException;
import org.harmonic.core.util.Progress;
import org.harmonic.core.metrics.EvaluationConfig;
import org.harmonic.core.metrics.Json;
import org.harmonic.core.metrics.Metric;
import org.harmonic.core.metrics.MetricResult;
import org.harmonic.core.metrics.MetricTables;
import org.harmonic.core.metrics.RowSample;
import org.harmonic.core.metrics.utility.MachineLearningEfficiency;
import org.harmonic.core.metrics.utility.MleScores;

/**
 * LLE, LLM effectiveness (method.md A.5, B 6.2): a language model fine-tuned as a classifier on
 * the synthetic rows rendered as text, scored on the real test rows; the same recipe trained on
 * the real training rows is the "original" of the same run.
 *
 * <p>Text of a row (the reference's {@code get_eval_data}): {@code The state of <column> is
 * <value>, } for every feature column in table order, the final {@code ", "} replaced by
 * {@code "."}; values in Python's {@code str()} form, raw (the reference decodes German's codes
 * into descriptions; we do not). Query: {@code instruction + "'" + text + "'\nAnswer: "}; the
 * model is fine-tuned on {@code ChatFormat.wrapPrompt(query)} -> label word + EOS with the loss
 * on the answer only, and scored with the same wrapper (the reference trains with it and tests
 * without it, bug 16).
 *
 * <p>Label words: the label values' own text unless a mapping is given (e.g. German
 * {@code 0=good, 1=bad}, the UCI meaning; the reference inverts it, bug 15). Prediction: by
 * default the label whose word (+ EOS) has the lowest NLL after the query plus its class's log
 * frequency in the fine-tuning rows ({@link Decision#PRIOR_CORRECTED}); {@link Decision#LIKELIHOOD}
 * takes the lowest mean token NLL. No free-form generation and no substring parsing (bug 17).
 *
 * <p>Scores (as MLE, {@link MleScores}): MCC (primary, as for MLE), weighted F1, accuracy, and the
 * confusion matrix. The model is the small default Llama-style model trained from scratch with a
 * tokenizer derived from the texts, or a Hugging Face checkpoint (full or LoRA fine-tuning).
 * Deterministic for a seed (the evaluation seed).
 */
public final class LlmEffectiveness implements Metric {
    public static final String DEFINITION = "harmonic.lle.label_word_likelihood";
    public static final String PREFIX = "The state of ";

    /**
     * How a prediction is read from the label words' likelihoods.
     *
     * <p>{@link #LIKELIHOOD}: the word with the lowest mean token NLL (what the reference's
     * harness amounts to). A weak classifier on an imbalanced table then predicts the majority
     * class for every row, and MCC is 0 whatever the rows taught it. {@link #PRIOR_CORRECTED}:
     * the class c minimising NLL(word_c + EOS | query) + log prior(c), with the prior the class
     * frequencies of the rows the classifier was fine-tuned on (add-one smoothed): Bayes' rule
     * for balanced classes, so the score measures what the features tell the classifier beyond
     * the class frequencies.
     */
    public enum Decision {
        LIKELIHOOD("likelihood", "label word with the lowest mean token NLL (+EOS) after the chat-wrapped query"),
        PRIOR_CORRECTED("prior_corrected", "label word with the lowest NLL (+EOS) after the chat-wrapped query plus "
                + "the log frequency of its class in the fine-tuning rows (balanced-class Bayes decision)");

        private final String id;
        private final String description;

        Decision(String id, String description) {
            this.id = id;
            this.description = description;
        }

        public String id() {
            return id;
        }

        public String description() {
            return description;
        }

        public static Decision parse(String text) {
            for (Decision d : values()) {
                if (d.id.equalsIgnoreCase(text == null ? "" : text.trim())) {
                    return d;
                }
            }
            throw new HarmonicInputException("unknown LLE decision '" + text + "'; use likelihood or prior_corrected");
        }
    }

    /**
     * @param baseModel   Hugging Face checkpoint directory to fine-tune, or null for the default model
     * @param size        size of the from-scratch model
     * @param training    fine-tuning settings (the seed is replaced by the evaluation seed)
     * @param labelWords  label value text -> word; values not listed stand for themselves
     * @param instruction task instruction before the text, or null for a generic one naming the words
     * @param device      "cpu" or "gpu"
     * @param maxTrainRows rows to fine-tune on at most (seeded subsample); 0 = all
     * @param maxTestRows test rows to score at most (seeded subsample); 0 = all
     * @param batchSize   sequences per scoring forward pass
     * @param decision    how predictions are read from the label words' likelihoods
     */
    public record Settings(Path baseModel, DefaultGenerator.Size size, TrainingConfig training,
            Map<String, String> labelWords, String instruction, String device, int maxTrainRows, int maxTestRows,
            int batchSize, Decision decision) {

        public Settings {
            labelWords = Map.copyOf(labelWords);
            if (maxTrainRows < 0 || maxTestRows < 0 || batchSize < 1) {
                throw new HarmonicInputException("LLE needs max training and test rows >= 0 (0 = all) and batch "
                        + "size >= 1");
            }
            if (decision == null) {
                throw new HarmonicInputException("LLE needs a decision rule (likelihood or prior_corrected)");
            }
        }

        /** The default model from scratch: 10 epochs at lr 2e-3, batch 16, prior-corrected decisions. */
        public static Settings defaults() {
            return new Settings(null, DefaultGenerator.Size.standard(),
                    TrainingConfig.defaults().withEpochs(10).withBatchSize(16), Map.of(), null, "cpu", 0, 0, 32,
                    Decision.PRIOR_CORRECTED);
        }

        public Settings withBaseModel(Path value) {
            return new Settings(value, size, value == null ? training : training.withLearningRate(FineTuner.PRETRAINED_LEARNING_RATE), labelWords,
                    instruction, device, maxTrainRows, maxTestRows, batchSize, decision);
        }

        public Settings withSize(DefaultGenerator.Size value) {
            return new Settings(baseModel, value, training, labelWords, instruction, device, maxTrainRows, maxTestRows,
                    batchSize, decision);
        }

        public Settings withTraining(TrainingConfig value) {
            return new Settings(baseModel, size, value, labelWords, instruction, device, maxTrainRows, maxTestRows,
                    batchSize, decision);
        }

        public Settings withLabelWords(Map<String, String> value) {
            return new Settings(baseModel, size, training, value, instruction, device, maxTrainRows, maxTestRows,
                    batchSize, decision);
        }

        public Settings withInstruction(String value) {
            return new Settings(baseModel, size, training, labelWords, value, device, maxTrainRows, maxTestRows,
                    batchSize, decision);
        }

        public Settings withDevice(String value) {
            return new Settings(baseModel, size, training, labelWords, instruction, value, maxTrainRows, maxTestRows,
                    batchSize, decision);
        }

        public Settings withMaxTestRows(int value) {
            return new Settings(baseModel, size, training, labelWords, instruction, device, maxTrainRows, value,
                    batchSize, decision);
        }

        public Settings withMaxTrainRows(int value) {
            return new Settings(baseModel, size, training, labelWords, instruction, device, value, maxTestRows,
                    batchSize, decision);
        }

        public Settings withDecision(Decision value) {
            return new Settings(baseModel, size, training, labelWords, instruction, device, maxTrainRows, maxTestRows,
                    batchSize, value);
        }
    }

    /**
     * Parses {@code value=word,value=word} (the CLI's {@code --lle-labels}).
     */
    public static Map<String, String> parseLabelWords(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : text.split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq <= 0 || eq == pair.length() - 1) {
                throw new HarmonicInputException("label words must be given as value=word pairs separated by commas, "
                        + "e.g. 0=good,1=bad; got '" + pair.trim() + "'");
            }
            out.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
        }
        return out;
    }

    /**
     * Test scores of one classifier.
     *
     * @param finalLoss      its training loss (mean answer-token NLL) over the last tenth of the steps
     * @param labelShareLoss the same loss for a classifier that knows only each label's share of the rows
     * @param trainings      how many trainings it took ({@link #TRAININGS_AT_MOST} at most)
     * @param seconds        all of them together, scoring included
     */
    public record Scores(double mcc, double f1Weighted, double accuracy, long[][] confusion, int trainingRows,
            double firstLoss, double finalLoss, double labelShareLoss, int trainings, double seconds) {

        Map<String, Object> json() {
            List<List<Long>> rows = new ArrayList<>();
            for (long[] r : confusion) {
                rows.add(java.util.Arrays.stream(r).boxed().toList());
            }
            return Json.map("mcc", mcc, "f1_weighted", f1Weighted, "accuracy", accuracy,
                    "confusion_true_by_predicted", rows, "training_rows", trainingRows,
                    "first_loss", firstLoss, "final_loss", finalLoss, "label_share_loss", labelShareLoss,
                    "trainings", trainings, "seconds", seconds);
        }
    }

    /**
     * Trainings of one classifier at most. A from-scratch classifier sometimes learns only the
     * labels' shares: on German credit in Weka's format one training in three (docs/quality.md
     * section 37) ended within 1 % of the shares' loss and scored MCC 0.006 where the other
     * seeds scored 0.35. Such a training says nothing about the rows, so it is repeated with another
     * seed (the same rows): on the synthetic side a collapse would otherwise pass as a weak table,
     * on the real side it hides LLE behind "not meaningful". Trainings that learn cost nothing extra.
     */
    public static final int TRAININGS_AT_MOST = 3;

    /**
     * A training whose final loss lies within this share of {@link Scores#labelShareLoss} (either
     * side) learned the answers' form and the labels' shares and nothing of the rows. Trainings that
     * learned ended at 0.60-0.92 of it (German credit in both formats, Diabetes), the collapsed one
     * at 1.007 (docs/quality.md section 38). A loss far above it is a training still learning the
     * answers' form (too few steps), which another seed would not mend.
     */
    static final double COLLAPSE_BAND = 0.04;

    /** Whether a training with {@code finalLoss} learned only the labels' shares ({@link #COLLAPSE_BAND}). */
    static boolean learnedOnlyTheShares(double finalLoss, double labelShareLoss) {
        return Math.abs(finalLoss / labelShareLoss - 1) <= COLLAPSE_BAND;
    }

    /**
     * Share of logistic regression's MCC (trained on the same real rows, tested on the same test
     * rows) that the LLE classifier trained on the real rows must reach for LLE to say something
     * about the data rather than about the classifier (issue 11: a from-scratch classifier that
     * learns only the label prior scores MCC 0 on any table).
     */
    public static final double MEANINGFUL_SHARE_OF_LOGISTIC_REGRESSION = 0.8;

    /**
     * LLE of the synthetic table and of the real training table ("original").
     *
     * @param logisticRegressionMcc MCC of logistic regression (the MLE protocol's) trained on the real
     *                              rows, the yardstick of the original classifier; null when not measured
     */
    public record Result(Scores synthetic, Scores original, List<String> classes, List<String> words, int testRows,
            String instruction, String model, long seed, int epochs, Decision decision, List<String> notes,
            Double logisticRegressionMcc) implements MetricResult {

        public Result(Scores synthetic, Scores original, List<String> classes, List<String> words, int testRows,
                String instruction, String model, long seed, int epochs, Decision decision, List<String> notes) {
            this(synthetic, original, classes, words, testRows, instruction, model, seed, epochs, decision, notes,
                    null);
        }

        @Override
        public String id() {
            return "lle";
        }

        /**
         * Whether the classifier trained on the real rows reaches {@link #MEANINGFUL_SHARE_OF_LOGISTIC_REGRESSION}
         * of logistic regression's MCC; true when that was not measured or logistic regression finds no signal.
         */
        public boolean meaningful() {
            return logisticRegressionMcc == null || logisticRegressionMcc <= 0
                    || original.mcc() >= MEANINGFUL_SHARE_OF_LOGISTIC_REGRESSION * logisticRegressionMcc;
        }

        /** The synthetic MCC, or null (reported as not meaningful) when the classifier fails on real rows. */
        @Override
        public Double value() {
            return meaningful() ? synthetic.mcc() : null;
        }

        /** synthetic / original MCC; null when the original MCC is 0. */
        public Double ratio() {
            return original.mcc() != 0 ? synthetic.mcc() / original.mcc() : null;
        }

        @Override
        public String definition() {
            return DEFINITION + ".mcc";
        }

        @Override
        public Map<String, Object> parameters() {
            Map<String, Object> labelWords = new LinkedHashMap<>();
            for (int i = 0; i < classes.size(); i++) {
                labelWords.put(classes.get(i), words.get(i));
            }
            return Json.map("primary", "MCC on the real test rows", "model", model, "epochs", epochs, "seed", seed,
                    "label_words", labelWords, "instruction", instruction,
                    "decision", decision.id(), "prediction", decision.description(),
                    "text", "The state of <column> is <value>, ... .");
        }

        @Override
        public Map<String, Object> details() {
            List<String> all = new ArrayList<>(notes);
            if (!meaningful()) {
                all.add(0, String.format(java.util.Locale.ROOT, "not meaningful: the classifier trained on the real "
                        + "rows reaches MCC %.3f, below %.1f x logistic regression's %.3f on the same rows, so LLE "
                        + "would measure the classifier, not the data; give a pretrained --lle-base model or more "
                        + "--lle-epochs", original.mcc(), MEANINGFUL_SHARE_OF_LOGISTIC_REGRESSION,
                        logisticRegressionMcc));
            }
            return Json.map("synthetic", synthetic.json(), "original", original.json(), "original_value",
                    original.mcc(), "ratio_synthetic_to_original", ratio(), "test_rows", testRows, "classes", classes,
                    "logistic_regression_original_mcc", logisticRegressionMcc, "meaningful", meaningful(),
                    "notes", all);
        }
    }

    private final Settings settings;

    public LlmEffectiveness(Settings settings) {
        this.settings = settings;
    }

    /** The settings this metric runs with. */
    public Settings settings() {
        return settings;
    }

    @Override
    public String id() {
        return "lle";
    }

    @Override
    public double cost(Metric.Size size) {
        return costOf(size, settings.training().epochs());
    }

    /** Two trainings (on the synthetic rows, on the real rows) of {@code epochs} epochs: 10 took 175 s on German credit. */
    public static double costOf(Metric.Size size, int epochs) {
        return 17.5 * epochs * size.germanCredits();
    }

    @Override
    public Result compute(MetricTables t, EvaluationConfig config, Progress progress) {
        if (t.test() == null) {
            throw new HarmonicInputException("LLE needs the real test table; give --test TEST.csv (rows the generator "
                    + "never saw) or leave lle out of --metrics");
        }
        if (!t.task().isClassification()) {
            throw new HarmonicInputException("LLE is defined for classification targets, but '" + t.targetName()
                    + "' is a regression target; leave lle out of --metrics");
        }
        List<String> notes = new ArrayList<>();
        List<String> classes = classes(t.real().column(t.target()));
        List<String> words = words(classes, settings.labelWords(), t.targetName());
        String instruction = settings.instruction() != null ? settings.instruction() : instruction(t.targetName(), words);
        List<String> testQueries = new ArrayList<>();
        List<Integer> truth = new ArrayList<>();
        Table test = aligned(t.test(), t.real());
        labelled(test, t.target(), classes, instruction, testQueries, truth, notes, "test", settings.maxTestRows(),
                Seeds.lleTestRows(config.seed()));
        if (truth.isEmpty()) {
            throw new HarmonicInputException("the test table has no row whose target '" + t.targetName() + "' is one "
                    + "of the training classes " + classes);
        }
        TrainingConfig training = settings.training().withSeed(config.seed());
        Scores syn = run(aligned(t.synthetic(), t.real()), t.target(), classes, words, instruction, testQueries, truth, training, notes,
                "synthetic", config.seed(), progress.sub(0, 0.5));
        Scores orig = run(t.real(), t.target(), classes, words, instruction, testQueries, truth, training, notes,
                "real", config.seed(), progress.sub(0.5, 1));
        return new Result(syn, orig, classes, words, truth.size(), instruction,
                settings.baseModel() == null ? "default (from scratch, hidden " + settings.size().hidden() + ", "
                        + settings.size().layers() + " layers)" : settings.baseModel().toString(),
                config.seed(), training.epochs(), settings.decision(), List.copyOf(new LinkedHashSet<>(notes)),
                MachineLearningEfficiency.realLogisticRegressionMcc(t, config));
    }

    /** {@code table}'s columns in {@code real}'s order (MetricTables checked that the names agree). */
    private static Table aligned(Table table, Table real) {
        return table.select(real.schema().names());
    }

    /** The rendered text of a row: {@code The state of <col> is <value>, ...} with a final full stop. */
    public static String text(Table table, int row, int target) {
        StringBuilder out = new StringBuilder();
        for (int c = 0; c < table.columnCount(); c++) {
            if (c == target) {
                continue;
            }
            if (out.length() > 0) {
                out.append(", ");
            }
            out.append(PREFIX).append(table.column(c).name()).append(" is ").append(table.format(row, c));
        }
        return out.append('.').toString();
    }

    /** The classifier's input for a row. */
    public static String query(String instruction, String text) {
        return instruction + "'" + text + "'\nAnswer: ";
    }

    /** A generic instruction in the reference's style naming the label words. */
    static String instruction(String target, List<String> words) {
        StringBuilder choice = new StringBuilder();
        for (int i = 0; i < words.size(); i++) {
            choice.append(i == 0 ? "" : i == words.size() - 1 ? " or " : ", ").append('\'').append(words.get(i))
                    .append('\'');
        }
        return "Predict the " + target + " of the following record. Respond with only either " + choice + ". \nText: ";
    }

    /** Distinct label texts of the real training table, sorted (numbers numerically). */
    static List<String> classes(Column target) {
        TreeSet<String> set = new TreeSet<>(Comparator.comparingDouble(LlmEffectiveness::numberOrNaN)
                .thenComparing(Comparator.naturalOrder()));
        for (int r = 0; r < target.size(); r++) {
            if (!target.isMissing(r)) {
                set.add(target.format(r));
            }
        }
        if (set.size() < 2) {
            throw new HarmonicInputException("the target '" + target.name() + "' has " + set.size() + " class(es) in "
                    + "the real training table; LLE needs at least 2");
        }
        return List.copyOf(set);
    }

    private static double numberOrNaN(String s) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return Double.POSITIVE_INFINITY;
        }
    }

    static List<String> words(List<String> classes, Map<String, String> mapping, String target) {
        for (String key : mapping.keySet()) {
            if (!classes.contains(key)) {
                throw new HarmonicInputException("label word given for '" + key + "', which is not a class of '"
                        + target + "'; classes: " + classes);
            }
        }
        List<String> words = new ArrayList<>();
        for (String c : classes) {
            String w = mapping.getOrDefault(c, c).strip();
            if (w.isEmpty() || words.contains(w)) {
                throw new HarmonicInputException("label words must be distinct and non-empty; '" + c + "' maps to '"
                        + w + "' (words so far: " + words + ")");
            }
            words.add(w);
        }
        return words;
    }

    /** Queries and class indexes of the labelled rows (seeded subsample of at most {@code max}). */
    private static void labelled(Table table, int target, List<String> classes, String instruction,
            List<String> queries, List<Integer> labels, List<String> notes, String which, int max, long seed) {
        int skipped = 0;
        Column y = table.column(target);
        for (int r : RowSample.of(table.rowCount(), max, seed)) {
            int k = y.isMissing(r) ? -1 : classes.indexOf(canonicalLabel(y.format(r), classes));
            if (k < 0) {
                skipped++;
                continue;
            }
            queries.add(query(instruction, text(table, r, target)));
            labels.add(k);
        }
        if (skipped > 0) {
            notes.add(skipped + " " + which + " row(s) have a missing target or one outside the training classes and "
                    + "were left out");
        }
    }

    /** Matches {@code 1.0} to class {@code 1} when the synthetic CSV wrote an integer label as a float. */
    private static String canonicalLabel(String value, List<String> classes) {
        if (classes.contains(value)) {
            return value;
        }
        try {
            double v = Double.parseDouble(value);
            for (String c : classes) {
                if (numberOrNaN(c) == v) {
                    return c;
                }
            }
        } catch (NumberFormatException e) {
            // not a number: no match
        }
        return value;
    }

    private Scores run(Table training, int target, List<String> classes, List<String> words, String instruction,
            List<String> testQueries, List<Integer> truth, TrainingConfig config, List<String> notes, String which,
            long seed, Progress progress) {
        List<String> queries = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        labelled(training, target, classes, instruction, queries, labels, notes, which, settings.maxTrainRows(),
                Seeds.lleTrainingRows(seed));
        if (labels.size() < 2) {
            throw new HarmonicInputException("the " + which + " table has " + labels.size() + " labelled row(s); LLE "
                    + "needs at least 2 to fine-tune on");
        }
        long start = System.nanoTime();
        List<String> whole = wholeTokens(training, target);
        for (int attempt = 0; ; attempt++) {
            TrainingConfig attemptConfig = config.withSeed(Seeds.lleClassifier(seed, attempt));
            Classifier classifier = Classifier.train(settings, queries, labels, words, whole, attemptConfig,
                    progress.sub(0, 0.9));
            double finalLoss = classifier.result.finalLoss();
            boolean collapsed = learnedOnlyTheShares(finalLoss, classifier.labelShareLoss);
            if (collapsed && attempt + 1 < TRAININGS_AT_MOST) {
                // not a note: a retraining that learns is the normal result (details: trainings), and notes
                // become warnings of the KNIME node
                classifier.close();
                progress.report(0, "LLE: training the " + which + " rows' classifier again (the last learned only "
                        + "the labels' shares)");
                continue;
            }
            if (collapsed) {
                notes.add(String.format(java.util.Locale.ROOT, "the classifier on the %s rows learned only the labels' "
                        + "shares in %d trainings (final loss %.4f, the shares alone %.4f); its scores say nothing "
                        + "about the rows", which, TRAININGS_AT_MOST, finalLoss, classifier.labelShareLoss));
            }
            try (classifier) {
                return score(classifier, classes, words, testQueries, truth, labels, attempt + 1, start, progress);
            }
        }
    }

    private Scores score(Classifier classifier, List<String> classes, List<String> words, List<String> testQueries,
            List<Integer> truth, List<Integer> labels, int trainings, long start, Progress progress) {
        double[] logPrior = null;
        if (settings.decision() == Decision.PRIOR_CORRECTED) {
            int[] counts = labelCounts(labels, classes.size());
            logPrior = new double[classes.size()];
            for (int c = 0; c < logPrior.length; c++) {
                logPrior[c] = Math.log((counts[c] + 1.0) / (labels.size() + classes.size()));
            }
        }
        int[] predicted = classifier.predict(testQueries, words, logPrior, settings.batchSize(),
                progress.sub(0.9, 1));
        int[] y = truth.stream().mapToInt(Integer::intValue).toArray();
        MleScores s = MleScores.classification(y, predicted, classes.size());
        long[][] confusion = new long[classes.size()][classes.size()];
        for (int i = 0; i < y.length; i++) {
            confusion[y[i]][predicted[i]]++;
        }
        return new Scores(s.mcc(), s.f1Weighted(), s.accuracy(), confusion, labels.size(),
                classifier.result.firstLoss(), classifier.result.finalLoss(), classifier.labelShareLoss, trainings,
                (System.nanoTime() - start) / 1e9);
    }

    /**
     * The training loss (mean NLL per answer token, as the Trainer reports it) of a classifier
     * that knows the answers' form and each label's share of the rows but nothing of the rows
     * themselves: the label costs -ln(share), its other tokens and the end token nothing.
     */
    static double labelShareLoss(List<Integer> labels, List<TrainingExample> examples, int classes) {
        int[] counts = labelCounts(labels, classes);
        double nats = 0;
        long tokens = 0;
        for (int i = 0; i < labels.size(); i++) {
            nats -= Math.log((double) counts[labels.get(i)] / labels.size());
            tokens += examples.get(i).answerCount();
        }
        return nats / tokens;
    }

    /** How many of {@code labels} (class indexes) fall in each of {@code classes} classes. */
    private static int[] labelCounts(List<Integer> labels, int classes) {
        int[] counts = new int[classes];
        for (int l : labels) {
            counts[l]++;
        }
        return counts;
    }

    /** Most categories of one column that become whole tokens (an id-like column would flood the vocabulary). */
    private static final int MAX_CATEGORY_TOKENS = 256;

    /**
     * Texts the from-scratch tokenizer keeps whole, as the generator's does: the clause opening
     * {@code The state of <column> is } of every feature and the categories, so a row costs a
     * few tokens per column (numbers stay digit by digit).
     */
    static List<String> wholeTokens(Table table, int target) {
        List<String> out = new ArrayList<>();
        for (int c = 0; c < table.columnCount(); c++) {
            if (c != target) {
                out.add(PREFIX + table.column(c).name() + " is ");
            }
        }
        for (int c = 0; c < table.columnCount(); c++) {
            Column column = table.column(c);
            if (c == target || column.type().isNumber()) {
                continue;
            }
            TreeSet<String> categories = new TreeSet<>();
            for (int r = 0; r < column.size() && categories.size() <= MAX_CATEGORY_TOKENS; r++) {
                if (!column.isMissing(r)) {
                    categories.add(column.format(r));
                }
            }
            if (categories.size() <= MAX_CATEGORY_TOKENS) {
                out.addAll(categories);
            }
        }
        return out;
    }

    /** A fine-tuned classifier: model, tokenizer and the temporary directory of a derived tokenizer. */
    private static final class Classifier implements AutoCloseable {
        private final CausalLm model;
        private final HfTokenizer tokenizer;
        private final ExampleEncoder encoder;
        private final Trainer.Result result;
        private final double labelShareLoss;
        private final Path scratch;

        private Classifier(CausalLm model, HfTokenizer tokenizer, ExampleEncoder encoder, Trainer.Result result,
                double labelShareLoss, Path scratch) {
            this.model = model;
            this.tokenizer = tokenizer;
            this.encoder = encoder;
            this.result = result;
            this.labelShareLoss = labelShareLoss;
            this.scratch = scratch;
        }

        static Classifier train(Settings settings, List<String> queries, List<Integer> labels, List<String> words,
                List<String> wholeTokens, TrainingConfig training, Progress progress) {
            Device device = DjlRuntime.device(settings.device());
            Path scratch = null;
            HfTokenizer tokenizer = null;
            CausalLm model = null;
            try {
                if (settings.baseModel() == null) {
                    scratch = Files.createTempDirectory("harmonic-lle-tokenizer");
                    List<String> texts = new ArrayList<>();
                    for (int i = 0; i < queries.size(); i++) {
                        texts.add(ChatFormat.wrapPrompt(queries.get(i)));
                        texts.add(words.get(labels.get(i)));
                    }
                    new TableTokenizerTrainer().addedTokens(wholeTokens).addedTokens(words)
                            .train(texts, progress.sub(0, 0.02)).writeTo(scratch);
                    tokenizer = HfTokenizer.load(scratch);
                } else {
                    tokenizer = HfTokenizer.load(settings.baseModel());
                }
                int eos = tokenizer.eosId();
                if (eos < 0) {
                    throw new HarmonicInputException("the tokenizer of " + settings.baseModel() + " has no end-of-"
                            + "sequence token; use a checkpoint whose tokenizer_config.json names eos_token");
                }
                ExampleEncoder encoder = new ExampleEncoder(tokenizer::encode, eos, training.maxLength());
                List<TrainingExample> examples = new ArrayList<>();
                int longest = 0;
                for (int i = 0; i < queries.size(); i++) {
                    TrainingExample e = encoder.encode(queries.get(i), words.get(labels.get(i)));
                    longest = Math.max(longest, e.length());
                    examples.add(e);
                }
                model = StartingModel.open(StartingModel.config(settings.baseModel(), settings.size(), tokenizer,
                        longest), settings.baseModel(), training.seed(), device);
                Trainer.Result result = new Trainer(training, eos).train(model, examples, null, progress.sub(0.02, 1));
                return new Classifier(model, tokenizer, encoder, result, labelShareLoss(labels, examples, words.size()),
                        scratch);
            } catch (IOException e) {
                throw new HarmonicInputException("cannot create a temporary directory for the LLE tokenizer: "
                        + e.getMessage(), e);
            } catch (RuntimeException e) {
                if (model != null) {
                    model.close();
                }
                if (tokenizer != null) {
                    tokenizer.close();
                }
                delete(scratch);
                throw e;
            }
        }

        /**
         * Index of the predicted label word after each query: the lowest mean NLL (word + EOS), or
         * with {@code logPrior} the lowest total NLL + log prior (see {@link Decision}).
         */
        int[] predict(List<String> queries, List<String> words, double[] logPrior, int batchSize, Progress progress) {
            int k = words.size();
            int[][] spans = new int[k][];
            for (int w = 0; w < k; w++) {
                int[] ids = tokenizer.encode(words.get(w));
                spans[w] = java.util.Arrays.copyOf(ids, ids.length + 1);
                spans[w][ids.length] = tokenizer.eosId();
            }
            List<Perplexity.Span> items = new ArrayList<>(queries.size() * k);
            for (String q : queries) {
                int[] prefix = encoder.promptIds(q);
                for (int w = 0; w < k; w++) {
                    items.add(new Perplexity.Span(prefix, spans[w]));
                }
            }
            List<Perplexity.Score> scores = new Perplexity(model, batchSize).score(items, progress);
            int[] out = new int[queries.size()];
            for (int i = 0; i < out.length; i++) {
                int best = 0;
                double bestCost = Double.POSITIVE_INFINITY;
                for (int w = 0; w < k; w++) {
                    Perplexity.Score score = scores.get(i * k + w);
                    double cost = logPrior == null ? score.meanNats() : score.totalNats() + logPrior[w];
                    if (cost < bestCost) {
                        best = w;
                        bestCost = cost;
                    }
                }
                out[i] = best;
            }
            return out;
        }

        @Override
        public void close() {
            model.close();
            tokenizer.close();
            delete(scratch);
        }

        private static void delete(Path dir) {
            if (dir == null) {
                return;
            }
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a temporary directory left behind is harmless
            }
        }
    }
}
