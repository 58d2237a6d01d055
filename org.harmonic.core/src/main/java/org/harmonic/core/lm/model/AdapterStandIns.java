package org.harmonic.core.lm.model;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

/**
 * A second set of gradient leaves for a model's LoRA adapters: each shares its adapter's memory (so the
 * optimizer's in-place updates reach it, and nothing is copied), but has a gradient of its own. Forward
 * passes inside {@link #call} on one thread use them instead of the adapters, while other threads keep
 * using the adapters; so two threads can each backpropagate one example at a time and read that example's
 * gradient alone (DP-SGD's per-example gradients, on two cores).
 */
public final class AdapterStandIns implements AutoCloseable {
    private final List<LoraAdapter> adapters;
    private final List<NDArray> leaves = new ArrayList<>();

    AdapterStandIns(List<LoraAdapter> adapters) {
        this.adapters = adapters;
        for (LoraAdapter adapter : adapters) {
            leaves.add(leaf(adapter.a().getArray()));
            leaves.add(leaf(adapter.b().getArray()));
        }
    }

    /** A detached view of {@code array} (the same memory) that records its own gradient. */
    private static NDArray leaf(NDArray array) {
        NDArray view = JniUtils.detachGradient((PtNDArray) array);
        view.setRequiresGradient(true);
        return view;
    }

    /** The stand-ins, in the order of {@link CausalLm#trainableParameters()} (each adapter's A, then B). */
    public List<NDArray> arrays() {
        return leaves;
    }

    /** Runs {@code body} with this thread's forward passes using the stand-ins. */
    public <T> T call(Supplier<T> body) {
        for (int i = 0; i < adapters.size(); i++) {
            adapters.get(i).standIn(leaves.get(2 * i), leaves.get(2 * i + 1));
        }
        try {
            return body.get();
        } finally {
            for (LoraAdapter adapter : adapters) {
                adapter.standIn(null, null);
            }
        }
    }

    @Override
    public void close() {
        for (NDArray leaf : leaves) {
            leaf.close();
        }
    }
}
