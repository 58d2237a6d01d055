package org.harmonic.core.lm.model;

import java.util.Arrays;

import org.harmonic.core.lm.TensorData;

/**
 * One row of a family's weight table: the Hugging Face tensor name, its shape as stored in a
 * checkpoint, how it is laid out there and how it is initialised for training from scratch.
 *
 * @param name    Hugging Face tensor name, e.g. {@code model.layers.0.self_attn.q_proj.weight}
 * @param shape   shape in the checkpoint file
 * @param conv1d  GPT-2 {@code Conv1D} weight, stored {@code [in, out]} in the file; the engine
 *                keeps it transposed, as {@code [out, in]} like every {@code nn.Linear}
 * @param initStd standard deviation of the normal initialisation; 0 means the constant
 *                {@code initValue}
 * @param initValue constant initial value (0 for biases, 1 for norm gains)
 */
public record WeightSpec(String name, long[] shape, boolean conv1d, double initStd, float initValue) {

    /** A weight initialised from N(0, std). */
    public static WeightSpec normal(String name, double std, long... shape) {
        return new WeightSpec(name, shape, false, std, 0f);
    }

    /** A GPT-2 Conv1D weight {@code [in, out]} initialised from N(0, std). */
    public static WeightSpec conv1d(String name, double std, long in, long out) {
        return new WeightSpec(name, new long[] {in, out}, true, std, 0f);
    }

    /** A bias, initialised to zero. */
    public static WeightSpec zeros(String name, long... shape) {
        return new WeightSpec(name, shape, false, 0, 0f);
    }

    /** A norm gain, initialised to one. */
    public static WeightSpec ones(String name, long... shape) {
        return new WeightSpec(name, shape, false, 0, 1f);
    }

    /** Shape kept in the engine: the file shape, transposed for Conv1D. */
    public long[] engineShape() {
        return conv1d ? new long[] {shape[1], shape[0]} : shape.clone();
    }

    public long elementCount() {
        return TensorData.elementCount(shape);
    }

    @Override
    public String toString() {
        return name + Arrays.toString(shape);
    }
}
