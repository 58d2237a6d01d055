package org.harmonic.core.lm.model;

import static org.harmonic.core.lm.model.WeightSpec.normal;
import static org.harmonic.core.lm.model.WeightSpec.ones;
import static org.harmonic.core.lm.model.WeightSpec.zeros;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Embedding;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.harmonic.core.lm.ModelConfig;

/**
 * The Llama family as Hugging Face's {@code LlamaForCausalLM} (Touvron et al. 2023): RMSNorm
 * pre-norm blocks, rotary positions, grouped-query attention ({@code num_key_value_heads <
 * num_attention_heads}), SwiGLU MLP {@code down(silu(gate(x)) * up(x))}, untied or tied head.
 * Also Qwen2 (q/k/v biases, no o_proj bias), Mistral, SmolLM and TinyLlama, which share it.
 */
public final class LlamaModel extends CausalLm {

    /** Whether o_proj has a bias: Llama's {@code attention_bias} covers it, Qwen2's q/k/v biases do not. */
    static boolean outputBias(ModelConfig c) {
        return c.attentionBias() && !"qwen2".equals(c.modelType());
    }

    /** The weight table: every tensor of a Llama-family checkpoint, by Hugging Face name. */
    static List<WeightSpec> weightTable(ModelConfig c) {
        long h = c.hiddenSize();
        long q = (long) c.numHeads() * c.headDim();
        long kv = (long) c.numKeyValueHeads() * c.headDim();
        long f = c.intermediateSize();
        // Initialisation for training from scratch. Embeddings and the projections that write into
        // the residual stream (o_proj, down_proj) keep GPT-2's N(0, 0.02); the projections that read
        // from the normalised stream (q, k, v, gate, up) get N(0, 1/hidden) (LeCun, fan-in). GPT-2's
        // 0.02 everywhere suits width 768; at width 128 it leaves attention scores near zero, so the
        // model spends hundreds of steps learning each column's marginal before it learns to look
        // back at other columns. Measured on a planted table (label = f(colour), tiny model, 1,620
        // steps, 3 seeds): synthetic label agrees with colour in 116-120 of 120 rows with fan-in
        // input projections, 42-49 of 120 with 0.02 everywhere (docs/quality.md).
        double std = 0.02;
        double mat = 1 / Math.sqrt(h); // input projections
        List<WeightSpec> t = new ArrayList<>();
        t.add(normal("model.embed_tokens.weight", std, c.vocabSize(), h));
        for (int i = 0; i < c.numLayers(); i++) {
            String l = "model.layers." + i;
            t.add(ones(l + ".input_layernorm.weight", h));
            t.add(normal(l + ".self_attn.q_proj.weight", mat, q, h));
            t.add(normal(l + ".self_attn.k_proj.weight", mat, kv, h));
            t.add(normal(l + ".self_attn.v_proj.weight", mat, kv, h));
            if (c.attentionBias()) {
                t.add(zeros(l + ".self_attn.q_proj.bias", q));
                t.add(zeros(l + ".self_attn.k_proj.bias", kv));
                t.add(zeros(l + ".self_attn.v_proj.bias", kv));
            }
            t.add(normal(l + ".self_attn.o_proj.weight", std, h, q));
            if (outputBias(c)) {
                t.add(zeros(l + ".self_attn.o_proj.bias", h));
            }
            t.add(ones(l + ".post_attention_layernorm.weight", h));
            t.add(normal(l + ".mlp.gate_proj.weight", mat, f, h));
            t.add(normal(l + ".mlp.up_proj.weight", mat, f, h));
            t.add(normal(l + ".mlp.down_proj.weight", std, h, f));
        }
        t.add(ones("model.norm.weight", h));
        if (!c.tieWordEmbeddings()) {
            t.add(normal("lm_head.weight", std, c.vocabSize(), h));
        }
        return t;
    }

    /** Rotary frequency buffers saved by old checkpoints, and a tied head saved anyway. */
    static Predicate<String> ignorable(ModelConfig c) {
        return name -> name.endsWith(".rotary_emb.inv_freq")
                || (c.tieWordEmbeddings() && name.equals("lm_head.weight"));
    }

    static String describe(ModelConfig c) {
        return "model_type=" + c.modelType() + ", vocab_size=" + c.vocabSize() + ", hidden_size="
                + c.hiddenSize() + ", num_hidden_layers=" + c.numLayers() + ", num_attention_heads="
                + c.numHeads() + ", num_key_value_heads=" + c.numKeyValueHeads() + ", intermediate_size="
                + c.intermediateSize() + ", attention_bias=" + c.attentionBias() + ", tie_word_embeddings="
                + c.tieWordEmbeddings();
    }

