package org.harmonic.core.lm.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;

import org.harmonic.core.lm.DjlRuntime;
import org.harmonic.core.lm.model.CausalLm;

/**
 * Ordinary training: the mean answer-token loss of the whole step, backpropagated micro-batch by
 * micro-batch (gradient accumulation) into the parameters' gradients.
 *
 * <p>On the CPU a step of one micro-batch is cut into two halves (the {@linkplain #pieces pieces}),
 * each backpropagated on its own, on two threads where there are two: libtorch runs one intra-op
 * thread ({@link DjlRuntime#setOfflineFlags}), so the second core was idle through every training
 * (a German credit step of 4 instructions: 150 steps in 28 s on one thread, 18 s on two). The pieces
 * do not depend on the thread count, and each parameter's gradient receives exactly two
 * contributions, which floating-point addition sums to the same bits in either order: a seed gives
 * the same model on one core or two. (Not the same as one backward pass over the whole batch, which
 * sums in another order: a model differs from the former single-piece one in its last bits.)
 */
final class PlainGradients implements GradientPolicy {
    private final int microBatch;
    private final int padToken;
    private final boolean split;
    private final boolean parallel;
    private final StepHelper helper = new StepHelper();

    /**
     * @param split    cut a one-micro-batch step into two pieces (the CPU; a GPU computes the batch at once)
     * @param parallel backpropagate the two pieces on two threads (the same result as one after the other)
     */
    PlainGradients(int microBatch, int padToken, boolean split, boolean parallel) {
        this.microBatch = microBatch;
        this.padToken = padToken;
        this.split = split;
        this.parallel = parallel;
    }

    /**
     * The step's pieces, each backpropagated on its own: its micro-batches, or, for a step of one
     * micro-batch that may be split, its two halves.
     */
    List<int[]> pieces(int[] batch) {
        if (split && batch.length >= 2 && batch.length <= microBatch) {
            return StepHelper.halves(batch);
        }
        List<int[]> pieces = new ArrayList<>();
        for (int from = 0; from < batch.length; from += microBatch) {
            pieces.add(Arrays.copyOfRange(batch, from, Math.min(batch.length, from + microBatch)));
        }
        return pieces;
    }

    @Override
    public StepGradients compute(CausalLm model, List<Parameter> parameters, List<TrainingExample> examples,
            int[] batch, int step) {
        long targets = 0;
        for (int i : batch) {
            targets += examples.get(i).targetCount();
        }
        long stepTargets = targets;
        List<int[]> pieces = pieces(batch);
        double[] loss = {0};
        try (GradientCollector collector = DjlRuntime.engine().newGradientCollector()) {
            // two pieces only: a third contribution would make the sum's order, and so its bits, depend on
            // which thread came first
            if (parallel && pieces.size() == 2 && !droppingOut(model)) {
                double second = helper.alongside(
                        () -> backward(StepHelper::backward, model, examples, pieces.get(1), stepTargets),
                        () -> loss[0] += backward(collector::backward, model, examples, pieces.get(0), stepTargets));
                loss[0] += second;
            } else {
                for (int[] piece : pieces) {
                    loss[0] += backward(collector::backward, model, examples, piece, stepTargets);
                }
            }
        }
        List<NDArray> gradients = new ArrayList<>(parameters.size());
        for (Parameter p : parameters) {
            gradients.add(p.getArray().getGradient()); // a new handle each call: closed in release
        }
        return new StepGradients(gradients, loss[0]);
    }

    /**
     * One piece's forward and backward pass ({@code backward}: the collector's on the calling thread,
     * {@link StepHelper#backward} on the helper); returns its share of the step's loss.
     */
    private double backward(Consumer<NDArray> backward, CausalLm model, List<TrainingExample> examples,
            int[] piece, long stepTargets) {
        try (NDManager m = model.newManager()) {
            NDArray pieceLoss = AnswerLoss.of(model, m, examples, piece, padToken, stepTargets);
            backward.accept(pieceLoss);
            return pieceLoss.getFloat();
        }
    }

    /**
     * LoRA dropout draws from libtorch's one random generator: two threads would interleave their draws
     * differently each run, so such a training backpropagates its pieces one after the other.
     */
    static boolean droppingOut(CausalLm model) {
        return model.lora() != null && model.lora().dropout() > 0;
    }

    @Override
    public void release(StepGradients step) {
        for (NDArray g : step.gradients()) {
            g.subi(g); // PyTorch accumulates into .grad: start the next step from zero
            g.close();
        }
    }

    @Override
    public boolean globalClip() {
        return true;
    }

    @Override
    public void close() {
        helper.close();
    }
}
