package org.harmonic.core.lm.train;

import java.util.List;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;

import org.harmonic.core.lm.model.CausalLm;

/**
 * The trainer's seam between the loss and the optimizer: turns one optimizer step's examples into
 * the gradient AdamW applies. {@link PlainGradients} is ordinary mini-batch training; {@link DpSgd}
 * clips every example's gradient and adds Gaussian noise.
 */
interface GradientPolicy extends AutoCloseable {

    /**
     * The gradients of one step, in the order of {@code parameters}, valid until
     * {@link #release} is called.
     *
     * @param gradients one array per trainable parameter
     * @param loss      the step's mean answer-token loss (NaN for an empty Poisson batch)
     */
    record StepGradients(List<NDArray> gradients, double loss) {
    }

    /** Computes the gradient of the step over {@code batch} (indexes into {@code examples}). */
    StepGradients compute(CausalLm model, List<Parameter> parameters, List<TrainingExample> examples, int[] batch,
            int step);

    /** Called after the optimizer used the gradients: leaves every parameter's gradient at zero. */
    void release(StepGradients gradients);

    /** True when the trainer's global-norm clip applies to the gradients this policy returns. */
    boolean globalClip();

    @Override
    default void close() {
    }
}