    /** One decoder layer's weights. */
    private record Layer(NDArray inputNorm, Projection q, Projection k, Projection v, Projection o,
            NDArray postNorm, Projection gate, Projection up, Projection down) {
    }

    /**
     * New tokens from which the last layer runs for the last token only: each skipped column spares about 5
     * MFLOP for a sub-batch of 16 (some 0.06 ms), the gathers and their index arrays cost some 0.3 ms; a decoding
     * step feeds one or two columns, a prefill slice 64. With the rule applied to every extension (and five
     * gathers, before the positions' rotations were computed directly), 700 German rows sampled about 7 % slower
     * (docs/quality.md section 48).
     */
    static final int LAST_TOKENS_FROM = 16;

    private final Layer[] layers;
    private final NDArray embedTokens;
    private final NDArray finalNorm;
    private final NDArray head;
    private final Rope rope;
    private final NDArray attnScale;
    private final NDArray eps;

    LlamaModel(ModelConfig config, NDManager manager, ModelWeights weights) {
        super(config, manager, weights);
        layers = new Layer[config.numLayers()];
        boolean qkvBias = config.attentionBias();
        for (int i = 0; i < layers.length; i++) {
            String l = "model.layers." + i;
            layers[i] = new Layer(weights.array(l + ".input_layernorm.weight"),
                    projection(l + ".self_attn.q_proj", qkvBias), projection(l + ".self_attn.k_proj", qkvBias),
                    projection(l + ".self_attn.v_proj", qkvBias), projection(l + ".self_attn.o_proj", outputBias(config)),
                    weights.array(l + ".post_attention_layernorm.weight"),
                    projection(l + ".mlp.gate_proj", false), projection(l + ".mlp.up_proj", false),
                    projection(l + ".mlp.down_proj", false));
        }
        embedTokens = weights.array("model.embed_tokens.weight");
        finalNorm = weights.array("model.norm.weight");
        head = config.tieWordEmbeddings() ? embedTokens : weights.array("lm_head.weight");
        rope = new Rope(config.headDim(), config.ropeTheta());
        attnScale = constant((float) (1.0 / Math.sqrt(config.headDim())));
        eps = constant((float) config.normEps());
    }

    @Override
    NDArray hiddenStates(NDManager m, NDArray ids, BatchLayout layout, KvCache cache, boolean training) {
        NDArray[] cosSin = rope.cosSin(m, layout.positions());                    // 2 x (B, 1, T, D)
        return rmsNorm(lowerLayers(m, ids, cosSin, layout, cache, training, layers.length), finalNorm);
    }

    /** The token embedding and the first {@code count} layers on the new tokens: (B, T, H). */
    private NDArray lowerLayers(NDManager m, NDArray ids, NDArray[] cosSin, BatchLayout layout, KvCache cache,
            boolean training, int count) {
        long b = ids.getShape().get(0);
        long t = ids.getShape().get(1);
        NDArray x = Embedding.embedding(ids, embedTokens, SparseFormat.DENSE).singletonOrThrow(); // (B, T, H)
        for (int i = 0; i < count; i++) {
            Layer layer = layers[i];
            int index = i;
            x = CausalLm.layerScope(m, x, training, in -> layer(in, layer, index, cosSin, layout, cache, training,
                    b, t));
        }
        return x;
    }

    /**
     * Extending a cache, only each row's last new token is read out, and of the other positions the last
     * layer contributes only its keys and values: its queries, attention and MLP run for the last tokens
     * alone, about a fifth of a prefill's arithmetic for the default model's four layers (issue 13). Below
     * {@link #LAST_TOKENS_FROM} new tokens (a decoding step and its forced tokens) the gathers this takes cost
     * more than the arithmetic they spare, and the whole layer runs.
     */
    @Override
    NDArray lastHiddenStates(NDManager m, NDArray ids, BatchLayout layout, KvCache cache, int[] last) {
        long b = ids.getShape().get(0);
        long t = ids.getShape().get(1);
        if (t < LAST_TOKENS_FROM && last != null) {
            return super.lastHiddenStates(m, ids, layout, cache, last);
        }
        NDArray[] cosSin = rope.cosSin(m, layout.positions());                    // 2 x (B, 1, T, D)
        int top = layers.length - 1;
        NDArray x = lowerLayers(m, ids, cosSin, layout, cache, false, top);
        if (last == null) {
            try (NDManager scope = m.newSubManager()) {
                x.tempAttach(scope);
                keysAndValues(rmsNorm(x, layers[top].inputNorm()), layers[top], top, cosSin, cache, false, b, t);
            }
            return null;
        }
        return CausalLm.layerScope(m, x, false, in -> lastTokens(in, layers[top], top, cosSin, layout, cache, last,
                b, t));
    }

