package org.harmonic.core.generator;

import org.harmonic.core.lm.ModelConfig;

/**
 * The default generator: a small Llama-style model trained from scratch on the instruction data
 * (no pretrained weights needed), sized by {@code bench/lm} so German credit trains in minutes
 * on 2 cores. Rotary positions let it take prompts of any length the training data has.
 */
public final class DefaultGenerator {
    public static final int HIDDEN = 128;
    public static final int LAYERS = 4;
    public static final int HEADS = 4;
    public static final int KV_HEADS = 2;
    public static final int INTERMEDIATE = 352;

    private DefaultGenerator() {
    }

    /** The architecture for a tokenizer of {@code vocabSize} tokens and sequences up to {@code maxLength}. */
    public static ModelConfig config(int vocabSize, int maxLength, int bos, int eos) {
        return new ModelConfig("llama", vocabSize, HIDDEN, LAYERS, HEADS, KV_HEADS, INTERMEDIATE, Math.max(512, maxLength),
                1e-5, 10000.0, false, true, bos, eos);
    }
}
