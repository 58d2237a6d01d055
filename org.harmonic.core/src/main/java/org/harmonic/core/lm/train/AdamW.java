package org.harmonic.core.lm.train;

import java.util.ArrayList;
import java.util.List;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;

/**
 * AdamW (Loshchilov and Hutter) with decoupled weight decay on matrices only, as nanoGPT
 * configures it. Updates run outside autograd, in place; moments live in their own manager.
 */
final class AdamW implements AutoCloseable {
    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPSILON = 1e-8;

    private final List<Parameter> parameters;
    private final NDManager manager;
    private final List<NDArray> first = new ArrayList<>();
    private final List<NDArray> second = new ArrayList<>();
    private final double weightDecay;
    private int step;

    AdamW(List<Parameter> parameters, NDManager manager, double weightDecay) {
        this.parameters = parameters;
        this.manager = manager;
        this.weightDecay = weightDecay;
        for (Parameter p : parameters) {
            first.add(manager.zeros(p.getArray().getShape()));
            second.add(manager.zeros(p.getArray().getShape()));
        }
    }

    int step() {
        return step;
    }

    List<NDArray> firstMoments() {
        return first;
    }

    List<NDArray> secondMoments() {
        return second;
    }

    void restore(int completedSteps, List<float[]> firstValues, List<float[]> secondValues) {
        step = completedSteps;
        for (int i = 0; i < parameters.size(); i++) {
            copyInto(first.get(i), firstValues.get(i));
            copyInto(second.get(i), secondValues.get(i));
        }
    }

    /**
     * Overwrites an array's values in place. (DJL's {@code set(Buffer)} swaps the storage for the
     * Java buffer instead of copying, which is unsafe for arrays autograd and the optimizer hold.)
     */
    static void copyInto(NDArray target, float[] values) {
        try (NDArray source = target.getManager().create(values, target.getShape())) {
            target.muli(0).addi(source);
        }
    }

    /** One update with the gradients currently held by the parameters. */
    void update(List<NDArray> gradients, double learningRate) {
        step++;
        double correction1 = 1 - Math.pow(BETA1, step);
        double correction2 = 1 - Math.pow(BETA2, step);
        // every temporary is attached to its first operand's manager, so each is closed here
        for (int i = 0; i < parameters.size(); i++) {
            NDArray weight = parameters.get(i).getArray();
            NDArray g = gradients.get(i);
            NDArray m = first.get(i);
            NDArray v = second.get(i);
            try (NDArray scaledGrad = g.mul(1 - BETA1); NDArray squaredGrad = g.square()) {
                m.muli(BETA1).addi(scaledGrad);
                v.muli(BETA2).addi(squaredGrad.muli(1 - BETA2));
            }
            try (NDArray update = m.div(correction1); NDArray variance = v.div(correction2);
                    NDArray denominator = variance.sqrt()) {
                denominator.addi(EPSILON);
                update.divi(denominator).muli(learningRate);
                if (weightDecay > 0 && weight.getShape().dimension() >= 2) {
                    weight.muli(1 - learningRate * weightDecay);
                }
                weight.subi(update);
            }
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
