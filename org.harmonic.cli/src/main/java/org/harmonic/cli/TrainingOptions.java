package org.harmonic.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.harmonic.core.generator.DefaultGenerator;
import org.harmonic.core.generator.FineTuner;
import org.harmonic.core.lm.DjlRuntime;
import org.harmonic.core.lm.ModelConfig;
import org.harmonic.core.lm.checkpoint.ModelConfigJson;
import org.harmonic.core.lm.model.LoraConfig;
import org.harmonic.core.lm.train.DpConfig;
import org.harmonic.core.lm.train.LossScope;
import org.harmonic.core.lm.train.StoppingRule;
import org.harmonic.core.lm.train.TrainingConfig;
import org.harmonic.core.options.FitOptions;
import org.harmonic.core.options.OptionSpec.Front;
import org.harmonic.core.table.TableProfile;
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

    @Option(names = "--lora-alpha", description = "LoRA alpha (default: ${DEFAULT-VALUE})")
    Double loraAlpha;

    @Option(names = "--lora-dropout", description = "LoRA dropout (default: ${DEFAULT-VALUE})")
    Double loraDropout;

    @Option(names = "--lora-targets", paramLabel = "MODULES", description = "comma-separated module names "
            + "(default: q_proj,v_proj for Llama models, c_attn for GPT-2)")
    String loraTargets;

    @Option(names = "--epochs", description = "the most passes over the instructions (default: 3 with --base; "
            + "for the model from scratch enough for --max-steps, 3 to 30, ending earlier when it has learned; "
            + "with --patience 0 about 2000 optimizer steps)")
    Integer epochs;

    @Option(names = "--lr", paramLabel = "X", description = "peak learning rate (default: 2e-3 from scratch, "
            + "2e-4 for a pretrained base)")
    Double learningRate;

    @Option(names = "--batch", paramLabel = "N", description = "examples per micro-batch (default: "
            + DefaultGenerator.BATCH_SIZE + " from scratch, " + DefaultGenerator.DP_BATCH_SIZE + " from scratch with "
            + "--dp-epsilon (at most the instructions), 8 with --base)")
    Integer batch;

    @Option(names = "--accumulation", paramLabel = "N", description = "micro-batches per optimizer step (default: ${DEFAULT-VALUE})")
    Integer accumulation;

    @Option(names = "--max-length", paramLabel = "TOKENS", description = "longest training sequence; longer prompts "
            + "lose their beginning (default: ${DEFAULT-VALUE})")
    Integer maxLength;

    @Option(names = "--loss", paramLabel = "sequence|answer", description = "tokens the loss covers: sequence = "
            + "every row of the instruction (the k neighbour rows are rows of the same neighbourhood, so each is a "
            + "target too), answer = the target row only, as the reference (default: ${DEFAULT-VALUE})")
    String loss;

    @Option(names = "--patience", paramLabel = "N", description = "end when training has learned: a tenth of "
            + "the instructions, at most 64, is held out; after N held-out evaluations without improvement the "
            + "model from scratch decays its learning rate over half the steps so far, with the held-out "
            + "instructions back in training, and ends there, within the epochs (automatic: enough for "
            + "--max-steps); a --base model stops and keeps the best weights; 0 = hold nothing out and train every "
            + "planned step (default: 5 from scratch, 0 with --base; measured: docs/quality.md section 16)")
    Integer patience;

    @Option(names = "--eval-every", paramLabel = "STEPS", description = "optimizer steps between held-out "
            + "evaluations (default: 100)")
    Integer evalEvery;

    @Option(names = "--max-minutes", paramLabel = "M", description = "training time budget in minutes; training "
            + "stops at the first step past it and keeps the best evaluated weights; 0 = no limit (default: ${DEFAULT-VALUE})")
    Double maxMinutes;

    @Option(names = "--max-steps", paramLabel = "N", description = "most optimizer steps, whatever the epochs (the "
            + "learning-rate schedule ends there): bounds the training of large tables; 0 = every planned step "
            + "(default: 3000 for the model from scratch, so a 30k-row table trains about as long as a 2k-row one; "
            + "none for --base)")
    Integer maxSteps;

    @Option(names = "--candidates", paramLabel = "N", description = "train N generators with different seeds (the "
            + "first with --seed itself) and keep the one with the lowest loss on the same held-out instructions "
            + "(trainings of one table differ); N times the training time, each training under --max-minutes; needs "
            + "the held-out evaluation (not with --patience 0 or --dp-epsilon). Measured with 2: it spared Diabetes "
            + "its weak trainings, not German credit (default: ${DEFAULT-VALUE}; docs/quality.md section 39)")
    Integer candidates;

    @Option(names = "--model-size", paramLabel = "standard|tiny",
            description = "size of the from-scratch model; tiny is for smoke tests (default: ${DEFAULT-VALUE})")
    String modelSize;

    @Option(names = "--device", paramLabel = "cpu|gpu",
            description = "where to train and sample (default: ${DEFAULT-VALUE})")
    String device;

    @Option(names = "--dp-epsilon", paramLabel = "E", description = "train with differential privacy (DP-SGD, "
            + "two stages after DP-LLMTGen) spending at most this epsilon; the noise is calibrated to it")
    Double dpEpsilon;

    @Option(names = "--dp-delta", paramLabel = "D", description = "DP delta "
            + "(default: 1 / number of rows of the private table)")
    Double dpDelta;

    @Option(names = "--dp-clip", paramLabel = "C",
            description = "DP per-example gradient clipping norm (default: ${DEFAULT-VALUE})")
    Double dpClip;

    @Option(names = "--dp-stage1-epochs", paramLabel = "N", description = "epochs of "
            + "non-private format learning on a random table with the schema (rows in neighbourhoods) before DP "
            + "training (default: 20 from scratch, 3 with --base; 0 = none)")
    Integer dpStage1Epochs;

    @Option(names = "--dp-poisson", description = "Poisson sampling of DP batches (what the accountant assumes); "
            + "default: shuffled fixed-size batches, the common approximation")
    boolean dpPoisson;

    @Option(names = "--dp-value-weight", paramLabel = "ALPHA", description = "weighted DP loss: value tokens weigh "
            + "ALPHA, format tokens 1 - ALPHA (DP-LLMTGen uses 0.65; default: unweighted)")
    Double dpValueWeight;

    @Option(names = "--dp-public-schema", paramLabel = "FILE.json", description = "public schema (a harmonic.json "
            + "or its 'schema' object: columns with categories, min, max, decimals) used instead of the one measured "
            + "on the real table for stage 1 and for sampling; without it the real schema is treated as public")
    Path dpPublicSchema;

    /** The options as the core's one model of them (defaults, DP and LoRA assembly, checks). */
    FitOptions options() {
        return new FitOptions(Front.CLI, base, modelSize, epochs, learningRate, batch, accumulation, maxLength, loss,
                patience, evalEvery, maxMinutes, maxSteps, device, loraRank, loraAlpha, loraDropout, loraTargets,
                dpEpsilon, dpDelta, dpClip, dpStage1Epochs, dpPoisson, dpValueWeight, candidates);
    }

    /**
     * Checks every training option that needs no table: the model size, the training numbers, the
     * DP and LoRA options, the base model's config.json, the device and {@code HARMONIC_THREADS}.
     * Commands call it before reading any input, so a typo costs a second, not a training run.
     */
    void check() {
        if (base != null) {
            ModelConfigJson.read(base);
        }
        options().check();
        if (dpPublicSchema != null && !java.nio.file.Files.isRegularFile(dpPublicSchema)) {
            throw new HarmonicInputException("the public schema " + dpPublicSchema + " does not exist; give the path "
                    + "of a harmonic.json or of a JSON file with its 'schema' object");
        }
        DjlRuntime.threads(System.getenv(DjlRuntime.THREADS_VARIABLE));
        DjlRuntime.device(device);
    }

    /** The DP settings, or null without --dp-epsilon. */
    DpConfig privacy() {
        if (dpEpsilon == null && dpPublicSchema != null) {
            throw new HarmonicInputException("the --dp-* options need --dp-epsilon E (the privacy budget)");
        }
        return options().privacy();
    }

    /** The schema to store and to draw the stage-1 table from: the public one when given, else the real one. */
    TableProfile schema(TableProfile real) {
        if (dpPublicSchema == null) {
            return real;
        }
        privacy(); // checks that --dp-epsilon is there
        TableProfile given;
        try {
            ObjectMapper json = new ObjectMapper().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS.mappedFeature())
                    .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
            JsonNode node = json.readTree(dpPublicSchema.toFile());
            if (node.has("schema")) {
                node = node.get("schema");
            }
            given = json.treeToValue(node, TableProfile.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new HarmonicInputException("cannot read the public schema " + dpPublicSchema + ": " + e.getMessage()
                    + "; give a harmonic.json or its 'schema' object", e);
        }
        if (given.columns() == null || !given.names().equals(real.names())) {
            throw new HarmonicInputException("the public schema " + dpPublicSchema + " has the columns "
                    + (given.columns() == null ? "[]" : given.names()) + " but the table has " + real.names()
                    + "; list the same columns in the same order");
        }
        return new TableProfile(given.columns(), real.target());
    }

    DefaultGenerator.Size size() {
        return options().size();
    }

    /**
     * The training settings for {@code examples} instructions; {@code tableRows} (0 if unknown) is
     * the private table's row count, whose inverse is the default DP delta (FitOptions#training).
     */
    TrainingConfig config(long seed, int tableRows, int examples) {
        return options().training(seed, tableRows, examples);
    }
}
