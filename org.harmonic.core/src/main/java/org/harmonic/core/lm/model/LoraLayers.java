package org.harmonic.core.lm.model;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.harmonic.core.lm.ModelConfig;
import org.harmonic.core.lm.TensorData;
import org.harmonic.core.lm.WeightSource;
import org.harmonic.core.util.HarmonicInputException;

/**
 * The LoRA state of one model: which projections carry adapters, under which settings, and the
 * freezing of the base weights that goes with them.
 */
final class LoraLayers {

    private final ModelConfig modelConfig;
    private final NDManager manager;
    private final ModelWeights weights;
    private final List<Projection> projections;
    private LoraConfig config;

    LoraLayers(ModelConfig modelConfig, NDManager manager, ModelWeights weights, List<Projection> projections) {
        this.modelConfig = modelConfig;
        this.manager = manager;
        this.weights = weights;
        this.projections = projections;
    }

    /** The settings in force, or null. */
    LoraConfig config() {
        return config;
    }

    /** Adds an adapter, with A and B from {@code values}, to every targeted projection; freezes the base. */
    void attach(LoraConfig lora, Function<Projection, float[][]> values) {
        if (config != null) {
            throw new IllegalStateException("LoRA is already applied; merge it first");
        }
        lora.validateFor(modelConfig);
        try {
            for (Projection p : projections) {
                if (lora.targetModules().contains(p.kind())) {
                    float[][] ab = values.apply(p);
                    p.attachLora(manager, lora, ab[0], ab[1]);
                }
            }
        } catch (RuntimeException e) {
            drop();
            throw e;
        }
        for (Parameter p : weights.parameters().values()) {
            p.freeze(true);
        }
        config = lora;
    }

    /** A [rows, cols] adapter tensor of a PEFT checkpoint, checked. */
    static float[] read(WeightSource source, String name, long rows, long cols) {
        long[] expected = {rows, cols};
        if (!source.names().contains(name)) {
            throw new HarmonicInputException("the LoRA adapter checkpoint lacks tensor '" + name + "' "
                    + Arrays.toString(expected) + "; the adapter was trained with other target modules "
                    + "or another base model: use the adapter's own target_modules and base model");
        }
        TensorData t = source.get(name);
        if (!Arrays.equals(t.shape(), expected)) {
            throw new HarmonicInputException("LoRA tensor '" + name + "' has shape " + Arrays.toString(t.shape())
                    + " but the rank and base model imply " + Arrays.toString(expected)
                    + "; use the adapter's own rank (r) and the base model it was trained on");
        }
        float[] values = new float[Math.toIntExact(t.elementCount())];
        t.data().duplicate().get(values);
        return values;
    }

    /** A and B of every adapter, in module order. */
    List<Parameter> parameters() {
        List<Parameter> out = new ArrayList<>();
        for (Projection p : projections) {
            if (p.lora() != null) {
                out.add(p.lora().a());
                out.add(p.lora().b());
            }
        }
        return out;
    }

    /** The adapters, in module order (the order of {@link #parameters()}, A before B). */
    List<LoraAdapter> adapters() {
        List<LoraAdapter> out = new ArrayList<>();
        for (Projection p : projections) {
            if (p.lora() != null) {
                out.add(p.lora());
            }
        }
        return out;
    }

    long parameterCount() {
        long n = 0;
        for (Parameter p : parameters()) {
            n += p.getArray().getShape().size();
        }
        return n;
    }

    /** Folds every adapter into its base weight and makes the base trainable again. */
    void merge() {
        for (Projection p : projections) {
            p.mergeLora();
        }
        unfreeze();
    }

    /** Drops the adapters without folding them in. */
    void drop() {
        for (Projection p : projections) {
            p.close();
        }
        unfreeze();
    }

    private void unfreeze() {
        for (Parameter p : weights.parameters().values()) {
            p.freeze(false);
        }
        config = null;
    }

    /** The adapters under PEFT's names. */
    Map<String, TensorData> export() {
        Map<String, TensorData> out = new LinkedHashMap<>();
        for (Parameter q : parameters()) {
            out.put(q.getName(), new TensorData(q.getName(), q.getArray().getShape().getShape(),
                    FloatBuffer.wrap(q.getArray().toFloatArray())));
        }
        return out;
    }
}
