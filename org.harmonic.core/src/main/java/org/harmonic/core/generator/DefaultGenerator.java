package org.harmonic.core.generator;

import org.harmonic.core.lm.ModelConfig;

/**
 * The default generator: a small Llama-style model trained from scratch on the instruction data
 * (no pretrained weights needed), sized by {@code bench/lm} so German credit trains in minutes
 * on 2 cores. Rotary positions let it take prompts of any length the training data has.
 */
public final class DefaultGenerator {

    /** Width and depth of the from-scratch model. */
    public record Size(int hidden, int layers, int heads, int kvHeads, int intermediate) {

        /** The default: about 0.8 M parameters with the table-derived tokenizer. */
        public static Size standard() {
            return new Size(128, 4, 4, 2, 352);
        }

        /** For tests: fast enough to train in seconds. */
        public static Size tiny() {
            return new Size(32, 2, 4, 2, 64);
        }
    }

    private DefaultGenerator() {
    }

    /** The architecture for a tokenizer of {@code vocabSize} tokens and sequences up to {@code maxLength}. */
    public static ModelConfig config(Size size, int vocabSize, int maxLength, int bos, int eos) {
        return new ModelConfig("llama", vocabSize, size.hidden(), size.layers(), size.heads(), size.kvHeads(),
                size.intermediate(), Math.max(1024, 2 * maxLength), 1e-5, 10000.0, false, true, bos, eos);
    }
}
