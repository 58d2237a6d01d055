package org.harmonic.core.lm.train;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;

import org.harmonic.core.lm.DjlRuntime;
import org.harmonic.core.lm.model.AdapterStandIns;
import org.harmonic.core.lm.model.CausalLm;

/**
 * DP-SGD's gradient (Abadi et al. 2016, algorithm 1): every example's gradient g_i is computed on
 * its own (a micro-batch of one: backward, read every trainable gradient, zero them), clipped to
 * global L2 norm C, g_i * min(1, C / ||g_i||), and summed; Gaussian noise N(0, sigma^2 C^2) is
 * added to each coordinate of the sum, which is then divided by the expected batch size
 * (q * n under Poisson sampling, a public constant, so an example's presence changes the result
 * by at most C before noise). Each example's loss is its own mean answer-token loss, never
 * normalised by the other examples of the batch (that would couple their contributions).
 *
 * <p>The noise comes from the generator the trainer passes in, a {@link SecureDpRandom} in every
 * training: never from the training seed, which harmonic.json stores and which would let whoever
 * holds the generator recompute the noise and subtract it. So a private run does not reproduce,
 * and a resumed run draws fresh noise. The noise is generated in Java and copied into the
 * gradient arrays.
 *
 * <p>With LoRA on the CPU, the second half of a step's examples is backpropagated on a helper thread through
 * {@link AdapterStandIns} (gradient leaves of their own that share the adapters' memory), so each example's
 * gradient is still read and clipped alone; the two halves' clipped sums are added once both are done.
 */
final class DpSgd implements GradientPolicy {
    private final double clipNorm;
    private final double noiseMultiplier;
    private final double expectedBatch;
    private final RandomGenerator random;
    private final int padToken;
    private final NDManager manager;
    private final List<NDArray> sums = new ArrayList<>();
    private final List<Double> lastNorms = new ArrayList<>();
    private final boolean parallel;
    private final StepHelper helper = new StepHelper();
    /** The second thread's gradient leaves and sums; made on the first step that splits. */
    private AdapterStandIns standIns;
    private final List<NDArray> secondSums = new ArrayList<>();

    DpSgd(List<Parameter> parameters, NDManager manager, double clipNorm, double noiseMultiplier,
            double expectedBatch, RandomGenerator random, int padToken, boolean parallel) {
        this.parallel = parallel;
        this.clipNorm = clipNorm;
        this.noiseMultiplier = noiseMultiplier;
        this.expectedBatch = expectedBatch;
        this.random = random;
        this.padToken = padToken;
        this.manager = manager;
        for (Parameter p : parameters) {
            sums.add(manager.zeros(p.getArray().getShape()));
        }
    }

    /** Unclipped gradient norms of the examples of the last step, in batch order (for tests and logs). */
    List<Double> lastNorms() {
        return List.copyOf(lastNorms);
    }

    @Override
    public StepGradients compute(CausalLm model, List<Parameter> parameters, List<TrainingExample> examples,
            int[] batch, int step) {
        for (NDArray s : sums) {
            s.subi(s);
        }
        lastNorms.clear();
        double loss = 0;
        List<NDArray> own = new ArrayList<>(parameters.size());
        for (Parameter p : parameters) {
            own.add(p.getArray());
        }
        try (GradientCollector collector = DjlRuntime.engine().newGradientCollector()) {
            if (parallel && batch.length >= 2 && model.lora() != null && !PlainGradients.droppingOut(model)) {
                // the second half's examples on the helper thread, through the adapters' stand-ins: their
                // gradients are their own, so each example's gradient is still read alone
                List<int[]> halves = StepHelper.halves(batch);
                if (standIns == null) {
                    standIns = model.adapterStandIns();
                    if (standIns.arrays().size() != sums.size()) {
                        throw new IllegalStateException("DP-SGD trains " + sums.size() + " arrays, the model has "
                                + standIns.arrays().size() + " LoRA adapter arrays: the trainer must pass the adapters");
                    }
                    for (NDArray s : sums) {
                        secondSums.add(manager.zeros(s.getShape()));
                    }
                }
                for (NDArray s : secondSums) {
                    s.subi(s);
                }
                List<Double> secondNorms = new ArrayList<>();
                double[] firstLoss = {0};
                double secondLoss = helper.alongside(
                        () -> standIns.call(() -> backwardEach(StepHelper::backward, model, examples, halves.get(1),
                                standIns.arrays(), secondSums, secondNorms)),
                        () -> firstLoss[0] = backwardEach(collector::backward, model, examples, halves.get(0), own,
                                sums, lastNorms));
                for (int k = 0; k < sums.size(); k++) {
                    sums.get(k).addi(secondSums.get(k));
                }
                lastNorms.addAll(secondNorms);
                loss = firstLoss[0] + secondLoss;
            } else {
                loss = backwardEach(collector::backward, model, examples, batch, own, sums, lastNorms);
            }
        }
        addNoise();
        for (NDArray s : sums) {
            s.divi(expectedBatch); // outside autograd: a Number is safe here
        }
        return new StepGradients(sums, batch.length == 0 ? Double.NaN : loss / batch.length);
    }

