package org.harmonic.core.lm.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.random.RandomGenerator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;

import org.harmonic.core.util.Seeds;
import org.harmonic.core.lm.DjlRuntime;
import org.harmonic.core.lm.Perplexity;
import org.harmonic.core.lm.TensorData;
import org.harmonic.core.lm.checkpoint.SafetensorsReader;
import org.harmonic.core.lm.checkpoint.SafetensorsWriter;
import org.harmonic.core.lm.model.CausalLm;
import org.harmonic.core.util.AtomicFiles;
import org.harmonic.core.util.HarmonicInputException;
import org.harmonic.core.util.Permutation;
import org.harmonic.core.util.Progress;

/**
 * The LLM Fine-Tuner's training loop, visible in one place as in nanoGPT's train.py: shuffled
 * micro-batches, causal-LM loss on answer tokens only, gradient accumulation, global-norm
 * clipping, AdamW with warm-up and cosine decay, periodic resumable checkpoints, progress and
 * cancellation. Plain training is deterministic for a seed (example order; dropout draws come
 * from the engine). DP training is deliberately not: its noise and its batches come from a
 * {@link SecureDpRandom}, because a seed stored with the generator would let its holder
 * recompute the noise and undo the privacy.
 *
 * <p>The seam for differential privacy: a {@link GradientPolicy} turns a step's examples into the
 * gradient the optimizer applies; plain training ({@link PlainGradients}) sums the batch
 * gradients, DP-SGD ({@link DpSgd}) clips per example and adds noise, and an
 * {@link RdpAccountant} reports the epsilon spent after every step.
 */
public final class Trainer {
    private static final String STATE_FILE = "trainer-state.json";
    private static final String WEIGHTS_FILE = "trainable.safetensors";
    private static final String MOMENTS_FILE = "optimizer.safetensors";

    /**
     * What a finished (or resumed and finished) training did.
     *
     * @param steps      optimizer steps taken
     * @param evaluations held-out evaluations (step, mean answer-token NLL), empty without a held-out set
     * @param bestStep   the step of the best held-out evaluation, whose weights were kept, except after a decay
     *                   ("learned", "step cap": the last weights); the last step without evaluations
     * @param stopReason why training ended: "planned steps", "learned" (the held-out plateau, then the decay),
     *                   "step cap" (no plateau: the decay from two thirds of the planned steps), "early stopping"
     *                   (at the best held-out weights) or "time budget"
     */
    public record Result(int steps, List<Double> losses, double seconds, long tokens, DpAccounting privacy,
            List<Evaluation> evaluations, int bestStep, String stopReason) {

        public Result(int steps, List<Double> losses, double seconds, long tokens) {
            this(steps, losses, seconds, tokens, null, List.of(), steps, PLANNED);
        }

        /** The best held-out loss, NaN without evaluations. */
        public double bestHeldOutLoss() {
            return evaluations.stream().mapToDouble(Evaluation::loss).min().orElse(Double.NaN);
        }

        public double firstLoss() {
            return losses.isEmpty() ? Double.NaN : losses.get(0);
        }

        /** Mean loss of the last tenth of the steps, less noisy than the very last step. */
        public double finalLoss() {
            int n = Math.max(1, losses.size() / 10);
            double sum = 0;
            for (int i = losses.size() - n; i < losses.size(); i++) {
                sum += losses.get(i);
            }
            return losses.isEmpty() ? Double.NaN : sum / n;
        }
    }

    /** One held-out evaluation: after {@code step} optimizer steps, the mean answer-token NLL. */
    public record Evaluation(int step, double loss) {
    }

    /** Most examples one training may plan (epochs x instructions): 400 MB of indexes, months of CPU steps. */
    static final long MAX_PLANNED_EXAMPLES = 100_000_000L;

    static final String PLANNED = "planned steps";
    static final String EARLY = "early stopping";
    static final String BUDGET = "time budget";
    static final String LEARNED = "learned";
    static final String CAP = "step cap";
    /** Where the decay's epochs number their seeds: past any plan's epochs (--epochs is at most 10,000). */
    private static final int DECAY_EPOCHS = 10_000;

    private final TrainingConfig config;
    private final int padToken;

