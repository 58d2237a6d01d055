package org.harmonic.core.lm.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import java.util.Random;

/**
 * The low-rank update of one projection: {@code delta(x) = (alpha / r) B A dropout(x)}, with
 * PEFT's names {@code base_model.model.<module>.lora_A.weight} ({@code [r, in]}) and
 * {@code ...lora_B.weight} ({@code [out, r]}). A starts uniform in +-1/sqrt(in) (PEFT's
 * kaiming-uniform with a = sqrt(5)) and B at zero, so a fresh adapter changes nothing.
 */
final class LoraAdapter implements AutoCloseable {

    private final Parameter a;
    private final Parameter b;
    private final NDArray scale;
    private final float dropout;
    /** A and B for the forward passes of this thread instead of the parameters' arrays ({@link AdapterStandIns}). */
    private final ThreadLocal<NDArray[]> standIn = new ThreadLocal<>();

    private LoraAdapter(Parameter a, Parameter b, NDArray scale, float dropout) {
        this.a = a;
        this.b = b;
        this.scale = scale;
        this.dropout = dropout;
    }

    /**
     * @param aValues A, [r, in] row-major
     * @param bValues B, [out, r] row-major
     */
    static LoraAdapter create(NDManager manager, String module, long in, long out, LoraConfig config,
            float[] aValues, float[] bValues) {
        int r = config.rank();
        Parameter a = parameter(manager, namePrefix(module) + ".lora_A.weight", aValues, new Shape(r, in));
        Parameter b = parameter(manager, namePrefix(module) + ".lora_B.weight", bValues, new Shape(out, r));
        NDArray scale;
        try (NDArray s = manager.create((float) config.scaling())) {
            scale = s.duplicate(); // a native copy, alive as long as the model
        }
        return new LoraAdapter(a, b, scale, (float) config.dropout());
    }

    /** A fresh A: uniform in +-1/sqrt(in). */
    static float[] initialA(int rank, long in, Random random) {
        float[] values = new float[Math.toIntExact(rank * in)];
        double bound = 1.0 / Math.sqrt(in);
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) ((random.nextDouble() * 2 - 1) * bound);
        }
        return values;
    }

    /** PEFT's prefix for the adapter tensors of {@code module}. */
    static String namePrefix(String module) {
        return "base_model.model." + module;
    }

    private static Parameter parameter(NDManager manager, String name, float[] values, Shape shape) {
        NDArray array;
        try (NDArray view = manager.create(values, shape)) {
            array = view.duplicate();
        }
        array.setName(name);
        Parameter p = Parameter.builder().setName(name).setType(Parameter.Type.WEIGHT)
                .optArray(array).build();
        p.freeze(false);
        return p;
    }

    /** x (..., in) -> (alpha/r) B A dropout(x) (..., out). Starts from x, so results land in x's manager. */
    NDArray apply(NDArray x, boolean training) {
        NDArray in = training && dropout > 0 ? Dropout.dropout(x, dropout, true).singletonOrThrow() : x;
        NDArray[] own = standIn.get();
        NDArray down = Linear.linear(in, own == null ? a.getArray() : own[0]).singletonOrThrow(); // (..., r)
        NDArray up = Linear.linear(down, own == null ? b.getArray() : own[1]).singletonOrThrow(); // (..., out)
        return up.mul(scale);
    }

    /** (alpha/r) B A in the engine layout [out, in], row-major; computed without autograd. */
    float[] delta() {
        return NoGrad.call(() -> {
            try (NDArray ba = b.getArray().matMul(a.getArray()); NDArray scaled = ba.mul(scale)) {
                return scaled.toFloatArray();
            }
        });
    }

    /** Adds (alpha/r) B A to {@code weight} in place; no autograd. */
    void mergeInto(NDArray weight) {
        NoGrad.call(() -> {
            try (NDArray ba = b.getArray().matMul(a.getArray()); NDArray scaled = ba.mul(scale)) {
                return weight.addi(scaled);
            }
        });
    }

    /** Makes this thread's forward passes use {@code a} and {@code b} (null: the parameters' own arrays again). */
    void standIn(NDArray a, NDArray b) {
        if (a == null) {
            standIn.remove();
        } else {
            standIn.set(new NDArray[] {a, b});
        }
    }

    Parameter a() {
        return a;
    }

    Parameter b() {
        return b;
    }

    @Override
    public void close() {
        a.close();
        b.close();
        scale.close();
    }
}
