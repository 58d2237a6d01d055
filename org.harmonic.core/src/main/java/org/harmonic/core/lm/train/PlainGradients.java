package org.harmonic.core.lm.train;

import java.util.ArrayList;
import java.util.List;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;

import org.harmonic.core.lm.DjlRuntime;
import org.harmonic.core.lm.model.CausalLm;

/**
 * Ordinary training: the mean answer-token loss of the whole step, backpropagated micro-batch by
 * micro-batch (gradient accumulation) into the parameters' gradients.
 */
final class PlainGradients implements GradientPolicy {
    private final int microBatch;
    private final int padToken;

    PlainGradients(int microBatch, int padToken) {
        this.microBatch = microBatch;
        this.padToken = padToken;
    }

    @Override
    public StepGradients compute(CausalLm model, List<Parameter> parameters, List<TrainingExample> examples,
            int[] batch, int step) {
        long targets = 0;
        for (int i : batch) {
            targets += examples.get(i).targetCount();
        }
        double loss = 0;
        try (GradientCollector collector = DjlRuntime.engine().newGradientCollector()) {
            for (int from = 0; from < batch.length; from += microBatch) {
                int[] micro = java.util.Arrays.copyOfRange(batch, from, Math.min(batch.length, from + microBatch));
                try (NDManager m = model.newManager()) {
                    NDArray microLoss = AnswerLoss.of(model, m, examples, micro, padToken, targets);
                    collector.backward(microLoss);
                    loss += microLoss.getFloat();
                }
            }
        }
        List<NDArray> gradients = new ArrayList<>(parameters.size());
        for (Parameter p : parameters) {
            gradients.add(p.getArray().getGradient()); // a new handle each call: closed in release
        }
        return new StepGradients(gradients, loss);
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
}
