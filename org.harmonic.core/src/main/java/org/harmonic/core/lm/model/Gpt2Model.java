package org.harmonic.core.lm.model;

import static org.harmonic.core.lm.model.WeightSpec.conv1d;
import static org.harmonic.core.lm.model.WeightSpec.normal;
import static org.harmonic.core.lm.model.WeightSpec.ones;
import static org.harmonic.core.lm.model.WeightSpec.zeros;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.norm.LayerNorm;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.harmonic.core.lm.ModelConfig;
import org.harmonic.core.lm.WeightSource;

/**
 * GPT-2 (Radford et al. 2019) as Hugging Face's {@code GPT2LMHeadModel}: learned positions,
 * pre-LayerNorm blocks, fused q/k/v projection {@code c_attn}, GELU (tanh form, HF
 * {@code gelu_new}) MLP, LM head tied to the token embedding unless the config unties it.
 */
public final class Gpt2Model extends CausalLm {

    /**
     * The weight table: every tensor of a GPT-2 checkpoint, by Hugging Face name. Conv1D
     * weights are {@code [in, out]} in the file. Initialisation as HF's {@code _init_weights}:
     * N(0, 0.02), residual projections N(0, 0.02 / sqrt(2 n_layer)).
     */
    static List<WeightSpec> weightTable(ModelConfig c) {
        long h = c.hiddenSize();
        long f = c.intermediateSize();
        double std = 0.02;
        double residualStd = std / Math.sqrt(2.0 * c.numLayers());
        List<WeightSpec> t = new ArrayList<>();
        t.add(normal("transformer.wte.weight", std, c.vocabSize(), h));
        t.add(normal("transformer.wpe.weight", std, c.maxPositions(), h));
        for (int i = 0; i < c.numLayers(); i++) {
            String l = "transformer.h." + i;
            t.add(ones(l + ".ln_1.weight", h));
            t.add(zeros(l + ".ln_1.bias", h));
            t.add(conv1d(l + ".attn.c_attn.weight", std, h, 3 * h));
            t.add(zeros(l + ".attn.c_attn.bias", 3 * h));
            t.add(conv1d(l + ".attn.c_proj.weight", residualStd, h, h));
            t.add(zeros(l + ".attn.c_proj.bias", h));
            t.add(ones(l + ".ln_2.weight", h));
            t.add(zeros(l + ".ln_2.bias", h));
            t.add(conv1d(l + ".mlp.c_fc.weight", std, h, f));
            t.add(zeros(l + ".mlp.c_fc.bias", f));
            t.add(conv1d(l + ".mlp.c_proj.weight", residualStd, f, h));
            t.add(zeros(l + ".mlp.c_proj.bias", h));
        }
        t.add(ones("transformer.ln_f.weight", h));
        t.add(zeros("transformer.ln_f.bias", h));
        if (!c.tieWordEmbeddings()) {
            t.add(normal("lm_head.weight", std, c.vocabSize(), h));
        }
        return t;
    }

    /** The original {@code gpt2} repository names its tensors without the {@code transformer.} prefix. */
    static UnaryOperator<String> checkpointNames(WeightSource source) {
        boolean bare = !source.names().contains("transformer.wte.weight") && source.names().contains("wte.weight");
        return name -> bare && name.startsWith("transformer.") ? name.substring("transformer.".length()) : name;
    }

    /** Causal-mask buffers saved by old transformers versions, and a tied head saved anyway. */
    static Predicate<String> ignorable(ModelConfig c) {
        return name -> name.endsWith(".attn.bias") || name.endsWith(".attn.masked_bias")
                || (c.tieWordEmbeddings() && name.equals("lm_head.weight"));
    }

    static String describe(ModelConfig c) {
        return "model_type=gpt2, vocab_size=" + c.vocabSize() + ", n_embd=" + c.hiddenSize() + ", n_layer="
                + c.numLayers() + ", n_inner=" + c.intermediateSize() + ", n_positions=" + c.maxPositions()
                + ", tie_word_embeddings=" + c.tieWordEmbeddings();
    }

    /** One transformer block's weights. */
    private record Block(NDArray ln1Gain, NDArray ln1Bias, Projection cAttn, Projection attnProj,
            NDArray ln2Gain, NDArray ln2Bias, Projection cFc, Projection mlpProj) {
    }

