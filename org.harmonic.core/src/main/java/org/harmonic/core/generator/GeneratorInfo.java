package org.harmonic.core.generator;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.harmonic.core.knn.InstructionConfig;
import org.harmonic.core.table.TableProfile;

/**
 * The generator's {@code harmonic.json}: what it was trained on and how, so the Synthesizer can
 * rebuild prompts and check rows, and people (and KNIME's port view) can see what it is.
 *
 * @param format       file format id
 * @param schema       the training table's profile (column order, types, categories, ranges)
 * @param instructions the instruction settings (description, task, k, seed, permutation, ...)
 * @param baseModel    "default" for the from-scratch model, else the base checkpoint's path; only
 *                     reported, never opened (the generator's weights are complete, LoRA merged, and
 *                     a shared generator's harmonic.json must not make us read other directories)
 * @param training     training summary
 * @param privacy      differential-privacy accounting (epsilon, delta, ...), or null without DP
 */
public record GeneratorInfo(String format, TableProfile schema, InstructionConfig instructions, String baseModel,
        TrainingSummary training, Map<String, Object> privacy) {

    public static final String FORMAT = "harmonic-generator/1";

    /**
     * One line about a generator's privacy accounting ({@code privacy} of harmonic.json), for the
     * CLI's output and the KNIME generator port alike.
     */
    public static String describePrivacy(Map<String, Object> p) {
        return String.format(java.util.Locale.ROOT, "DP-SGD: epsilon %s at delta %s (sigma %s, C %s, q %s, %s steps, "
                + "%s); one row is in up to %s instructions", num(p.get("epsilon")), num(p.get("delta")),
                num(p.get("noise_multiplier")), num(p.get("clip_norm")), num(p.get("sampling_rate")), p.get("steps"),
                String.valueOf(p.get("sampling")).startsWith("poisson") ? "Poisson sampling" : "shuffled batches",
                p.get("max_instructions_per_row"));
    }

    private static String num(Object value) {
        return value instanceof Number n ? String.format(java.util.Locale.ROOT, "%.4g", n.doubleValue())
                : String.valueOf(value);
    }

    /**
     * @param examples     instruction examples trained on
     * @param epochs       passes over them
     * @param steps        optimizer steps
     * @param learningRate peak learning rate
     * @param batchSize    examples per micro-batch
     * @param loraRank     LoRA rank, 0 for full fine-tuning
     * @param firstLoss    answer-token loss of the first step
     * @param finalLoss    mean loss of the last tenth of the steps
     * @param seconds      wall-clock training time
     * @param parameters   parameters of the saved model (LoRA adapters are merged into it, so they add none)
     * @param seed         training seed
     * @param loss         the tokens the loss covered ("answer" or "sequence"; null in generators written
     *                     before the option existed, which trained on the answer)
     * @param plannedSteps optimizer steps the epochs planned
     * @param stopReason   why training ended ("planned steps", "learned", "step cap", "early stopping", "time budget")
     * @param heldOut      instructions held out for the stopping rule (trained on only in the decay after the plateau)
     * @param heldOutLoss  best mean answer-token NLL on them while they were held out (null without)
     * @param bestStep     the step whose weights were kept
     * @param evaluations  the held-out evaluations (step, loss) in order
     * @param candidates   the trainings this one was chosen from ({@code --candidates}), in training order; absent
     *                     (null) for a generator of one training
     */
    public record TrainingSummary(int examples, int epochs, int steps, double learningRate, int batchSize, int loraRank,
            double firstLoss, double finalLoss, double seconds, long parameters, long seed, String loss,
            int plannedSteps, String stopReason, int heldOut, Double heldOutLoss, int bestStep,
            List<org.harmonic.core.lm.train.Trainer.Evaluation> evaluations,
            @JsonInclude(JsonInclude.Include.NON_NULL) List<Candidate> candidates) {

        /** One training, without candidates. */
        public TrainingSummary(int examples, int epochs, int steps, double learningRate, int batchSize, int loraRank,
                double firstLoss, double finalLoss, double seconds, long parameters, long seed, String loss,
                int plannedSteps, String stopReason, int heldOut, Double heldOutLoss, int bestStep,
                List<org.harmonic.core.lm.train.Trainer.Evaluation> evaluations) {
            this(examples, epochs, steps, learningRate, batchSize, loraRank, firstLoss, finalLoss, seconds, parameters,
                    seed, loss, plannedSteps, stopReason, heldOut, heldOutLoss, bestStep, evaluations, null);
        }
    }

    /**
     * One of the trainings a generator was chosen from.
     *
     * @param seed        its training seed
     * @param heldOutLoss its best held-out answer loss (the same held-out instructions for every candidate)
     * @param steps       its optimizer steps
     * @param chosen      whether it is the generator kept (the lowest held-out loss)
     */
    public record Candidate(long seed, double heldOutLoss, int steps, boolean chosen) {
    }

    /**
     * One line about the trainings a generator was chosen from ({@code --candidates}), for the CLI's output, or
     * null for a generator of one training.
     */
    public static String describeCandidates(List<Candidate> candidates) {
        if (candidates == null || candidates.isEmpty()) {
            return null;
        }
        StringBuilder losses = new StringBuilder();
        int chosen = 0;
        for (int c = 0; c < candidates.size(); c++) {
            Candidate t = candidates.get(c);
            losses.append(c == 0 ? "" : ", ").append(String.format(java.util.Locale.ROOT, "%.4f%s", t.heldOutLoss(),
                    t.chosen() ? " (kept)" : ""));
            chosen = t.chosen() ? c : chosen;
        }
        return String.format(java.util.Locale.ROOT, "kept training %d of %d (seed %d), the lowest held-out loss: %s",
                chosen + 1, candidates.size(), candidates.get(chosen).seed(), losses);
    }

    /** This generator with the trainings it was chosen from. */
    public GeneratorInfo withCandidates(List<Candidate> candidates) {
        TrainingSummary t = training;
        return new GeneratorInfo(format, schema, instructions, baseModel, new TrainingSummary(t.examples(), t.epochs(),
                t.steps(), t.learningRate(), t.batchSize(), t.loraRank(), t.firstLoss(), t.finalLoss(), t.seconds(),
                t.parameters(), t.seed(), t.loss(), t.plannedSteps(), t.stopReason(), t.heldOut(), t.heldOutLoss(),
                t.bestStep(), t.evaluations(), List.copyOf(candidates)), privacy);
    }
}
