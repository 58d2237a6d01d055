package org.harmonic.core.lm.model;

import java.util.List;
import org.harmonic.core.lm.ModelConfig;
import org.harmonic.core.util.HarmonicInputException;

/** Consistency checks of a {@link ModelConfig}, run before any weight is touched. */
final class ConfigCheck {

    private ConfigCheck() {
    }

    /** Checks the config's sizes for consistency before any weight is touched. */
    static void validate(ModelConfig c) {
        List<String> known = List.of("gpt2", "llama", "qwen2", "mistral");
        if (!known.contains(c.modelType())) {
            throw new HarmonicInputException("config.json has model_type '" + c.modelType()
                    + "', which this engine does not implement; supported: " + String.join(", ", known));
        }
        positive("vocab_size", c.vocabSize());
        positive("hidden_size", c.hiddenSize());
        positive("num_hidden_layers", c.numLayers());
        positive("num_attention_heads", c.numHeads());
        positive("num_key_value_heads", c.numKeyValueHeads());
        positive("intermediate_size", c.intermediateSize());
        positive("max_position_embeddings", c.maxPositions());
        if (c.hiddenSize() % c.numHeads() != 0) {
            throw new HarmonicInputException("config.json: hidden_size " + c.hiddenSize()
                    + " is not a multiple of num_attention_heads " + c.numHeads() + "; fix the config");
        }
        if (c.numHeads() % c.numKeyValueHeads() != 0) {
            throw new HarmonicInputException("config.json: num_attention_heads " + c.numHeads()
                    + " is not a multiple of num_key_value_heads " + c.numKeyValueHeads() + "; fix the config");
        }
        if (!c.isLlamaFamily() && c.numKeyValueHeads() != c.numHeads()) {
            throw new HarmonicInputException("config.json: a gpt2 model has as many key/value heads as "
                    + "heads, but num_key_value_heads is " + c.numKeyValueHeads() + "; remove it");
        }
        if (c.isLlamaFamily() && c.headDim() % 2 != 0) {
            throw new HarmonicInputException("config.json: head size " + c.headDim()
                    + " (hidden_size / num_attention_heads) must be even for rotary positions");
        }
        if (!(c.normEps() > 0)) {
            throw new HarmonicInputException("config.json: the norm epsilon must be positive, not " + c.normEps());
        }
    }

    private static void positive(String field, int value) {
        if (value <= 0) {
            throw new HarmonicInputException("config.json: " + field + " is " + value + "; it must be positive");
        }
    }
}
