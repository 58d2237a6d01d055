package org.harmonic.core.lm.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.harmonic.core.util.Seeds;
import org.harmonic.core.lm.TensorData;
import org.harmonic.core.lm.WeightSource;
import org.harmonic.core.util.HarmonicInputException;

/**
 * The base weights of one model, each a DJL {@link Parameter} named by its Hugging Face tensor
 * name and kept in the engine layout ({@code [out, in]} for every projection, Conv1D included).
 * All arrays live in the model's manager and are native copies (not views over Java buffers).
 */
final class ModelWeights implements AutoCloseable {

    private final NDManager manager;
    private final List<WeightSpec> table;
    private final Map<String, Parameter> byName = new LinkedHashMap<>();
    private ByteBuffer staging;

    private ModelWeights(NDManager manager, List<WeightSpec> table) {
        this.manager = manager;
        this.table = List.copyOf(table);
    }

    /**
     * Reads every tensor of {@code table} from {@code source}, checking presence and shape.
     *
     * @param fileName  maps a table name to the name used in this checkpoint (GPT-2 checkpoints
     *                  without the {@code transformer.} prefix)
     * @param ignorable names the checkpoint may hold that the engine does not use (buffers such
     *                  as GPT-2's {@code attn.bias}, a tied {@code lm_head.weight})
     * @param configSummary the config values that determine the shapes, quoted in errors
     */
    static ModelWeights load(NDManager manager, List<WeightSpec> table, WeightSource source,
            UnaryOperator<String> fileName, Predicate<String> ignorable, String configSummary) {
        Set<String> available = source.names();
        List<String> missing = new ArrayList<>();
        Set<String> expectedFileNames = new TreeSet<>();
        for (WeightSpec spec : table) {
            String file = fileName.apply(spec.name());
            expectedFileNames.add(file);
            if (!available.contains(file)) {
                missing.add("'" + file + "' " + Arrays.toString(spec.shape()));
            }
        }
        if (!missing.isEmpty()) {
            throw new HarmonicInputException("the checkpoint lacks " + missing.size() + " of the "
                    + table.size() + " tensors a model with " + configSummary + " needs, e.g. "
                    + String.join(", ", missing.subList(0, Math.min(3, missing.size())))
                    + "; check that config.json belongs to these weights (model_type, "
                    + "num_hidden_layers, tie_word_embeddings) and that every shard listed in "
                    + "model.safetensors.index.json is present");
        }
        List<String> unexplained = new ArrayList<>();
        for (String name : new TreeSet<>(available)) {
            if (!expectedFileNames.contains(name) && !ignorable.test(name)) {
                unexplained.add("'" + name + "'");
            }
        }
        if (!unexplained.isEmpty()) {
            throw new HarmonicInputException("the checkpoint holds " + unexplained.size()
                    + " tensor(s) that a model with " + configSummary + " does not have, e.g. "
                    + String.join(", ", unexplained.subList(0, Math.min(3, unexplained.size())))
                    + "; config.json contradicts the weights (num_hidden_layers, model_type or "
                    + "attention_bias): use the config.json saved with this checkpoint");
        }
        ModelWeights weights = new ModelWeights(manager, table);
        try {
            for (WeightSpec spec : table) {
                String file = fileName.apply(spec.name());
                TensorData t = source.get(file);
                if (!Arrays.equals(t.shape(), spec.shape())) {
                    throw new HarmonicInputException("tensor '" + file + "' has shape "
                            + Arrays.toString(t.shape()) + " but config.json (" + configSummary
                            + ") implies " + Arrays.toString(spec.shape())
                            + "; the config does not match the weights: use the config.json "
                            + "saved with this checkpoint");
                }
                if (t.data().remaining() != spec.elementCount()) {
                    throw new HarmonicInputException("tensor '" + file + "' declares shape "
                            + Arrays.toString(t.shape()) + " (" + spec.elementCount()
                            + " values) but holds " + t.data().remaining()
                            + " values; the checkpoint file is damaged, export it again");
                }
                weights.put(spec, t.data().duplicate());
            }
        } catch (RuntimeException e) {
            weights.close();
            throw e;
        } finally {
            weights.staging = null;
        }
        return weights;
    }

