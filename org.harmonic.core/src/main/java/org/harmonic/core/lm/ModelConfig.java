package org.harmonic.core.lm;

/**
 * Architecture of a causal language model, the subset of a Hugging Face {@code config.json}
 * that the engine needs. One record serves both families:
 * <ul>
 *   <li>{@code gpt2}: learned positions, LayerNorm, GELU MLP of {@code intermediateSize}
 *       (HF's {@code n_inner}, default 4 x hidden), Conv1D weight layout, tied LM head;</li>
 *   <li>{@code llama} / {@code qwen2} / {@code mistral}: RMSNorm, rotary positions
 *       ({@code ropeTheta}), SwiGLU MLP, grouped-query attention ({@code numKeyValueHeads}),
 *       q/k/v bias when {@code attentionBias} (Qwen2).</li>
 * </ul>
 *
 * @param modelType         HF {@code model_type}: gpt2, llama, qwen2 or mistral
 * @param vocabSize         rows of the token embedding
 * @param hiddenSize        model width (gpt2: n_embd)
 * @param numLayers         transformer blocks (gpt2: n_layer)
 * @param numHeads          query heads (gpt2: n_head)
 * @param numKeyValueHeads  key/value heads (= numHeads for gpt2 and plain multi-head attention)
 * @param intermediateSize  MLP width (gpt2: n_inner or 4 x hidden)
 * @param maxPositions      context length (gpt2: n_positions; llama: max_position_embeddings)
 * @param normEps           LayerNorm / RMSNorm epsilon (gpt2: layer_norm_epsilon; llama: rms_norm_eps)
 * @param ropeTheta         rotary base (llama family; ignored for gpt2)
 * @param attentionBias     q/k/v projections carry a bias (qwen2 always; llama when attention_bias)
 * @param tieWordEmbeddings LM head shares the token embedding matrix
 * @param bosTokenId        begin-of-sequence id, or -1
 * @param eosTokenId        end-of-sequence id, or -1
 */
public record ModelConfig(
        String modelType,
        int vocabSize,
        int hiddenSize,
        int numLayers,
        int numHeads,
        int numKeyValueHeads,
        int intermediateSize,
        int maxPositions,
        double normEps,
        double ropeTheta,
        boolean attentionBias,
        boolean tieWordEmbeddings,
        int bosTokenId,
        int eosTokenId) {

    /** True for the Llama family (llama, qwen2, mistral), false for gpt2. */
    public boolean isLlamaFamily() {
        return !"gpt2".equals(modelType);
    }

    /** Width of one attention head. */
    public int headDim() {
        return hiddenSize / numHeads;
    }
}