    private final Block[] blocks;
    private final NDArray wte;
    private final NDArray wpe;
    private final NDArray lnfGain;
    private final NDArray lnfBias;
    private final NDArray head;
    private final NDArray attnScale;
    private final NDArray half;
    private final NDArray one;
    private final NDArray geluCubic;
    private final NDArray geluScale;

    Gpt2Model(ModelConfig config, NDManager manager, ModelWeights weights) {
        super(config, manager, weights);
        blocks = new Block[config.numLayers()];
        for (int i = 0; i < blocks.length; i++) {
            String l = "transformer.h." + i;
            blocks[i] = new Block(weights.array(l + ".ln_1.weight"), weights.array(l + ".ln_1.bias"),
                    projection(l + ".attn.c_attn", true), projection(l + ".attn.c_proj", true),
                    weights.array(l + ".ln_2.weight"), weights.array(l + ".ln_2.bias"),
                    projection(l + ".mlp.c_fc", true), projection(l + ".mlp.c_proj", true));
        }
        wte = weights.array("transformer.wte.weight");
        wpe = weights.array("transformer.wpe.weight");
        lnfGain = weights.array("transformer.ln_f.weight");
        lnfBias = weights.array("transformer.ln_f.bias");
        head = config.tieWordEmbeddings() ? wte : weights.array("lm_head.weight");
        attnScale = constant((float) (1.0 / Math.sqrt(config.headDim())));
        half = constant(0.5f);
        one = constant(1f);
        geluCubic = constant(0.044715f);
        geluScale = constant((float) Math.sqrt(2.0 / Math.PI));
    }

    @Override
    NDArray hiddenStates(NDManager m, NDArray ids, BatchLayout layout, KvCache cache, boolean training) {
        long b = ids.getShape().get(0);
        long t = ids.getShape().get(1);
        NDArray x = embed(ids, wte).add(embed(layout.positionIds(), wpe)); // (B, T, H)
        for (int i = 0; i < blocks.length; i++) {
            Block blk = blocks[i];
            int index = i;
            x = CausalLm.layerScope(m, x, training, in -> block(in, blk, index, layout, cache, training, b, t));
        }
        return layerNorm(x, lnfGain, lnfBias);
    }

    /** One transformer block: attention and GELU MLP, each with its residual (pre-norm). */
    private NDArray block(NDArray x, Block blk, int i, BatchLayout layout, KvCache cache, boolean training, long b,
            long t) {
        int heads = config.numHeads();
        int d = config.headDim();
        NDArray a = layerNorm(x, blk.ln1Gain(), blk.ln1Bias());
        NDList qkv = blk.cAttn().apply(a, training).split(3, 2);             // 3 x (B, T, H)
        NDArray q = qkv.get(0).reshape(b, t, heads, d).transpose(0, 2, 1, 3);  // (B, nh, T, D)
        NDArray kT = qkv.get(1).reshape(b, t, heads, d).transpose(0, 2, 3, 1); // (B, nh, D, T)
        NDArray v = qkv.get(2).reshape(b, t, heads, d).transpose(0, 2, 1, 3);  // (B, nh, T, D)
        if (cache != null) {
            kT = cache.appendKeys(i, kT);                                      // (B, nh, D, S)
            v = cache.appendValues(i, v);                                      // (B, nh, S, D)
        }
        NDArray att = Attention.attend(q, kT, v, layout.bias(), attnScale);   // (B, T, H)
        x = x.add(blk.attnProj().apply(att, training));
        NDArray f = blk.cFc().apply(layerNorm(x, blk.ln2Gain(), blk.ln2Bias()), training); // (B, T, 4H)
        return x.add(blk.mlpProj().apply(geluNew(f), training));
    }

    private static NDArray embed(NDArray ids, NDArray table) {
        return Embedding.embedding(ids, table, SparseFormat.DENSE).singletonOrThrow();
    }

    private NDArray layerNorm(NDArray x, NDArray gain, NDArray bias) {
        return LayerNorm.layerNorm(x, new Shape(config.hiddenSize()), gain, bias, (float) config.normEps())
                .singletonOrThrow();
    }

    /** HF {@code gelu_new}: 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))), constants as NDArrays. */
    private NDArray geluNew(NDArray x) {
        NDArray inner = x.mul(x).mul(x).mul(geluCubic).add(x).mul(geluScale);
        return x.mul(half).mul(inner.tanh().add(one));
    }

    @Override
    NDArray lmHeadWeight() {
        return head;
    }

    @Override
    int positionLimit() {
        return config.maxPositions();
    }
}
