package org.harmonic.core.lm.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.harmonic.core.lm.DjlRuntime;
import org.harmonic.core.lm.ModelConfig;
import org.harmonic.core.lm.TensorData;
import org.harmonic.core.lm.WeightSource;
import org.harmonic.core.util.HarmonicInputException;

/**
 * A decoder-only causal language model on DJL's PyTorch engine, FP32: GPT-2 ({@link Gpt2Model})
 * or the Llama family ({@link LlamaModel}: Llama, Qwen2, Mistral, SmolLM, TinyLlama).
 *
 * <p>Three separate things, as in llama3.java: the {@link ModelConfig}; the weights, DJL
 * {@link Parameter}s named by their Hugging Face tensor names and listed in one table per family;
 * the per-batch decoding state, a {@link KvCache}.
 *
 * <p>Memory: the weights live in the model's manager. {@link #forward} puts every intermediate
 * into the caller's manager {@code m} (a sub-manager per step, from {@link #newManager()}), which
 * must stay open until backward and the optimizer step are done; {@link #prefill} and
 * {@link #step} work in a private sub-manager and hand back only the logits.
 *
 * <p>Training, with {@code optimizer = Optimizer.adamW()...build()}:
 * <pre>{@code
 * List<Parameter> params = model.trainableParameters();
 * try (NDManager m = model.newManager()) {
 *     try (GradientCollector gc = DjlRuntime.engine().newGradientCollector()) {
 *         NDArray logits = model.forward(m, ids, mask, true);     // (B, T, V)
 *         NDArray loss = ...;                                      // constants as NDArrays in m
 *         gc.backward(loss);
 *     }
 *     for (Parameter p : params) {
 *         try (NDArray g = p.getArray().getGradient()) {          // a new handle each call
 *             optimizer.update(p.getId(), p.getArray(), g);         // also zeroes the gradient
 *         }
 *     }
 * }
 * }</pre>
 */
public abstract sealed class CausalLm implements AutoCloseable permits Gpt2Model, LlamaModel {

    protected final ModelConfig config;
    final NDManager manager;
    final ModelWeights weights;
    private final List<Projection> projections = new ArrayList<>();
    private final Map<String, Projection> projectionByWeight = new HashMap<>();
    // concurrent: sampling threads share the model (BatchSampler), and the first use of a value creates it
    private final Map<Float, NDArray> constants = new java.util.concurrent.ConcurrentHashMap<>();
    private final LoraLayers lora;

    CausalLm(ModelConfig config, NDManager manager, ModelWeights weights) {
        this.config = config;
        this.manager = manager;
        this.weights = weights;
        this.lora = new LoraLayers(config, manager, weights, projections);
    }

    // ---------------------------------------------------------------- construction

