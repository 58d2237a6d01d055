package org.harmonic.core.cli;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;

import org.harmonic.core.generator.DefaultGenerator;
import org.harmonic.core.lm.ModelConfig;
import org.harmonic.core.lm.checkpoint.ModelConfigJson;
import org.harmonic.core.lm.model.LoraConfig;
import org.harmonic.core.lm.train.TrainingConfig;
import org.harmonic.core.util.HarmonicInputException;

import picocli.CommandLine.Option;

/** Fine-tuning options shared by {@code fit} and {@code run}. */
final class TrainingOptions {

    @Option(names = "--base", paramLabel = "HF_DIR", description = "Hugging Face checkpoint directory (config.json, "
            + "model.safetensors, tokenizer.json; GPT-2 or Llama family) to fine-tune; default: train the small "
            + "default model from scratch")
    Path base;

    @Option(names = "--lora-rank", paramLabel = "R", description = "fine-tune the base model with LoRA of this rank "
            + "(default: full fine-tuning)")
    Integer loraRank;

    @Option(names = "--lora-alpha", defaultValue = "32", description = "LoRA alpha (default: ${DEFAULT-VALUE})")
    double loraAlpha;

    @Option(names = "--lora-dropout", defaultValue = "0.05", description = "LoRA dropout (default: ${DEFAULT-VALUE})")
    double loraDropout;

    @Option(names = "--lora-targets", paramLabel = "MODULES", description = "comma-separated module names "
            + "(default: q_proj,v_proj for Llama models, c_attn for GPT-2)")
    String loraTargets;

    @Option(names = "--epochs", description = "passes over the instructions (default: 3)")
    Integer epochs;

    @Option(names = "--lr", paramLabel = "X", description = "peak learning rate (default: 2e-3 from scratch, "
            + "2e-4 for a pretrained base)")
    Double learningRate;

    @Option(names = "--batch", paramLabel = "N", description = "examples per micro-batch (default: 8)")
    Integer batch;

    @Option(names = "--accumulation", paramLabel = "N", description = "micro-batches per optimizer step (default: 1)")
    Integer accumulation;

    @Option(names = "--max-length", paramLabel = "TOKENS", description = "longest training sequence; longer prompts "
            + "lose their beginning (default: 4096)")
    Integer maxLength;

    @Option(names = "--model-size", defaultValue = "standard", paramLabel = "standard|tiny",
            description = "size of the from-scratch model; tiny is for smoke tests (default: ${DEFAULT-VALUE})")
    String modelSize;

    @Option(names = "--device", defaultValue = "cpu", paramLabel = "cpu|gpu",
            description = "where to train and sample (default: ${DEFAULT-VALUE})")
    String device;

    DefaultGenerator.Size size() {
        switch (modelSize.toLowerCase(java.util.Locale.ROOT)) {
            case "standard":
                return DefaultGenerator.Size.standard();
            case "tiny":
                return DefaultGenerator.Size.tiny();
            default:
                throw new HarmonicInputException("unknown --model-size '" + modelSize + "'; use standard or tiny");
        }
    }

    TrainingConfig config(long seed) {
        TrainingConfig c = TrainingConfig.defaults().withSeed(seed);
        if (base != null) {
            c = c.withLearningRate(2e-4);
        }
        if (epochs != null) {
            c = c.withEpochs(epochs);
        }
        if (learningRate != null) {
            c = c.withLearningRate(learningRate);
        }
        if (batch != null) {
            c = c.withBatchSize(batch);
        }
        if (accumulation != null) {
            c = c.withAccumulation(accumulation);
        }
        if (maxLength != null) {
            c = c.withMaxLength(maxLength);
        }
        if (loraRank != null) {
            if (base == null) {
                throw new HarmonicInputException("--lora-rank needs a pretrained --base model; the default model is "
                        + "trained in full from scratch");
            }
            ModelConfig model = ModelConfigJson.read(base);
            LoraConfig lora = loraTargets == null ? LoraConfig.defaults(model, loraRank, loraAlpha, loraDropout)
                    : new LoraConfig(loraRank, loraAlpha, loraDropout,
                            new LinkedHashSet<>(Arrays.asList(loraTargets.split("\\s*,\\s*"))));
            c = c.withLora(lora);
        }
        return c;
    }
}
