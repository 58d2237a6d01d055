package org.harmonic.core.generator;

import java.util.Set;

import org.harmonic.core.lm.ModelConfig;
import org.harmonic.core.lm.model.LoraConfig;
import org.harmonic.core.lm.train.StoppingRule;
import org.harmonic.core.lm.train.TrainingConfig;

/**
 * The default generator: a small Llama-style model trained from scratch on the instruction data
 * (no pretrained weights needed), sized by {@code bench/lm} so German credit trains in minutes
 * on 2 cores. Rotary positions let it take prompts of any length the training data has.
 */
public final class DefaultGenerator {

    /** Width and depth of the from-scratch model. */
    public record Size(int hidden, int layers, int heads, int kvHeads, int intermediate) {

        /** The default: about 0.8 M parameters with the table-derived tokenizer. */
        public static Size standard() {
            return new Size(128, 4, 4, 2, 352);
        }

        /** For tests: fast enough to train in seconds. */
        public static Size tiny() {
            return new Size(32, 2, 4, 2, 64);
        }
    }

    private DefaultGenerator() {
    }

    /**
     * Batch size of the from-scratch model when the user gives none. Measured on German credit
     * (587 instructions): what the small model needs is optimizer steps, not examples per step, so
     * batches of 4 reach the needed steps at half the compute of 8 (at 8 Diabetes also lost 0.058 of MLE ratio
     * and memorised rows: 467 copies a table for the guard to reject; docs/quality.md section 48). Batches of 2
     * stop the memorising on the small tables (copies 35 / 9-31 a table on Diabetes / German -> about 0, utility
     * level or higher, pair trends -0.01) but cost bank marketing's 1,500-row table a third of its utility
     * (MLE ratio 0.753 against 1.054 over six tables of two seeds): within the 3,000-step cap its instructions get
     * about 4 epochs instead of 9, and its call-duration link forms late or not at all (sections 20, 49).
     * {@code --batch 2} is there for a small table where that trade is wanted.
     */
    public static final int BATCH_SIZE = 4;

    /**
     * Batch size of DP-LLMTGen's public stage 1 from scratch ({@link FormatLearningTable}): the batch its
     * measurements were made with (docs/quality.md sections 24-30); a large DP batch would leave the stage a
     * handful of steps.
     */
    public static final int DP_STAGE1_BATCH_SIZE = 4;

    /**
     * Instructions per DP-SGD step (differential privacy, from scratch). The noise on a step's mean gradient is
     * sigma C / batch in every one of the model's 0.8 M weights: at epsilon 8 on German credit, batches of 4
     * (sigma 0.54, 2,002 steps) put about 120 C of noise against a signal of at most C, and the MLE ratio stayed
     * near 0; batches of 128 (sigma 1.59, 150 steps) about 11 C, and, after the neighbourhood-learning stage 1,
     * 0.80 (docs/quality.md section 24).
     */
    public static final int DP_BATCH_SIZE = 128;

    /**
     * Epochs of DP-LLMTGen's public stage 1 from scratch (about 2,500 steps on German credit): the model learns
     * there to write a row from its neighbourhood ({@link FormatLearningTable}), which 3 epochs (370 steps) did
     * not teach it (stage 1 alone: MLE ratio 0.03 against 0.37 after 20 epochs; section 24).
     */
    public static final int DP_STAGE1_EPOCHS = 20;

    /**
     * Rank of the LoRA adapters DP-SGD trains in the private stage from scratch. Stage 1 trains every weight on
     * public text; the private stage then trains rank-8 adapters on every projection (75 k weights) with the
     * 0.8 M weights frozen. DP-SGD clips each instruction's gradient to C and adds noise of sigma C to every
     * trained weight, so the noise on a weight's share of the signal grows with the square root of the number of
     * weights trained. Measured at epsilon 8 (docs/quality.md section 26, three seeds per table): Diabetes' private
     * loss 0.81-0.87 -> 0.73, WD 0.07-0.10 -> 0.04-0.05, MLE ratio per seed 0.59 / 0.49 / 0.20 -> 0.70 / 0.47 / 0.39;
     * German's loss 0.66-0.70 -> 0.59, MLE ratio 0.80 -> 0.92 over 13 / 14 tables. The adapters' learning rate
     * matters ({@link #DP_ADAPTER_LR_SCALE}).
     */
    public static final int DP_ADAPTER_RANK = 8;