    public Trainer(TrainingConfig config, int padToken) {
        this.config = config;
        this.padToken = padToken;
    }

    /**
     * The privacy plan of DP training on {@code examples} examples: q = expected batch / n, the
     * steps, delta, and sigma (calibrated by the accountant to the target epsilon unless given);
     * its epsilon is what the whole training spends. Null without DP.
     */
    public DpAccounting privacyPlan(int examples) {
        DpConfig dp = config.privacy();
        if (dp == null) {
            return null;
        }
        int expected = config.batchSize() * config.accumulation();
        if (expected > examples) {
            throw new HarmonicInputException("the DP batch of " + expected + " examples exceeds the " + examples
                    + " training examples; lower --batch");
        }
        double q = (double) expected / examples;
        int steps = totalSteps(examples);
        double delta = dp.deltaFor(examples);
        RdpAccountant accountant = new RdpAccountant();
        double sigma;
        if (Double.isNaN(dp.noiseMultiplier())) {
            try {
                sigma = accountant.calibrateSigma(dp.epsilon(), delta, q, steps);
            } catch (IllegalArgumentException e) {
                throw new HarmonicInputException(e.getMessage(), e);
            }
        } else {
            sigma = dp.noiseMultiplier();
        }
        return new DpAccounting(Double.NaN, delta, dp.epsilon(), Double.NaN, sigma, dp.clipNorm(), q, 0, examples,
                expected, dp.poisson(), SecureDpRandom.DESCRIPTION).after(steps, accountant);
    }

    /** Optimizer steps for this many examples. */
    public int totalSteps(int examples) {
        int perStep = config.batchSize() * config.accumulation();
        return config.stopping().capSteps(config.epochs() * ((examples + perStep - 1) / perStep));
    }

    /**
     * Steps a training of {@code examples} instructions is expected to take, for progress estimates: the
     * planned steps, or for one that ends when it has learned (held-out instructions left out) the
     * forecast {@link LearnedLength} shows progress against.
     */
    public int expectedSteps(int examples) {
        StoppingRule s = config.stopping();
        if (!s.anneals() || config.privacy() != null) {
            return totalSteps(examples);
        }
        return LearnedLength.forecast(totalSteps(examples - s.heldOutCount(examples)), s.annealShare());
    }

    /**
     * Trains {@code model} in place.
     *
     * @param checkpoints directory for resumable checkpoints (resumed from when it holds one), or null
     */
    public Result train(CausalLm model, List<TrainingExample> examples, Path checkpoints, Progress progress) {
        return train(model, examples, List.of(), checkpoints, progress);
    }

    /**
     * Trains {@code model} in place, evaluating on {@code heldOut} as {@link TrainingConfig#stopping()}
     * says (never on them trained) and keeping the weights of the best evaluation.
     */
    public Result train(CausalLm model, List<TrainingExample> examples, List<TrainingExample> heldOut,
            Path checkpoints, Progress progress) {
        return train(model, examples, heldOut, List.of(), checkpoints, progress);
    }

    /**
     * As {@link #train(CausalLm, List, List, Path, Progress)}; when a training that ends when it has learned
     * starts its decay, {@code returning} (the held-out instructions as training examples) join the training:
     * the plateau is known, and the decay learns from every row.
     */
    public Result train(CausalLm model, List<TrainingExample> examples, List<TrainingExample> heldOut,
            List<TrainingExample> returning, Path checkpoints, Progress progress) {
        // on any thread: the optimizer's in-place updates must not be recorded (see gradRecordingOff)
        try (DjlRuntime.Scope noRecording = DjlRuntime.gradRecordingOff()) {
            return trainOnThisThread(model, examples, heldOut, returning, checkpoints, progress);
        }
    }

