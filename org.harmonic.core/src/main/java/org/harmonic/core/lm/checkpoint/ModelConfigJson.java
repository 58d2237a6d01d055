package org.harmonic.core.lm.checkpoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.harmonic.core.lm.ModelConfig;
import org.harmonic.core.util.AtomicFiles;
import org.harmonic.core.util.HarmonicInputException;

/**
 * Hugging Face {@code config.json} to and from {@link ModelConfig}, for the model types the
 * engine runs: {@code gpt2}, {@code llama}, {@code mistral} and {@code qwen2}. Keys the engine
 * does not need are ignored on reading (published configs carry dozens); keys that would change
 * the computation in a way {@link ModelConfig} cannot express ({@code rope_scaling}, a
 * {@code head_dim} other than hidden/heads, an unsupported activation, MLP bias) are rejected
 * rather than silently giving wrong outputs. Written files load in {@code transformers}'
 * {@code AutoConfig} / {@code AutoModelForCausalLM}.
 */
public final class ModelConfigJson {

    public static final String FILE_NAME = "config.json";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> GPT2_ACTIVATIONS = Set.of("gelu_new", "gelu_pytorch_tanh", "gelu_fast");
    /** Defaults of transformers' config classes, used when a key is absent. */
    private static final double GPT2_EPS = 1e-5;
    private static final double LLAMA_EPS = 1e-6;
    private static final double ROPE_THETA = 10000.0;

    private ModelConfigJson() {
    }

