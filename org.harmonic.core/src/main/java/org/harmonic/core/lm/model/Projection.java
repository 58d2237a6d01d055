package org.harmonic.core.lm.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;

/**
 * One linear map of the network under its Hugging Face module name ({@code nn.Linear}, or
 * GPT-2's {@code Conv1D} whose weight the engine keeps transposed), with an optional LoRA
 * adapter. {@code y = x W^T + b [+ (alpha/r) B A x]}.
 */
final class Projection implements AutoCloseable {

    private final String module;
    private final Parameter weight;
    private final Parameter bias;
    private LoraAdapter lora;

    Projection(String module, Parameter weight, Parameter bias) {
        this.module = module;
        this.weight = weight;
        this.bias = bias;
    }

    /** Full module path, e.g. {@code model.layers.0.self_attn.q_proj}. */
    String module() {
        return module;
    }

    /** Last path segment, what LoRA target lists name, e.g. {@code q_proj}. */
    String kind() {
        return module.substring(module.lastIndexOf('.') + 1);
    }

    Parameter weight() {
        return weight;
    }

    LoraAdapter lora() {
        return lora;
    }

    /** x (..., in) -> (..., out). */
    NDArray apply(NDArray x, boolean training) {
        NDArray y = bias == null
                ? Linear.linear(x, weight.getArray()).singletonOrThrow()
                : Linear.linear(x, weight.getArray(), bias.getArray()).singletonOrThrow();
        return lora == null ? y : y.add(lora.apply(x, training));
    }

    /** Input width (columns of W). */
    long in() {
        return weight.getArray().getShape().get(1);
    }

    /** Output width (rows of W). */
    long out() {
        return weight.getArray().getShape().get(0);
    }

    /** Adds an adapter with these A [r, in] and B [out, r] values. */
    void attachLora(NDManager manager, LoraConfig config, float[] a, float[] b) {
        if (lora != null) {
            throw new IllegalStateException(module + " already has a LoRA adapter");
        }
        lora = LoraAdapter.create(manager, module, in(), out(), config, a, b);
    }

    /** W + (alpha/r) B A in the engine layout, without changing the model. */
    float[] effectiveWeight() {
        float[] w = weight.getArray().toFloatArray();
        if (lora != null) {
            float[] d = lora.delta();
            for (int i = 0; i < w.length; i++) {
                w[i] += d[i];
            }
        }
        return w;
    }

    /** Folds the adapter into W and drops it. */
    void mergeLora() {
        if (lora != null) {
            lora.mergeInto(weight.getArray());
            lora.close();
            lora = null;
        }
    }

    @Override
    public void close() {
        if (lora != null) {
            lora.close();
            lora = null;
        }
    }
}