    private Result trainOnThisThread(CausalLm model, List<TrainingExample> examples, List<TrainingExample> heldOut,
            List<TrainingExample> returning, Path checkpoints, Progress progress) {
        if (examples.isEmpty()) {
            throw new HarmonicInputException("there are no training examples; check the instruction file and the "
                    + "label filter");
        }
        // the plan holds every step's example indexes: bound it before allocating (and before hours of steps)
        long planned = (long) config.epochs() * examples.size();
        if (planned > MAX_PLANNED_EXAMPLES) {
            throw new HarmonicInputException(config.epochs() + " epochs of " + examples.size() + " instructions are "
                    + planned + " training examples, more than " + MAX_PLANNED_EXAMPLES + "; lower --epochs (the "
                    + "default plans at most 3000 steps) or use --max-minutes to bound the time");
        }
        if (config.lora() != null && model.lora() == null) {
            model.applyLora(config.lora(), config.seed());
        }
        // dropout draws come from PyTorch's one global generator: seeded here, a training's masks
        // follow its seed rather than whatever ran before it in the JVM (a KNIME workflow trains
        // several models in one process). Two trainings at once still share the generator.
        DjlRuntime.seed(Seeds.dropout(config.seed()));
        List<Parameter> parameters = model.trainableParameters();
        int total = totalSteps(examples.size());
        LearningRateSchedule schedule = new LearningRateSchedule(config.learningRate(),
                (int) Math.round(config.warmupRatio() * total), total, LearningRateSchedule.MIN_RATIO);
        DpAccounting privacy = privacyPlan(examples.size());
        // one secure generator per private training for its batches and its noise (none without DP)
        RandomGenerator dpRandom = privacy == null ? null : new SecureDpRandom();
        RdpAccountant accountant = new RdpAccountant();
        List<Double> losses = new ArrayList<>();
        long tokens = 0;
        long start = System.nanoTime();
        StoppingRule stopping = config.stopping();
        boolean evaluate = !heldOut.isEmpty() && privacy == null; // DP: held-out scores would leak, unaccounted
        // ends when it has learned: the planned steps become the most it takes, the decay follows the plateau
        LearnedLength length = evaluate && stopping.anneals() ? new LearnedLength(config.learningRate(),
                config.warmupRatio(), total, stopping.annealShare(), stopping.evalEvery()) : null;
        List<Perplexity.Span> heldOutSpans = evaluate ? answerSpans(heldOut) : List.of();
        List<Evaluation> evaluations = new ArrayList<>();
        List<float[]> best = null;
        int bestStep = total;
        double bestLoss = Double.POSITIVE_INFINITY;
        int sinceBest = 0;
        String stopReason = PLANNED;
        int stepsDone = total;
        try (AdamW optimizer = new AdamW(parameters, model.newManager(), config.weightDecay());
                GradientPolicy policy = policy(model, parameters, privacy, dpRandom)) {
            int first = checkpoints == null ? 0 : resume(checkpoints, parameters, optimizer, losses);
            List<int[]> plan = plan(examples.size(), dpRandom);
            boolean returned = false;
            for (int step = first; step < (length == null ? total : length.total()); step++) {
                progress.checkCanceled();
                double lr;
                if (length != null) {
                    length.beforeStep(step);
                    if (length.decaying() && !returned && !returning.isEmpty()) {
                        returned = true;
                        List<TrainingExample> all = new ArrayList<>(examples);
                        all.addAll(returning);
                        examples = all;
                        plan = decayPlan(plan, length.decayStart(), length.cap(), all.size());
                        progress.report((step + 0.0) / length.total(), returning.size()
                                + " held-out instructions join the training for the decay");
                    }
                    lr = length.rate(step);
                } else {
                    lr = schedule.at(step);
                }
                int[] batch = plan.get(step);
                int end = length == null ? total : length.total(); // the decay's end once it is decided
                double shown = length == null ? total : length.expectedTotal(step + 1);
                double loss;
                try (DjlRuntime.Scope turn = DjlRuntime.autogradTurn(progress)) {
                    loss = step(model, parameters, optimizer, policy, examples, batch, step, lr);
                }
                if (batch.length > 0) { // an empty Poisson batch is a noise-only step without a loss
                    if (!Double.isFinite(loss)) {
                        // bad input, not a bug: a learning rate too high for the data diverges
                        throw new HarmonicInputException("the training loss became " + loss + " at step "
                                + (step + 1) + " with the peak learning rate " + config.learningRate()
                                + "; lower the learning rate (--lr), e.g. to a tenth");
                    }
                    losses.add(loss);
                }
                for (int i : batch) {
                    tokens += examples.get(i).length();
                }
                String message = String.format("training step %d/%d, loss %.4f", step + 1, Math.round(shown), loss);
                if (privacy != null) {
                    message += String.format(", epsilon %.3f", accountant.spent(privacy.samplingRate(),
                            privacy.noiseMultiplier(), step + 1, privacy.delta()).epsilon());
                }
                progress.report((step + 1.0) / shown, message);
                if (checkpoints != null && config.checkpointEvery() > 0 && (step + 1) % config.checkpointEvery() == 0
                        && step + 1 < end) {
                    save(checkpoints, parameters, optimizer, losses);
                }
                boolean overBudget = stopping.maxMinutes() > 0
                        && (System.nanoTime() - start) / 60e9 >= stopping.maxMinutes() && step + 1 < end;
                // once the held-out instructions are trained on, their score no longer measures learning
                if (evaluate && !returned
                        && ((step + 1) % stopping.evalEvery() == 0 || step + 1 == end || overBudget)) {
                    double heldOutLoss = heldOutLoss(model, heldOutSpans, progress);
                    evaluations.add(new Evaluation(step + 1, heldOutLoss));
                    if (best == null || heldOutLoss < bestLoss) {
                        best = snapshot(parameters);
                        bestLoss = heldOutLoss;
                        bestStep = step + 1;
                        sinceBest = 0;
                    } else {
                        sinceBest++;
                    }
                    progress.report((step + 1.0) / shown, String.format("training step %d/%d, held-out answer "
                            + "loss %.4f (best %.4f after step %d)", step + 1, Math.round(shown), heldOutLoss, bestLoss,
                            bestStep));
                    if (length != null && sinceBest >= stopping.patience() && length.plateau(step + 1)) {
                        progress.report((step + 1.0) / length.total(), String.format("training step %d/%d: the "
                                + "held-out loss has not improved since step %d; the learning rate decays until "
                                + "step %d", step + 1, length.total(), bestStep, length.total()));
                    }
                    if (length == null && stopping.patience() > 0 && sinceBest >= stopping.patience()
                            && step + 1 < total) {
                        stopReason = EARLY;
                        stepsDone = step + 1;
                        break;
                    }
                }
                if (overBudget) {
                    stopReason = BUDGET;
                    stepsDone = step + 1;
                    break;
                }
            }
        }
        if (length != null && !stopReason.equals(BUDGET)) {
            // the decay's last weights are the result; the best held-out weights came from the stable phase
            stepsDone = length.total();
            stopReason = length.learned() ? LEARNED : CAP;
            if (length.learned()) {
                progress.report(1, "training learned: the held-out loss stopped improving at step " + bestStep
                        + ", the decay from step " + length.decayStart() + " ended at step " + stepsDone);
            }
        } else if (best != null && bestStep != stepsDone) {
            restore(parameters, best);
        }
        if (best == null) {
            bestStep = stepsDone;
        }
        if (stopReason.equals(EARLY) || stopReason.equals(BUDGET)) {
            progress.report(1, "training ended after " + stepsDone + " of " + total + " steps (" + stopReason
                    + "), keeping the weights of step " + bestStep);
        }
        return new Result(stepsDone, List.copyOf(losses), (System.nanoTime() - start) / 1e9, tokens, privacy,
                List.copyOf(evaluations), bestStep, stopReason);
    }