    /** Reads {@code config.json} from a model directory or the file itself. */
    public static ModelConfig read(Path dirOrFile) {
        Path file = Files.isDirectory(dirOrFile) ? dirOrFile.resolve(FILE_NAME) : dirOrFile;
        if (!Files.isRegularFile(file)) {
            throw new HarmonicInputException(FILE_NAME + " not found at " + file
                    + ". A model directory needs the Hugging Face config.json next to its weights.");
        }
        try {
            return parse(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new HarmonicInputException("Cannot read " + file + " (" + e + ").", e);
        }
    }

    /** Parses config.json text; {@code source} names it in error messages. */
    public static ModelConfig parse(String json, String source) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new HarmonicInputException(source + " is not valid JSON (" + e.getOriginalMessage()
                    + "). Restore the Hugging Face config.json of the model.", e);
        }
        if (root == null || !root.isObject()) {
            throw new HarmonicInputException(source + " must hold a JSON object (a Hugging Face model config).");
        }
        Keys keys = new Keys(root, source);
        String type = keys.requiredString("model_type");
        return switch (type) {
            case "gpt2" -> readGpt2(keys);
            case "llama", "mistral", "qwen2" -> readLlama(keys, type);
            default -> throw new HarmonicInputException(source + ": model_type '" + type
                    + "' is not supported; use a gpt2, llama, mistral or qwen2 model.");
        };
    }

    private static ModelConfig readGpt2(Keys k) {
        String act = k.optionalString("activation_function", "gelu_new");
        if (!GPT2_ACTIVATIONS.contains(act)) {
            throw k.error("activation_function", "is '" + act + "'; only the tanh GELU of GPT-2 "
                    + GPT2_ACTIVATIONS + " is supported");
        }
        int hidden = k.requiredInt("n_embd");
        int heads = k.requiredInt("n_head");
        k.checkDivisible(hidden, "n_embd", heads, "n_head");
        int positions = k.has("n_positions") ? k.requiredInt("n_positions") : k.requiredInt("n_ctx");
        return new ModelConfig("gpt2", k.requiredInt("vocab_size"), hidden, k.requiredInt("n_layer"), heads,
                heads, k.optionalInt("n_inner", 4 * hidden), positions,
                k.optionalDouble("layer_norm_epsilon", GPT2_EPS),
                ROPE_THETA, true, k.optionalBoolean("tie_word_embeddings", true),
                k.tokenId("bos_token_id"), k.tokenId("eos_token_id"));
    }

    private static ModelConfig readLlama(Keys k, String type) {
        String act = k.optionalString("hidden_act", "silu");
        if (!"silu".equals(act)) {
            throw k.error("hidden_act", "is '" + act + "'; only SiLU (SwiGLU MLP) is supported");
        }
        if (k.has("rope_scaling")) {
            throw k.error("rope_scaling", "is set; scaled rotary positions are not supported, "
                    + "use a model without rope_scaling");
        }
        if (k.optionalBoolean("mlp_bias", false)) {
            throw k.error("mlp_bias", "is true; MLP biases are not supported");
        }
        int hidden = k.requiredInt("hidden_size");
        int heads = k.requiredInt("num_attention_heads");
        k.checkDivisible(hidden, "hidden_size", heads, "num_attention_heads");
        int kvHeads = k.optionalInt("num_key_value_heads", heads);
        k.checkDivisible(heads, "num_attention_heads", kvHeads, "num_key_value_heads");
        if (k.has("head_dim") && k.requiredInt("head_dim") != hidden / heads) {
            throw k.error("head_dim", "is " + k.requiredInt("head_dim") + ", but only hidden_size / "
                    + "num_attention_heads = " + hidden / heads + " is supported");
        }
        // Qwen2 always has q/k/v biases; its config has no attention_bias key.
        boolean bias = "qwen2".equals(type) || k.optionalBoolean("attention_bias", false);
        return new ModelConfig(type, k.requiredInt("vocab_size"), hidden, k.requiredInt("num_hidden_layers"),
                heads, kvHeads, k.requiredInt("intermediate_size"), k.requiredInt("max_position_embeddings"),
                k.optionalDouble("rms_norm_eps", LLAMA_EPS), k.optionalDouble("rope_theta", ROPE_THETA),
                bias, k.optionalBoolean("tie_word_embeddings", false),
                k.tokenId("bos_token_id"), k.tokenId("eos_token_id"));
    }

    /** Writes {@code config.json} into {@code dir} atomically. */
    public static void write(ModelConfig config, Path dir) {
        AtomicFiles.writeString(dir.resolve(FILE_NAME), toJson(config));
    }

    /** The config as Hugging Face config.json text. */
    public static String toJson(ModelConfig c) {
        ObjectNode o = JSON.createObjectNode();
        switch (c.modelType()) {
            case "gpt2" -> gpt2Json(c, o);
            case "llama" -> llamaJson(c, o, "LlamaForCausalLM");
            case "mistral" -> llamaJson(c, o, "MistralForCausalLM");
            case "qwen2" -> llamaJson(c, o, "Qwen2ForCausalLM");
            default -> throw new IllegalArgumentException("unsupported model_type " + c.modelType());
        }
        tokenId(o, "bos_token_id", c.bosTokenId());
        tokenId(o, "eos_token_id", c.eosTokenId());
        o.put("tie_word_embeddings", c.tieWordEmbeddings());
        o.put("torch_dtype", "float32");
        o.put("use_cache", true);
        o.put("vocab_size", c.vocabSize());
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(o) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void gpt2Json(ModelConfig c, ObjectNode o) {
        if (c.numKeyValueHeads() != c.numHeads()) {
            throw new IllegalArgumentException("gpt2 has no grouped-query attention: " + c);
        }
        o.putArray("architectures").add("GPT2LMHeadModel");
        o.put("model_type", "gpt2");
        o.put("activation_function", "gelu_new");
        o.put("initializer_range", 0.02);
        o.put("layer_norm_epsilon", c.normEps());
        o.put("n_embd", c.hiddenSize());
        o.put("n_head", c.numHeads());
        o.put("n_inner", c.intermediateSize());
        o.put("n_layer", c.numLayers());
        o.put("n_positions", c.maxPositions());
        o.put("scale_attn_weights", true);
    }

    private static void llamaJson(ModelConfig c, ObjectNode o, String architecture) {
        if ("qwen2".equals(c.modelType()) && !c.attentionBias()) {
            throw new IllegalArgumentException("qwen2 always has attention bias: " + c);
        }
        o.putArray("architectures").add(architecture);
        o.put("model_type", c.modelType());
        o.put("attention_bias", c.attentionBias());
        o.put("attention_dropout", 0.0);
        o.put("head_dim", c.headDim());
        o.put("hidden_act", "silu");
        o.put("hidden_size", c.hiddenSize());
        o.put("initializer_range", 0.02);
        o.put("intermediate_size", c.intermediateSize());
        o.put("max_position_embeddings", c.maxPositions());
        o.put("num_attention_heads", c.numHeads());
        o.put("num_hidden_layers", c.numLayers());
        o.put("num_key_value_heads", c.numKeyValueHeads());
        o.put("rms_norm_eps", c.normEps());
        o.putNull("rope_scaling");
        o.put("rope_theta", c.ropeTheta());
        if ("llama".equals(c.modelType())) {
            o.put("mlp_bias", false);
            o.put("pretraining_tp", 1);
        } else {
            o.putNull("sliding_window");
            if ("qwen2".equals(c.modelType())) {
                o.put("use_sliding_window", false);
            }
        }
    }

    private static void tokenId(ObjectNode o, String key, int id) {
        if (id < 0) {
            o.putNull(key);
        } else {
            o.put(key, id);
        }
    }

    /** Typed access to config keys with errors that name the file and the key. */
    private record Keys(JsonNode root, String source) {

        boolean has(String key) {
            JsonNode v = root.get(key);
            return v != null && !v.isNull();
        }

        HarmonicInputException error(String key, String problem) {
            return new HarmonicInputException(source + ": key '" + key + "' " + problem
                    + ". Fix config.json or use a supported model.");
        }

        String requiredString(String key) {
            if (!has(key) || !root.get(key).isTextual()) {
                throw error(key, "is missing or not a string");
            }
            return root.get(key).textValue();
        }

        String optionalString(String key, String fallback) {
            return has(key) ? requiredString(key) : fallback;
        }

        int requiredInt(String key) {
            if (!has(key)) {
                throw error(key, "is missing");
            }
            JsonNode v = root.get(key);
            if (!v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() <= 0) {
                throw error(key, "must be a positive integer, found " + v);
            }
            return v.intValue();
        }

        int optionalInt(String key, int fallback) {
            return has(key) ? requiredInt(key) : fallback;
        }

        double optionalDouble(String key, double fallback) {
            if (!has(key)) {
                return fallback;
            }
            JsonNode v = root.get(key);
            if (!v.isNumber() || v.doubleValue() <= 0) {
                throw error(key, "must be a positive number, found " + v);
            }
            return v.doubleValue();
        }

        boolean optionalBoolean(String key, boolean fallback) {
            if (!has(key)) {
                return fallback;
            }
            if (!root.get(key).isBoolean()) {
                throw error(key, "must be true or false, found " + root.get(key));
            }
            return root.get(key).booleanValue();
        }

        /** A token id, -1 when absent or null; a list (several EOS ids) yields its first entry. */
        int tokenId(String key) {
            if (!has(key)) {
                return -1;
            }
            JsonNode v = root.get(key);
            if (v.isArray() && v.size() > 0) {
                v = v.get(0);
            }
            if (!v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() < 0) {
                throw error(key, "must be a token id (a non-negative integer), found " + root.get(key));
            }
            return v.intValue();
        }

        void checkDivisible(int value, String valueKey, int divisor, String divisorKey) {
            if (value % divisor != 0) {
                throw error(divisorKey, "is " + divisor + ", which does not divide " + valueKey + " = " + value);
            }
        }
    }
}