    /**
     * Layer i's rotated keys (transposed) and values of the new tokens, appended to the cache when there is
     * one: {(B, kv, D, S), (B, kv, S, D)} with S the cached and new columns (S = T without a cache).
     */
    private NDArray[] keysAndValues(NDArray a, Layer layer, int i, NDArray[] cosSin, KvCache cache, boolean training,
            long b, long t) {
        int kvHeads = config.numKeyValueHeads();
        int d = config.headDim();
        NDArray k = layer.k().apply(a, training).reshape(b, t, kvHeads, d).transpose(0, 2, 1, 3); // (B, kv, T, D)
        NDArray v = layer.v().apply(a, training).reshape(b, t, kvHeads, d).transpose(0, 2, 1, 3); // (B, kv, T, D)
        NDArray kT = Rope.apply(k, cosSin[0], cosSin[1]).transpose(0, 1, 3, 2);                 // (B, kv, D, T)
        if (cache == null) {
            return new NDArray[] {kT, v};
        }
        return new NDArray[] {cache.appendKeys(i, kT), cache.appendValues(i, v)};
    }

    /** The last layer for each row's last new token only, after its keys and values joined the cache: (B, H). */
    private NDArray lastTokens(NDArray x, Layer layer, int i, NDArray[] cosSin, BatchLayout layout, KvCache cache,
            int[] last, long b, long t) {
        int heads = config.numHeads();
        int d = config.headDim();
        NDArray[] kv = keysAndValues(rmsNorm(x, layer.inputNorm()), layer, i, cosSin, cache, false, b, t);
        NDArray xLast = CausalLm.gatherColumns(x, last, 1);                                      // (B, 1, H)
        NDArray q = layer.q().apply(rmsNorm(xLast, layer.inputNorm()), false)
                .reshape(b, 1, heads, d).transpose(0, 2, 1, 3);                                  // (B, nh, 1, D)
        int[][] lastPositions = new int[(int) b][];
        for (int r = 0; r < b; r++) {
            lastPositions[r] = new int[] {layout.positions()[r][last[r]]};
        }
        NDArray[] lastCosSin = rope.cosSin(x.getManager(), lastPositions);                       // 2 x (B, 1, 1, D)
        q = Rope.apply(q, lastCosSin[0], lastCosSin[1]);
        NDArray bias = CausalLm.gatherColumns(layout.bias(), last, 2);                           // (B, 1, 1, S)
        NDArray att = Attention.attend(q, kv[0], kv[1], bias, attnScale);                       // (B, 1, nh*D)
        xLast = xLast.add(layer.o().apply(att, false));
        NDArray h = rmsNorm(xLast, layer.postNorm());
        NDArray gate = layer.gate().apply(h, false);
        NDArray swiglu = gate.mul(Activation.sigmoid(gate)).mul(layer.up().apply(h, false));
        return rmsNorm(xLast.add(layer.down().apply(swiglu, false)), finalNorm).squeeze(1);     // (B, H)
    }

    /** One decoder layer: attention and SwiGLU MLP, each with its residual. */
    private NDArray layer(NDArray x, Layer layer, int i, NDArray[] cosSin, BatchLayout layout, KvCache cache,
            boolean training, long b, long t) {
        int heads = config.numHeads();
        int d = config.headDim();
        NDArray a = rmsNorm(x, layer.inputNorm());
        NDArray q = layer.q().apply(a, training).reshape(b, t, heads, d).transpose(0, 2, 1, 3);   // (B, nh, T, D)
        q = Rope.apply(q, cosSin[0], cosSin[1]);
        NDArray[] kv = keysAndValues(a, layer, i, cosSin, cache, training, b, t);
        NDArray att = Attention.attend(q, kv[0], kv[1], layout.bias(), attnScale);              // (B, T, nh*D)
        x = x.add(layer.o().apply(att, training));
        NDArray h = rmsNorm(x, layer.postNorm());
        NDArray gate = layer.gate().apply(h, training);                                          // (B, T, F)
        NDArray swiglu = gate.mul(Activation.sigmoid(gate)).mul(layer.up().apply(h, training)); // silu(gate) * up
        return x.add(layer.down().apply(swiglu, training));
    }

    /** RMSNorm: x / sqrt(mean(x^2) + eps) * gain, over the last axis (given as 2: no negative axes in DJL). */
    private NDArray rmsNorm(NDArray x, NDArray gain) {
        NDArray rms = x.mul(x).mean(new int[] {2}, true).add(eps).sqrt(); // (B, T, 1)
        return x.div(rms).mul(gain);
    }

    @Override
    NDArray lmHeadWeight() {
        return head;
    }

    @Override
    int positionLimit() {
        return 0;
    }
}