    /**
     * Loads a model from Hugging Face-named weights, checking every tensor against the config.
     *
     * @throws HarmonicInputException naming the tensor, the expected and actual shape and the fix,
     *         when a tensor is missing, mis-shaped, or the config contradicts the weights
     */
    public static CausalLm load(ModelConfig config, WeightSource source, Device device) {
        ConfigCheck.validate(config);
        NDManager manager = DjlRuntime.newManager(device);
        try {
            if (config.isLlamaFamily()) {
                return new LlamaModel(config, manager, ModelWeights.load(manager, LlamaModel.weightTable(config),
                        source, n -> n, LlamaModel.ignorable(config), LlamaModel.describe(config)));
            }
            return new Gpt2Model(config, manager, ModelWeights.load(manager, Gpt2Model.weightTable(config),
                    source, Gpt2Model.checkpointNames(source), Gpt2Model.ignorable(config),
                    Gpt2Model.describe(config)));
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /** A model initialised from {@code seed} as GPT-2 does (N(0, 0.02)), for training from scratch. */
    public static CausalLm random(ModelConfig config, long seed, Device device) {
        ConfigCheck.validate(config);
        NDManager manager = DjlRuntime.newManager(device);
        try {
            if (config.isLlamaFamily()) {
                return new LlamaModel(config, manager,
                        ModelWeights.random(manager, LlamaModel.weightTable(config), seed));
            }
            return new Gpt2Model(config, manager,
                    ModelWeights.random(manager, Gpt2Model.weightTable(config), seed));
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /**
     * The weight table of the config's family: every tensor a checkpoint must hold, by Hugging Face
     * name, with its shape in the file (GPT-2 Conv1D weights [in, out]) and its initialisation.
     */
    public static List<WeightSpec> weightTableFor(ModelConfig config) {
        ConfigCheck.validate(config);
        return config.isLlamaFamily() ? LlamaModel.weightTable(config) : Gpt2Model.weightTable(config);
    }

    /** Registers a projection so LoRA, export and merge can find it by module and weight name. */
    final Projection projection(String module, boolean bias) {
        Parameter w = weights.parameter(module + ".weight");
        Parameter b = bias ? weights.parameter(module + ".bias") : null;
        Projection p = new Projection(module, w, b);
        projections.add(p);
        projectionByWeight.put(module + ".weight", p);
        return p;
    }

    /** A scalar constant as an NDArray in the model's manager (native copy, lives with the model). */
    final NDArray constant(float value) {
        return constants.computeIfAbsent(value, v -> {
            try (NDArray view = manager.create(v.floatValue())) {
                return view.duplicate();
            }
        });
    }

    // ---------------------------------------------------------------- the family's forward

    /**
     * The transformer: token ids to final normalised hidden states.
     *
     * @param m        manager of this forward (every intermediate starts from an activation in m)
     * @param ids      (B, T) INT64 token ids
     * @param layout   positions and attention bias of the new tokens
     * @param cache    decoding state to read and extend, or null
     * @param training true to apply LoRA dropout
     * @return (B, T, H)
     */
    abstract NDArray hiddenStates(NDManager m, NDArray ids, BatchLayout layout, KvCache cache, boolean training);

    /**
     * The final normalised hidden state at each row's last new token, for a pass that extends a cache
     * (no autograd). Of the other positions only the keys and values reach the cache, so a family may skip
     * the last layer's queries, attention and MLP there; this one runs the whole stack and gathers.
     *
     * @param last each row's last real column among the new tokens, or null when no output is read (a
     *             prefill slice before the last)
     * @return (B, H) in {@code m}, or null when {@code last} is null
     */
    NDArray lastHiddenStates(NDManager m, NDArray ids, BatchLayout layout, KvCache cache, int[] last) {
        NDArray hidden = hiddenStates(m, ids, layout, cache, false); // (B, T, H)
        return last == null ? null : gatherColumns(hidden, last, 1).squeeze(1);
    }

    /**
     * Row b's column {@code last[b]} along {@code axis} of {@code x}, every other axis kept whole: (..., 1, ...)
     * in x's manager.
     */
    static NDArray gatherColumns(NDArray x, int[] last, int axis) {
        Shape shape = x.getShape();
        long[] dims = shape.getShape().clone();
        dims[axis] = 1;
        Shape indexShape = new Shape(dims);
        long perRow = indexShape.size() / dims[0];
        long[] index = new long[(int) indexShape.size()];
        for (int b = 0; b < last.length; b++) {
            Arrays.fill(index, (int) (b * perRow), (int) ((b + 1) * perRow), last[b]);
        }
        return x.gather(x.getManager().create(index, indexShape), axis);
    }

    /**
     * Runs one layer on {@code x}. Without autograd ({@code training} false) the layer's temporaries
     * live in a sub-manager that closes when the layer returns: a DJL manager keeps every array
     * made in it until it closes, so a prefill of 32 German credit prompts held every layer's
     * attention scores (about 58 MB per array, three per layer) until the step ended, and sampling
     * peaked at 1.8 GB where 8 prompts needed 0.66 GB. With autograd the graph needs them for the
     * backward pass, so training keeps the step's manager.
     */
    static NDArray layerScope(NDManager m, NDArray x, boolean training, UnaryOperator<NDArray> layer) {
        if (training) {
            return layer.apply(x);
        }
        try (NDManager scope = m.newSubManager()) {
            x.tempAttach(scope);
            NDArray out = layer.apply(x);
            out.attach(m);
            return out;
        }
    }

    /** (V, H): lm_head.weight, or the token embedding when tied. */
    abstract NDArray lmHeadWeight();

    /** Positions must stay below this; 0 for no limit (rotary positions extrapolate). */
    abstract int positionLimit();

    // ---------------------------------------------------------------- public API

    public ModelConfig config() {
        return config;
    }

    public Device device() {
        return manager.getDevice();
    }

    /** A sub-manager of the model's manager for one step or batch; close it when done. */
    public NDManager newManager() {
        return manager.newSubManager();
    }

    /**
     * Logits of every position, for training and scoring.
     *
     * @param m        the step's manager (from {@link #newManager()}); keep it open through backward
     * @param ids      (B, T) token ids, right-padded to one length
     * @param mask     (B, T) 1 for real tokens, 0 for padding; null for all ones
     * @param training true while training: LoRA dropout on, and autograd records the graph when
     *                 called inside a {@code GradientCollector}; false for scoring, which never
     *                 records (libtorch's grad mode is per thread and on by default on threads
     *                 other than the one that initialised the engine)
     * @return (B, T, V) logits in {@code m}; rows at padding positions are finite but meaningless
     */
    public NDArray forward(NDManager m, int[][] ids, int[][] mask, boolean training) {
        checkManager(m);
        int[][] fullMask = BatchLayout.checkMask(ids, mask);
        if (!training) {
            return NoGrad.call(() -> logits(m, ids, fullMask, false));
        }
        return logits(m, ids, fullMask, true);
    }

    /**
     * Logits at selected positions only, for losses that score a few positions per sequence (the
     * answer of an instruction is about a sixth of it): the LM head, often the largest matrix of
     * a small model, then runs on those rows alone.
     *
     * @param positions flat indexes {@code b * T + t} into the (B, T) batch
     * @return (positions, V) logits in {@code m}
     */
    public NDArray forwardAt(NDManager m, int[][] ids, int[][] mask, long[] positions, boolean training) {
        checkManager(m);
        int[][] fullMask = BatchLayout.checkMask(ids, mask);
        java.util.function.Supplier<NDArray> compute = () -> {
            NDArray tokens = tokenArray(m, ids);
            BatchLayout layout = BatchLayout.of(m, fullMask, null, positionLimit());
            NDArray hidden = hiddenStates(m, tokens, layout, null, training); // (B, T, H)
            long h = config.hiddenSize();
            NDArray flat = hidden.reshape(ids.length * (long) ids[0].length, h); // (B*T, H)
            long[] index = new long[positions.length * (int) h];
            for (int i = 0; i < positions.length; i++) {
                java.util.Arrays.fill(index, i * (int) h, (i + 1) * (int) h, positions[i]);
            }
            NDArray rows = flat.gather(m.create(index, new Shape(positions.length, h)), 0); // (N, H)
            return Linear.linear(rows, lmHeadWeight()).singletonOrThrow(); // (N, V)
        };
        return training ? compute.get() : NoGrad.call(compute::get);
    }

    private NDArray logits(NDManager m, int[][] ids, int[][] mask, boolean training) {
        NDArray tokens = tokenArray(m, ids);
        BatchLayout layout = BatchLayout.of(m, mask, null, positionLimit());
        NDArray hidden = hiddenStates(m, tokens, layout, null, training); // (B, T, H)
        return Linear.linear(hidden, lmHeadWeight()).singletonOrThrow(); // (B, T, V)
    }

    /** An empty decoding state for {@code batchSize} sequences. */
    public KvCache newCache(int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be positive");
        }
        return new KvCache(manager.newSubManager(), batchSize, config.numLayers());
    }

    /**
     * Feeds a batch of prompts (left- or right-padded) into {@code cache} and returns the logits
     * for each sequence's next token, i.e. at its last real token. May also extend a cache that
     * already holds tokens (chunked prefill).
     *
     * @return (B, V) logits in {@code out}
     */
    public NDArray prefill(NDManager out, KvCache cache, int[][] ids, int[][] mask) {
        return extend(out, cache, ids, BatchLayout.checkMask(ids, mask));
    }

    /**
     * Appends one token per sequence and returns the logits of the token after it.
     *
     * @param tokens (B) the token each sequence continues with
     * @return (B, V) logits in {@code out}
     */
    public NDArray step(NDManager out, KvCache cache, int[] tokens) {
        int[][] ids = new int[tokens.length][];
        for (int b = 0; b < tokens.length; b++) {
            ids[b] = new int[] {tokens[b]};
        }
        return extend(out, cache, ids, BatchLayout.checkMask(ids, null));
    }

    private static void checkBatch(KvCache cache, int[][] ids) {
        cache.checkUsable();
        if (ids.length != cache.batchSize()) {
            throw new IllegalArgumentException("the cache holds " + cache.batchSize()
                    + " sequences but " + ids.length + " were given");
        }
    }

    private NDArray extend(NDManager out, KvCache cache, int[][] ids, int[][] mask) {
        checkManager(out);
        checkBatch(cache, ids);
        int batch = ids.length;
        int t = ids[0].length;
        int[] last = new int[batch]; // each row's last real token
        for (int b = 0; b < batch; b++) {
            last[b] = -1;
            for (int j = 0; j < t; j++) {
                if (mask[b][j] == 1) {
                    last[b] = j;
                }
            }
            if (last[b] < 0) {
                throw new IllegalArgumentException("sequence " + b + " has no real token in this step");
            }
        }
        return NoGrad.call(() -> decode(out, cache, ids, mask, last));
    }

    /**
     * Feeds a prompt slice into {@code cache} whose logits nobody reads (a chunked prefill's slices before
     * the last): the family may skip what only the output needs.
     */
    public void fill(KvCache cache, int[][] ids, int[][] mask) {
        int[][] checked = BatchLayout.checkMask(ids, mask);
        checkBatch(cache, ids);
        NoGrad.call(() -> decode(null, cache, ids, checked, null));
    }

    /** @param last each row's last real token, or null for no logits (then {@code out} is unused) */
    private NDArray decode(NDManager out, KvCache cache, int[][] ids, int[][] mask, int[] last) {
        int batch = ids.length;
        try (NDManager scratch = manager.newSubManager()) {
            NDArray tokens = tokenArray(scratch, ids);
            BatchLayout layout = BatchLayout.of(scratch, mask, cache, positionLimit());
            NDArray hidden;
            try {
                hidden = lastHiddenStates(scratch, tokens, layout, cache, last); // (B, H) or null
            } catch (RuntimeException e) {
                cache.markBroken();
                throw e;
            }
            cache.advance(mask);
            if (last == null) {
                return null;
            }
            NDArray logits = Linear.linear(hidden.reshape(batch, config.hiddenSize()), lmHeadWeight())
                    .singletonOrThrow(); // (B, V)
            logits.attach(out);
            return logits;
        }
    }

    private NDArray tokenArray(NDManager m, int[][] ids) {
        int batch = ids.length;
        int t = ids[0].length;
        long[] flat = new long[batch * t];
        for (int b = 0; b < batch; b++) {
            for (int j = 0; j < t; j++) {
                int id = ids[b][j];
                if (id < 0 || id >= config.vocabSize()) {
                    throw new IllegalArgumentException("token id " + id + " at [" + b + ", " + j
                            + "] is outside the vocabulary 0.." + (config.vocabSize() - 1));
                }
                flat[b * t + j] = id;
            }
        }
        return m.create(flat, new Shape(batch, t));
    }

    private void checkManager(NDManager m) {
        if (!manager.isOpen()) {
            throw new IllegalStateException("the model was closed");
        }
        if (!m.getDevice().equals(manager.getDevice())) {
            throw new IllegalArgumentException("manager on " + m.getDevice() + " but the model is on "
                    + manager.getDevice() + "; use model.newManager()");
        }
    }

    /** Parameters the optimizer updates: the LoRA adapters when LoRA is on, otherwise every weight. */
    public List<Parameter> trainableParameters() {
        return lora.config() != null ? lora.parameters() : new ArrayList<>(weights.parameters().values());
    }

    /** Base weights by Hugging Face name, in the family's table order (read-only map). */
    public Map<String, Parameter> weightParameters() {
        return weights.parameters();
    }

    /** Number of values in the base weights (a tied head counts once), plus adapters. */
    public long parameterCount() {
        long n = 0;
        for (WeightSpec s : weights.table()) {
            n += s.elementCount();
        }
        return n + lora.parameterCount();
    }

    /**
     * Adds fresh LoRA adapters (A random, B zero: the model's output is unchanged) to every
     * projection whose module name is in the target list, and freezes the base weights.
     */
    public void applyLora(LoraConfig config, long seed) {
        Random random = new Random(seed);
        lora.attach(config, p -> new float[][] {
            LoraAdapter.initialA(config.rank(), p.in(), random),
            new float[Math.toIntExact(p.out() * config.rank())]});
    }

    /**
     * Adds LoRA adapters with the values of a PEFT adapter checkpoint
     * ({@code base_model.model.<module>.lora_A.weight} / {@code lora_B.weight}).
     *
     * @throws HarmonicInputException naming the tensor when one is missing or mis-shaped
     */
    public void loadLora(LoraConfig config, WeightSource adapters) {
        lora.attach(config, p -> new float[][] {
            LoraLayers.read(adapters, LoraAdapter.namePrefix(p.module()) + ".lora_A.weight", config.rank(), p.in()),
            LoraLayers.read(adapters, LoraAdapter.namePrefix(p.module()) + ".lora_B.weight", p.out(), config.rank())});
    }

    /**
     * Second gradient leaves of the LoRA adapters (they must be on), sharing the adapters' memory, for
     * backward passes on another thread that must not add into the adapters' own gradients; see
     * {@link AdapterStandIns}. Close them before the model.
     */
    public AdapterStandIns adapterStandIns() {
        if (lora.config() == null) {
            throw new IllegalStateException("stand-ins exist for LoRA adapters only; attach LoRA first");
        }
        return new AdapterStandIns(lora.adapters());
    }

    /** The LoRA settings in force, or null. */
    public LoraConfig lora() {
        return lora.config();
    }

    /**
     * Folds every adapter into its base weight, {@code W' = W + (alpha/r) B A} (in the engine's
     * [out, in] layout, so GPT-2's Conv1D transpose is respected on export), drops the adapters
     * and makes the base weights trainable again.
     */
    public void mergeLora() {
        if (lora.config() != null) {
            lora.merge();
        }
    }

    /**
     * Every weight under its Hugging Face name in checkpoint layout (GPT-2 Conv1D as [in, out]),
     * with unmerged LoRA adapters folded in, so that a writer can save a standard checkpoint.
     * A tied LM head is not repeated (as {@code save_pretrained} does).
     */
    public Map<String, TensorData> exportWeights() {
        Map<String, TensorData> out = new LinkedHashMap<>();
        for (WeightSpec spec : weights.table()) {
            Projection p = projectionByWeight.get(spec.name());
            float[] values = p != null ? p.effectiveWeight() : weights.array(spec.name()).toFloatArray();
            out.put(spec.name(), ModelWeights.toTensorData(spec, values));
        }
        return out;
    }

    /** The LoRA adapters under PEFT's names ({@code adapter_model.safetensors}); empty without LoRA. */
    public Map<String, TensorData> exportLoraWeights() {
        return lora.export();
    }

    /** Frees the weights, adapters, constants and every cache made by this model. */
    @Override
    public void close() {
        if (!manager.isOpen()) {
            return;
        }
        for (Projection p : projections) {
            p.close();
        }
        weights.close();
        constants.clear();
        manager.close();
    }
}
