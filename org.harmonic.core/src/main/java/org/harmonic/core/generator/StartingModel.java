package org.harmonic.core.generator;

import ai.djl.Device;
import java.nio.file.Path;
import org.harmonic.core.lm.ModelConfig;
import org.harmonic.core.lm.checkpoint.ModelConfigJson;
import org.harmonic.core.lm.checkpoint.SafetensorsReader;
import org.harmonic.core.lm.model.CausalLm;
import org.harmonic.core.lm.tokenizer.HfTokenizer;

/**
 * The language model a training on prompt / answer pairs starts from, for the LLM Fine-Tuner and
 * for LLE's classifier alike: the default model from scratch (random weights, its vocabulary and
 * context sized for the tokenizer and the longest training sequence) or a Hugging Face checkpoint
 * ({@code base}, whose own configuration and weights are read).
 */
public final class StartingModel {

    private StartingModel() {
    }

    /**
     * The model's configuration.
     *
     * @param base      checkpoint directory, or null for the default model from scratch
     * @param size      size of the model from scratch (ignored with a base)
     * @param tokenizer the tokenizer the model will read (from scratch: its vocabulary and special ids)
     * @param longest   longest training sequence in tokens (from scratch: the context is at least twice it)
     */
    public static ModelConfig config(Path base, DefaultGenerator.Size size, HfTokenizer tokenizer, int longest) {
        return base == null
                ? DefaultGenerator.config(size, tokenizer.vocabSize(), longest, tokenizer.bosId(), tokenizer.eosId())
                : ModelConfigJson.read(base);
    }

    /** A new model of {@code config}: random weights from {@code seed}, or the base checkpoint's. */
    public static CausalLm open(ModelConfig config, Path base, long seed, Device device) {
        if (base == null) {
            return CausalLm.random(config, seed, device);
        }
        try (SafetensorsReader weights = SafetensorsReader.open(base)) {
            return CausalLm.load(config, weights, device);
        }
    }
}