    /**
     * The private adapters' learning rate over the model's: their B starts at zero, and at the model's rate
     * 120 noisy steps left them short of the fit (private loss 1.12 against 0.73 at 5 times the rate; section 26).
     */
    public static final double DP_ADAPTER_LR_SCALE = 5;

    /**
     * The private stage of DP from scratch: {@code training} with {@link #DP_ADAPTER_RANK} adapters on every
     * projection (alpha 2r, no dropout: DP-SGD's noise regularises enough) at {@link #DP_ADAPTER_LR_SCALE} times
     * its learning rate.
     */
    public static TrainingConfig privateStage(TrainingConfig training) {
        return training.withLora(new LoraConfig(DP_ADAPTER_RANK, 2.0 * DP_ADAPTER_RANK, 0,
                Set.copyOf(LoraConfig.LLAMA_MODULES))).withLearningRate(training.learningRate() * DP_ADAPTER_LR_SCALE);
    }

    /**
     * Decoupled weight decay of the from-scratch model's matrices (nanoGPT's value; TrainingConfig's
     * general default, 0.01, shrinks the weights by at most 4 % over 2,000 steps at a peak rate of
     * 2e-3, which hardly regularises). Measured (docs/quality.md section 13, three generators per table,
     * each re-sampled four times): the weakest generator's mean MLE ratio rose from 0.90 to 0.94 on
     * Diabetes and from 1.04 to 1.14 on German; the mean over all tables was equal on Diabetes (0.95)
     * and higher on German (1.21 -> 1.26); CS and training time unchanged.
     */
    public static final double WEIGHT_DECAY = 0.1;

    /** Held-out evaluations without improvement that mark the plateau. */
    public static final int PATIENCE = 5;

    /** The decay after the plateau lasts this share of the steps before it. */
    public static final double ANNEAL_SHARE = 0.5;

    /**
     * Most optimizer steps of the model from scratch. Tables up to about 2,000 rows plan fewer (about
     * {@link #TARGET_STEPS}, at least {@link #MIN_EPOCHS} epochs); a 26k-row table's three epochs of
     * batches of 4 planned 18,735 steps, 2.6 hours on 2 cores, where 3,000 take about a quarter of an
     * hour: each instruction shows k + 1 rows and the loss covers all of them, so 3,000 steps of 4
     * still supervise every row of a 30k-row table more than twice.
     */
    public static final int MAX_STEPS = 3000;

    /**
     * When the model from scratch ends: when it has learned. A tenth of the instructions (at most 64) is
     * held out; the learning rate stays at its peak while their answers' loss improves, and once
     * {@link #PATIENCE} evaluations (every 100 steps) bring no improvement it decays over half the steps
     * so far ({@link #ANNEAL_SHARE}), the held-out instructions join the training for it, and training ends
     * (Trainer, LearnedLength); the epochs plan the {@link #MAX_STEPS} cap, the most it takes. Measured
     * (docs/quality.md section 16, three generators per table, four tables each): German credit ends after
     * 1,950-2,250 steps and Diabetes after 1,650-2,250, about where the former fixed plan of 2,000 steps
     * ended; over 12 tables MLE ratio 1.175 / 1.006 against 1.137 / 0.997 for the plan (+0.04 +- 0.04,
     * +0.01 +- 0.02), CS 0.002 / 0.001 lower, worst first draw per seed 1.016 / 0.954 (plan: 0.929 /
     * 0.995). Without the held-out rows in the decay German's MLE was 0.07 lower. Stopping at the best
     * held-out weights instead (no decay) ended Diabetes at 900-1,200 steps with MLE ratios 0.84 / 0.56
     * where every planned step gave 0.97 / 0.74 (run 2): the held-out likelihood peaks before the links
     * between columns are as sharp as classifiers reward, which the decay supplies. {@code --patience 0}
     * trains every planned step of about {@link #TARGET_STEPS} (nothing held out).
     *
     * <p>Declared after the constants it is made of: a static field initialised from one declared below it would
     * read that field's default (0) if it ever stopped being a compile-time constant.
     */
    public static final StoppingRule STOPPING = new StoppingRule(0.1, 100, PATIENCE, 0, MAX_STEPS,
            ANNEAL_SHARE);

