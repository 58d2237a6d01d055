package org.harmonic.core.lm.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;

import org.harmonic.core.lm.model.CausalLm;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A plain training step cut into two halves, backpropagated on one thread or two. */
class PlainGradientsTest {
    @TempDir
    static Path dir;

    private static TinyGerman german;

    @BeforeAll
    static void tokenize() {
        german = new TinyGerman(dir, 16);
    }

    /** The step's gradient as Java arrays, and its loss last (one value). */
    private static List<float[]> step(CausalLm model, PlainGradients policy, int[] batch) {
        List<Parameter> parameters = model.trainableParameters();
        GradientPolicy.StepGradients g = policy.compute(model, parameters, german.examples, batch, 0);
        List<float[]> out = new ArrayList<>();
        for (NDArray a : g.gradients()) {
            out.add(a.toFloatArray());
        }
        out.add(new float[] {(float) g.loss()});
        policy.release(g);
        return out;
    }

    @Test
    void aStepOfOneMicroBatchIsCutInTwoHalvesOnTheCpuOnly() {
        try (PlainGradients split = new PlainGradients(4, german.eos, true, true);
                PlainGradients whole = new PlainGradients(4, german.eos, false, false)) {
            assertEquals(List.of("[3, 1]", "[4, 1]"), shapes(split.pieces(new int[] {3, 1, 4, 1})));
            assertEquals(List.of("[5, 9]", "[2]"), shapes(split.pieces(new int[] {5, 9, 2})));
            assertEquals(List.of("[6]"), shapes(split.pieces(new int[] {6})));
            // gradient accumulation (two micro-batches of 4): its micro-batches, as before
            assertEquals(List.of("[0, 1, 2, 3]", "[4, 5, 6, 7]"), shapes(split.pieces(new int[] {0, 1, 2, 3, 4, 5,
                    6, 7})));
            assertEquals(List.of("[3, 1, 4, 1]"), shapes(whole.pieces(new int[] {3, 1, 4, 1})));
        }
    }

    private static List<String> shapes(List<int[]> pieces) {
        return pieces.stream().map(java.util.Arrays::toString).toList();
    }

    @Test
    void twoThreadsGiveTheSameBitsAsOneAndTheWholeBatchsGradient() {
        try (CausalLm model = german.model();
                PlainGradients parallel = new PlainGradients(4, german.eos, true, true);
                PlainGradients sequential = new PlainGradients(4, german.eos, true, false);
                PlainGradients whole = new PlainGradients(4, german.eos, false, false)) {
            // several batches and repeats: a race between the threads would show as a difference in some bit
            for (int repeat = 0; repeat < 3; repeat++) {
                for (int from = 0; from + 4 <= german.examples.size(); from += 4) {
                    int[] batch = {from, from + 1, from + 2, from + 3};
                    List<float[]> two = step(model, parallel, batch);
                    List<float[]> one = step(model, sequential, batch);
                    List<float[]> once = step(model, whole, batch);
                    double largest = 0;
                    for (int k = 0; k < two.size(); k++) {
                        assertArrayEquals(one.get(k), two.get(k), 0f, "batch " + from + ", parameter " + k);
                        for (int i = 0; i < once.get(k).length; i++) {
                            largest = Math.max(largest, Math.abs(once.get(k)[i]));
                            // one backward pass over all four sums in another order: rounding only
                            assertEquals(once.get(k)[i], two.get(k)[i], 1e-5 * Math.max(1, Math.abs(once.get(k)[i])),
                                    "batch " + from + ", parameter " + k + ", value " + i);
                        }
                    }
                    assertTrue(largest > 1e-3, "the gradient is not zero: " + largest);
                }
            }
        }
    }
}