    /**
     * Each example's own forward and backward pass ({@code backward}: the collector's on the calling thread,
     * {@link StepHelper#backward} on the helper), its gradient read from {@code leaves} and clipped into
     * {@code into}, its norm appended to {@code norms}; returns the sum of the examples' losses.
     */
    private double backwardEach(Consumer<NDArray> backward, CausalLm model, List<TrainingExample> examples,
            int[] indexes, List<NDArray> leaves, List<NDArray> into, List<Double> norms) {
        double loss = 0;
        for (int i : indexes) {
            try (NDManager m = model.newManager()) {
                NDArray exampleLoss = AnswerLoss.of(model, m, examples, new int[] {i}, padToken,
                        examples.get(i).targetCount());
                backward.accept(exampleLoss);
                loss += exampleLoss.getFloat();
            }
            accumulateClipped(leaves, into, norms);
        }
        return loss;
    }

    /** Reads one example's gradient from {@code leaves}, adds it clipped to norm C to {@code into}, and zeroes it. */
    private void accumulateClipped(List<NDArray> leaves, List<NDArray> into, List<Double> norms) {
        List<NDArray> gradients = new ArrayList<>(leaves.size());
        try {
            for (NDArray leaf : leaves) {
                gradients.add(leaf.getGradient());
            }
            double norm = globalNorm(gradients);
            norms.add(norm);
            double scale = norm > clipNorm ? clipNorm / norm : 1;
            for (int k = 0; k < gradients.size(); k++) {
                NDArray g = gradients.get(k);
                if (scale == 1) {
                    into.get(k).addi(g);
                } else {
                    try (NDArray scaled = g.mul(scale)) {
                        into.get(k).addi(scaled);
                    }
                }
                g.subi(g); // the next example starts from a zero gradient
            }
        } finally {
            for (NDArray g : gradients) {
                g.close();
            }
        }
    }

    /** sqrt of the sum of squares of every gradient, with one read back from the engine. */
    static double globalNorm(List<NDArray> gradients) {
        NDList squares = new NDList(gradients.size());
        try {
            for (NDArray g : gradients) {
                try (NDArray sq = g.square()) {
                    squares.add(sq.sum());
                }
            }
            try (NDArray stacked = NDArrays.stack(squares); NDArray total = stacked.sum()) {
                return Math.sqrt(total.getFloat());
            }
        } finally {
            squares.close();
        }
    }

    private void addNoise() {
        if (noiseMultiplier == 0) {
            return; // (0 * an infinite C would be NaN)
        }
        double std = noiseMultiplier * clipNorm;
        for (NDArray s : sums) {
            float[] noise = new float[Math.toIntExact(s.size())];
            for (int i = 0; i < noise.length; i++) {
                noise[i] = (float) (std * random.nextGaussian());
            }
            try (NDArray n = s.getManager().create(noise, s.getShape())) {
                s.addi(n);
            }
        }
    }

    @Override
    public void release(StepGradients gradients) {
        // the sums are reused by the next step; the parameters' gradients are already zero
    }

    @Override
    public boolean globalClip() {
        return false;
    }

    @Override
    public void close() {
        helper.close();
        if (standIns != null) {
            standIns.close();
        }
        manager.close();
    }
}