    /** Optimizer steps the default epochs aim at when every planned step runs ({@code --patience 0}). */
    public static final int TARGET_STEPS = 2000;
    public static final int MIN_EPOCHS = 3;
    public static final int MAX_EPOCHS = 30;

    /**
     * Default epochs of the from-scratch model for {@code examples} instructions: enough for about
     * {@link #TARGET_STEPS} optimizer steps, at least 3 and at most 30. Measured on German credit
     * (bench notes in README): after 222 steps (3 epochs of 8) the model had learned each column's
     * marginal distribution but ignored the prompt (P(status=1) 0.20 whatever the neighbours'
     * labels, synthetic MLE MCC -0.01); after 740 steps it used the prompt weakly (0.17 vs 0.29);
     * after 2,205 steps (15 epochs of 4) strongly (0.08 vs 0.68), and the synthetic table kept the
     * real link between checking account and status (bad-credit share 0.39 / 0.06 for A11 / A14,
     * real 0.48 / 0.10; MLE MCC 0.084, real 0.227).
     */
    public static int epochsFor(int examples, int batchPerStep) {
        return epochsFor(examples, batchPerStep, (long) TARGET_STEPS);
    }

    /**
     * Default epochs under {@code stopping}: for a training that ends when it has learned
     * ({@link StoppingRule#anneals()}), enough for the step cap ({@link #MAX_STEPS} unless the rule names
     * another) over the instructions left after the held-out ones, so that the decay can start as late as
     * two thirds of the cap; the cap is the most such a training takes (3 to 30 epochs). Otherwise
     * {@link #epochsFor(int, int)}.
     */
    public static int epochsFor(int examples, int batchPerStep, StoppingRule stopping) {
        if (!stopping.anneals()) {
            return epochsFor(examples, batchPerStep);
        }
        return epochsFor(examples - stopping.heldOutCount(examples), batchPerStep,
                (long) (stopping.maxSteps() > 0 ? stopping.maxSteps() : MAX_STEPS));
    }

    /** Epochs of {@code batchPerStep} examples for about {@code targetSteps} steps over {@code examples}, 3 to 30. */
    private static int epochsFor(int examples, int batchPerStep, long targetSteps) {
        if (examples <= 0) {
            return MIN_EPOCHS;
        }
        long stepsPerEpoch = (examples + batchPerStep - 1) / batchPerStep;
        long epochs = (targetSteps + stepsPerEpoch - 1) / stepsPerEpoch;
        return (int) Math.max(MIN_EPOCHS, Math.min(MAX_EPOCHS, epochs));
    }

    /** The architecture for a tokenizer of {@code vocabSize} tokens and sequences up to {@code maxLength}. */
    public static ModelConfig config(Size size, int vocabSize, int maxLength, int bos, int eos) {
        return new ModelConfig("llama", vocabSize, size.hidden(), size.layers(), size.heads(), size.kvHeads(),
                size.intermediate(), Math.max(1024, 2 * maxLength), 1e-5, 10000.0, false, true, bos, eos);
    }
}