    /** Each example's prompt and answer, as the held-out evaluation scores them (built once per training). */
    private static List<Perplexity.Span> answerSpans(List<TrainingExample> heldOut) {
        List<Perplexity.Span> spans = new ArrayList<>(heldOut.size());
        for (TrainingExample e : heldOut) {
            spans.add(new Perplexity.Span(java.util.Arrays.copyOfRange(e.ids(), 0, e.answerStart()),
                    java.util.Arrays.copyOfRange(e.ids(), e.answerStart(), e.length())));
        }
        return spans;
    }

    /** Mean answer-token NLL (nats) of the held-out spans: what the Synthesizer samples, on instructions never trained on. */
    private static double heldOutLoss(CausalLm model, List<Perplexity.Span> spans, Progress progress) {
        double nats = 0;
        long tokens = 0;
        for (Perplexity.Score s : new Perplexity(model, 8).score(spans, Progress.none())) {
            nats += s.totalNats();
            tokens += s.tokens();
        }
        progress.checkCanceled();
        return nats / Math.max(1, tokens);
    }

    private static List<float[]> snapshot(List<Parameter> parameters) {
        List<float[]> out = new ArrayList<>(parameters.size());
        for (Parameter p : parameters) {
            out.add(p.getArray().toFloatArray());
        }
        return out;
    }