    /** Random weights as GPT-2 initialises them: N(0, std) weights, zero biases, unit gains. */
    static ModelWeights random(NDManager manager, List<WeightSpec> table, long seed) {
        ModelWeights weights = new ModelWeights(manager, table);
        for (WeightSpec spec : table) {
            float[] values = new float[Math.toIntExact(spec.elementCount())];
            if (spec.initStd() > 0) {
                // One generator per tensor, so adding a tensor leaves the others unchanged.
                Random random = new Random(Seeds.weightInit(seed, spec.name()));
                for (int i = 0; i < values.length; i++) {
                    values[i] = (float) (random.nextGaussian() * spec.initStd());
                }
            } else {
                Arrays.fill(values, spec.initValue());
            }
            weights.put(spec, FloatBuffer.wrap(values));
        }
        weights.staging = null;
        return weights;
    }

    private void put(WeightSpec spec, FloatBuffer fileLayout) {
        long[] shape = spec.engineShape();
        FloatBuffer engineLayout = spec.conv1d()
                ? FloatBuffer.wrap(transpose(fileLayout, (int) spec.shape()[0], (int) spec.shape()[1]))
                : fileLayout;
        // One reused direct staging buffer: create() over a direct ByteBuffer wraps it without a
        // copy (torch::from_blob), duplicate() then makes the native copy the model keeps. This
        // avoids a fresh direct buffer per tensor (direct memory is capped by -Xmx by default).
        int bytes = Math.toIntExact(spec.elementCount() * Float.BYTES);
        if (staging == null || staging.capacity() < bytes) {
            staging = ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
        }
        staging.clear();
        staging.asFloatBuffer().put(engineLayout.duplicate());
        staging.limit(bytes);
        NDArray array;
        try (NDArray view = manager.create(staging, new Shape(shape), DataType.FLOAT32)) {
            array = view.duplicate();
        }
        Parameter p = Parameter.builder()
                .setName(spec.name())
                .setType(spec.name().endsWith(".bias") ? Parameter.Type.BIAS : Parameter.Type.WEIGHT)
                .optArray(array)
                .build();
        array.setName(spec.name());
        p.freeze(false);
        byName.put(spec.name(), p);
    }

    /** Row-major {@code [rows, cols]} to {@code [cols, rows]}. */
    static float[] transpose(FloatBuffer src, int rows, int cols) {
        float[] out = new float[rows * cols];
        int base = src.position();
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[c * rows + r] = src.get(base + r * cols + c);
            }
        }
        return out;
    }

    /** The table this model was built from, in checkpoint order. */
    List<WeightSpec> table() {
        return table;
    }

    Parameter parameter(String name) {
        Parameter p = byName.get(name);
        if (p == null) {
            throw new IllegalArgumentException("no weight named " + name);
        }
        return p;
    }

    NDArray array(String name) {
        return parameter(name).getArray();
    }

    /** Optional weight: null when the table has no such name. */
    NDArray arrayOrNull(String name) {
        Parameter p = byName.get(name);
        return p == null ? null : p.getArray();
    }

    Map<String, Parameter> parameters() {
        return Collections.unmodifiableMap(byName);
    }

    /** One weight in the checkpoint layout, from engine-layout values. */
    static TensorData toTensorData(WeightSpec spec, float[] engineValues) {
        float[] fileValues = spec.conv1d()
                ? transpose(FloatBuffer.wrap(engineValues), (int) spec.shape()[1], (int) spec.shape()[0])
                : engineValues;
        return new TensorData(spec.name(), spec.shape().clone(), FloatBuffer.wrap(fileValues));
    }

    @Override
    public void close() {
        for (Parameter p : byName.values()) {
            p.close();
        }
        byName.clear();
    }
}
