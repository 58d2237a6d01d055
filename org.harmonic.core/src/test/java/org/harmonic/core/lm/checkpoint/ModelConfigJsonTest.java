package org.harmonic.core.lm.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.harmonic.core.lm.ModelConfig;
import org.harmonic.core.util.HarmonicInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelConfigJsonTest {

    @TempDir
    Path dir;

    /** openai-community/gpt2's config.json as published (keys in its order). */
    private static final String GPT2_PUBLISHED = """
            {
              "activation_function": "gelu_new",
              "architectures": ["GPT2LMHeadModel"],
              "attn_pdrop": 0.1,
              "bos_token_id": 50256,
              "embd_pdrop": 0.1,
              "eos_token_id": 50256,
              "initializer_range": 0.02,
              "layer_norm_epsilon": 1e-05,
              "model_type": "gpt2",
              "n_ctx": 1024,
              "n_embd": 768,
              "n_head": 12,
              "n_layer": 12,
              "n_positions": 1024,
              "resid_pdrop": 0.1,
              "summary_activation": null,
              "summary_first_dropout": 0.1,
              "summary_proj_to_labels": true,
              "summary_type": "cls_index",
              "summary_use_proj": true,
              "task_specific_params": {"text-generation": {"do_sample": true, "max_length": 50}},
              "vocab_size": 50257
            }
            """;

    /** TinyLlama/TinyLlama-1.1B-Chat-v1.0's config.json as published. */
    private static final String TINYLLAMA_PUBLISHED = """
            {
              "architectures": ["LlamaForCausalLM"],
              "attention_bias": false,
              "bos_token_id": 1,
              "eos_token_id": 2,
              "hidden_act": "silu",
              "hidden_size": 2048,
              "initializer_range": 0.02,
              "intermediate_size": 5632,
              "max_position_embeddings": 2048,
              "model_type": "llama",
              "num_attention_heads": 32,
              "num_hidden_layers": 22,
              "num_key_value_heads": 4,
              "pretraining_tp": 1,
              "rms_norm_eps": 1e-05,
              "rope_scaling": null,
              "rope_theta": 10000.0,
              "tie_word_embeddings": false,
              "torch_dtype": "bfloat16",
              "transformers_version": "4.35.0",
              "use_cache": true,
              "vocab_size": 32000
            }
            """;

    /** Qwen/Qwen2-0.5B-style config (no attention_bias key; tied embeddings). */
    private static final String QWEN2_PUBLISHED = """
            {
              "architectures": ["Qwen2ForCausalLM"],
              "attention_dropout": 0.0,
              "bos_token_id": 151643,
              "eos_token_id": 151643,
              "hidden_act": "silu",
              "hidden_size": 896,
              "initializer_range": 0.02,
              "intermediate_size": 4864,
              "max_position_embeddings": 131072,
              "max_window_layers": 24,
              "model_type": "qwen2",
              "num_attention_heads": 14,
              "num_hidden_layers": 24,
              "num_key_value_heads": 2,
              "rms_norm_eps": 1e-06,
              "rope_theta": 1000000.0,
              "sliding_window": 131072,
              "tie_word_embeddings": true,
              "torch_dtype": "bfloat16",
              "transformers_version": "4.40.1",
              "use_cache": true,
              "use_sliding_window": false,
              "vocab_size": 151936
            }
            """;

    @Test
    void readsThePublishedGpt2Config() {
        ModelConfig c = ModelConfigJson.parse(GPT2_PUBLISHED, "gpt2/config.json");
        assertEquals(new ModelConfig("gpt2", 50257, 768, 12, 12, 12, 3072, 1024, 1e-5, 10000.0, true, true,
                50256, 50256), c);
        assertEquals(64, c.headDim());
    }

    @Test
    void readsThePublishedTinyLlamaConfig() {
        ModelConfig c = ModelConfigJson.parse(TINYLLAMA_PUBLISHED, "config.json");
        assertEquals(new ModelConfig("llama", 32000, 2048, 22, 32, 4, 5632, 2048, 1e-5, 10000.0, false, false,
                1, 2), c);
        assertTrue(c.isLlamaFamily());
    }

    @Test
    void readsAQwen2ConfigWithBiasForcedOn() {
        ModelConfig c = ModelConfigJson.parse(QWEN2_PUBLISHED, "config.json");
        assertEquals(new ModelConfig("qwen2", 151936, 896, 24, 14, 2, 4864, 131072, 1e-6, 1e6, true, true,
                151643, 151643), c);
    }

    @Test
    void defaultsApplyWhenOptionalKeysAreAbsent() {
        ModelConfig gpt2 = ModelConfigJson.parse("""
                {"model_type": "gpt2", "vocab_size": 300, "n_embd": 64, "n_layer": 2, "n_head": 4,
                 "n_inner": null, "n_positions": 128}""", "config.json");
        assertEquals(256, gpt2.intermediateSize());
        assertTrue(gpt2.tieWordEmbeddings());
        assertEquals(-1, gpt2.bosTokenId());
        ModelConfig llama = ModelConfigJson.parse("""
                {"model_type": "mistral", "vocab_size": 300, "hidden_size": 64, "num_hidden_layers": 2,
                 "num_attention_heads": 4, "intermediate_size": 172, "max_position_embeddings": 256,
                 "eos_token_id": [7, 8]}""", "config.json");
        assertEquals(4, llama.numKeyValueHeads());
        assertEquals(10000.0, llama.ropeTheta());
        assertEquals(1e-6, llama.normEps());
        assertEquals(false, llama.attentionBias());
        assertEquals(false, llama.tieWordEmbeddings());
        assertEquals(7, llama.eosTokenId());
    }

    @Test
    void everyModelTypeRoundTripsThroughAFile() throws IOException {
        List<ModelConfig> configs = List.of(
                new ModelConfig("gpt2", 1024, 128, 4, 4, 4, 512, 512, 1e-5, 10000.0, true, true, 256, 256),
                new ModelConfig("gpt2", 1024, 96, 3, 3, 3, 200, 256, 1e-5, 10000.0, true, false, -1, -1),
                new ModelConfig("llama", 1024, 256, 6, 8, 2, 688, 1024, 1e-5, 10000.0, false, false, 256, 256),
                new ModelConfig("llama", 1024, 256, 6, 8, 8, 688, 1024, 1e-6, 500000.0, true, true, -1, 256),
                new ModelConfig("mistral", 32000, 256, 2, 8, 4, 512, 4096, 1e-5, 1e6, false, false, 1, 2),
                new ModelConfig("qwen2", 151936, 128, 2, 4, 2, 344, 32768, 1e-6, 1e6, true, true, 151643, 151645));
        for (ModelConfig c : configs) {
            Path modelDir = Files.createDirectories(dir.resolve(c.modelType() + c.numKeyValueHeads() + c.hiddenSize()));
            ModelConfigJson.write(c, modelDir);
            assertEquals(c, ModelConfigJson.read(modelDir), c.toString());
        }
    }

    @Test
    void writtenFilesAreRealHuggingFaceConfigs() throws IOException {
        ObjectMapper json = new ObjectMapper();
        JsonNode gpt2 = json.readTree(ModelConfigJson.toJson(
                new ModelConfig("gpt2", 1024, 128, 4, 4, 4, 512, 512, 1e-5, 10000.0, true, true, 256, 256)));
        assertEquals("GPT2LMHeadModel", gpt2.get("architectures").get(0).asText());
        assertEquals("float32", gpt2.get("torch_dtype").asText());
        assertEquals(128, gpt2.get("n_embd").asInt());
        assertEquals("gelu_new", gpt2.get("activation_function").asText());
        for (String[] t : new String[][] {{"llama", "LlamaForCausalLM"}, {"mistral", "MistralForCausalLM"},
                {"qwen2", "Qwen2ForCausalLM"}}) {
            JsonNode n = json.readTree(ModelConfigJson.toJson(
                    new ModelConfig(t[0], 1024, 256, 6, 8, 2, 688, 1024, 1e-5, 10000.0, true, false, -1, 5)));
            assertEquals(t[1], n.get("architectures").get(0).asText());
            assertEquals(t[0], n.get("model_type").asText());
            assertEquals(2, n.get("num_key_value_heads").asInt());
            assertEquals("silu", n.get("hidden_act").asText());
            assertEquals("float32", n.get("torch_dtype").asText());
            assertTrue(n.get("bos_token_id").isNull());
            assertTrue(n.get("rope_scaling").isNull());
        }
    }

    private static String failure(String json) {
        return assertThrows(HarmonicInputException.class, () -> ModelConfigJson.parse(json, "model/config.json"))
                .getMessage();
    }

    private static void assertMentions(String message, String... parts) {
        for (String part : parts) {
            assertTrue(message.contains(part), "message should mention '" + part + "': " + message);
        }
    }

    @Test
    void unsupportedOrBrokenConfigsNameTheFileAndKey() {
        assertMentions(failure("{\"model_type\": \"bert\", \"hidden_size\": 768}"), "model/config.json",
                "model_type", "bert");
        assertMentions(failure("{\"n_embd\": 768}"), "model/config.json", "model_type");
        assertMentions(failure("{\"model_type\": \"gpt2\", \"vocab_size\": 10, \"n_layer\": 2, \"n_head\": 2,"
                + " \"n_positions\": 8}"), "model/config.json", "'n_embd'", "missing");
        assertMentions(failure("{\"model_type\": \"gpt2\", \"vocab_size\": 10, \"n_embd\": 10, \"n_layer\": 2,"
                + " \"n_head\": 4, \"n_positions\": 8}"), "model/config.json", "'n_head'", "n_embd = 10");
        assertMentions(failure("{\"model_type\": \"llama\", \"vocab_size\": 10, \"hidden_size\": 64,"
                + " \"num_hidden_layers\": 2, \"num_attention_heads\": 8, \"num_key_value_heads\": 3,"
                + " \"intermediate_size\": 100, \"max_position_embeddings\": 64}"),
                "model/config.json", "'num_key_value_heads'", "num_attention_heads = 8");
        assertMentions(failure("{\"model_type\": \"llama\", \"vocab_size\": 10, \"hidden_size\": 64,"
                + " \"num_hidden_layers\": 2, \"num_attention_heads\": 8, \"intermediate_size\": \"100\","
                + " \"max_position_embeddings\": 64}"), "model/config.json", "'intermediate_size'");
        assertMentions(failure("{\"model_type\": \"llama\", \"hidden_size\": 64"), "model/config.json",
                "not valid JSON");
    }

    @Test
    void settingsTheEngineCannotHonourAreRejectedNotIgnored() {
        String llama32 = TINYLLAMA_PUBLISHED.replace("\"rope_scaling\": null",
                "\"rope_scaling\": {\"factor\": 32.0, \"rope_type\": \"llama3\"}");
        assertMentions(failure(llama32), "model/config.json", "rope_scaling");
        assertMentions(failure(GPT2_PUBLISHED.replace("gelu_new", "relu")), "activation_function", "relu");
        assertMentions(failure(TINYLLAMA_PUBLISHED.replace("\"pretraining_tp\": 1,", "\"head_dim\": 128,")),
                "head_dim", "128");
    }

    @Test
    void missingFileSaysWhereItLooked() {
        String message = assertThrows(HarmonicInputException.class, () -> ModelConfigJson.read(dir)).getMessage();
        assertMentions(message, "config.json", dir.toString());
    }
}