    private static void restore(List<Parameter> parameters, List<float[]> values) {
        for (int i = 0; i < parameters.size(); i++) {
            AdamW.copyInto(parameters.get(i).getArray(), values.get(i));
        }
    }

    private GradientPolicy policy(CausalLm model, List<Parameter> parameters, DpAccounting privacy,
            RandomGenerator dpRandom) {
        // the CPU splits a step's examples between two threads; a GPU computes the batch at once
        boolean cpu = !model.device().isGpu();
        boolean twoThreads = cpu && DjlRuntime.defaultWorkers() >= 2;
        if (privacy == null) {
            return new PlainGradients(config.batchSize(), padToken, cpu, twoThreads);
        }
        return new DpSgd(parameters, model.newManager(), privacy.clipNorm(), privacy.noiseMultiplier(),
                privacy.expectedBatch(), dpRandom, padToken, twoThreads);
    }

    /**
     * Example indexes of every optimizer step: per epoch a shuffle, cut into steps; with DP
     * Poisson sampling, each example joins each step independently with probability batch / n
     * (as many steps as with shuffled batches). Plain training shuffles with the seed; DP draws
     * its batches from {@code dpRandom} (the batches are part of the privacy: a replayable
     * sample would tell which examples shaped which step). A resumed DP run thus draws new
     * batches for its remaining steps, as it draws new noise.
     *
     * @param dpRandom the private training's secure generator, or null for plain training
     */
    List<int[]> plan(int n, RandomGenerator dpRandom) {
        int perStep = config.batchSize() * config.accumulation();
        List<int[]> steps = new ArrayList<>();
        if (config.privacy() != null && config.privacy().poisson()) {
            double q = (double) perStep / n;
            int total = totalSteps(n);
            for (int step = 0; step < total; step++) {
                int[] chosen = new int[n];
                int count = 0;
                for (int i = 0; i < n; i++) {
                    if (dpRandom.nextDouble() < q) {
                        chosen[count++] = i;
                    }
                }
                steps.add(java.util.Arrays.copyOf(chosen, count));
            }
            return steps;
        }
        for (int epoch = 0; epoch < config.epochs(); epoch++) {
            RandomGenerator random = dpRandom != null ? dpRandom
                    : new SplittableRandom(Seeds.nth(config.seed(), epoch));
            int[] order = Permutation.shuffled(n, random);
            for (int from = 0; from < n; from += perStep) {
                steps.add(java.util.Arrays.copyOfRange(order, from, Math.min(n, from + perStep)));
            }
        }
        return steps;
    }

    /**
     * The plan's steps before {@code decayStart}, then fresh shuffles of all {@code n} examples (the held-out
     * ones returned) up to {@code cap} steps, seeded apart from the plan's epochs.
     */
    private List<int[]> decayPlan(List<int[]> plan, int decayStart, int cap, int n) {
        int perStep = config.batchSize() * config.accumulation();
        List<int[]> steps = new ArrayList<>(plan.subList(0, Math.min(decayStart, plan.size())));
        for (int epoch = 0; steps.size() < cap; epoch++) {
            int[] order = Permutation.shuffled(n,
                    new SplittableRandom(Seeds.nth(config.seed(), DECAY_EPOCHS + epoch)));
            for (int from = 0; from < n; from += perStep) {
                steps.add(java.util.Arrays.copyOfRange(order, from, Math.min(n, from + perStep)));
            }
        }
        return steps;
    }

    /** One optimizer step over the examples of {@code batch}; returns the mean answer-token loss. */
    private double step(CausalLm model, List<Parameter> parameters, AdamW optimizer, GradientPolicy policy,
            List<TrainingExample> examples, int[] batch, int step, double lr) {
        GradientPolicy.StepGradients gradients = policy.compute(model, parameters, examples, batch, step);
        try {
            if (policy.globalClip() && config.maxGradNorm() > 0) {
                clip(gradients.gradients(), config.maxGradNorm());
            }
            optimizer.update(gradients.gradients(), lr);
        } finally {
            policy.release(gradients);
        }
        return gradients.loss();
    }

    /** Scales all gradients so their global L2 norm is at most {@code maxNorm}. */
    static double clip(List<NDArray> gradients, double maxNorm) {
        double sumSquares = 0;
        for (NDArray g : gradients) {
            try (NDArray sq = g.square(); NDArray s = sq.sum()) {
                sumSquares += s.getFloat();
            }
        }
        double norm = Math.sqrt(sumSquares);
        if (norm > maxNorm) {
            double scale = maxNorm / (norm + 1e-6);
            for (NDArray g : gradients) {
                g.muli(scale);
            }
        }
        return norm;
    }

    // ------------------------------------------------------------------ checkpoints

    private void save(Path dir, List<Parameter> parameters, AdamW optimizer, List<Double> losses) {
        List<TensorData> weights = new ArrayList<>();
        List<TensorData> moments = new ArrayList<>();
        for (int i = 0; i < parameters.size(); i++) {
            Parameter p = parameters.get(i);
            weights.add(tensor(p.getName(), p.getArray()));
            moments.add(tensor("m." + p.getName(), optimizer.firstMoments().get(i)));
            moments.add(tensor("v." + p.getName(), optimizer.secondMoments().get(i)));
        }
        SafetensorsWriter.write(dir.resolve(WEIGHTS_FILE), weights);
        SafetensorsWriter.write(dir.resolve(MOMENTS_FILE), moments);
        ObjectNode state = new ObjectMapper().createObjectNode();
        state.put("completed_steps", optimizer.step());
        state.put("seed", config.seed());
        state.putPOJO("losses", losses);
        AtomicFiles.writeString(dir.resolve(STATE_FILE), state.toPrettyString());
    }

    private int resume(Path dir, List<Parameter> parameters, AdamW optimizer, List<Double> losses) {
        Path stateFile = dir.resolve(STATE_FILE);
        if (!Files.exists(stateFile)) {
            return 0;
        }
        try {
            JsonNode state = new ObjectMapper().readTree(stateFile.toFile());
            if (state.get("seed").asLong() != config.seed()) {
                throw new HarmonicInputException("the checkpoint in " + dir + " was trained with seed "
                        + state.get("seed").asLong() + ", not " + config.seed() + "; use the same seed or another "
                        + "output directory");
            }
            Map<String, float[]> saved = new TreeMap<>();
            List<float[]> firsts = new ArrayList<>();
            List<float[]> seconds = new ArrayList<>();
            try (SafetensorsReader w = SafetensorsReader.open(dir.resolve(WEIGHTS_FILE));
                    SafetensorsReader o = SafetensorsReader.open(dir.resolve(MOMENTS_FILE))) {
                for (Parameter p : parameters) {
                    saved.put(p.getName(), values(w.get(p.getName())));
                    firsts.add(values(o.get("m." + p.getName())));
                    seconds.add(values(o.get("v." + p.getName())));
                }
            }
            for (Parameter p : parameters) {
                AdamW.copyInto(p.getArray(), saved.get(p.getName()));
            }
            optimizer.restore(state.get("completed_steps").asInt(), firsts, seconds);
            for (JsonNode l : state.get("losses")) {
                losses.add(l.asDouble());
            }
            return optimizer.step();
        } catch (IOException e) {
            throw new HarmonicInputException("cannot resume from the checkpoint in " + dir + ": " + e.getMessage()
                    + "; delete the directory to start over", e);
        }
    }

    private static TensorData tensor(String name, NDArray array) {
        Shape shape = array.getShape();
        return new TensorData(name, shape.getShape(), java.nio.FloatBuffer.wrap(array.toFloatArray()));
    }

    private static float[] values(TensorData t) {
        float[] out = new float[(int) t.elementCount()];
        t.data().duplicate().get(out);
        return out;
    }
}
