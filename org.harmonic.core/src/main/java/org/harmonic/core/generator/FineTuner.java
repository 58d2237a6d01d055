package org.harmonic.core.generator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import ai.djl.Device;

import org.harmonic.core.knn.InstructionConfig;
import org.harmonic.core.knn.InstructionExample;
import org.harmonic.core.lm.ChatFormat;
import org.harmonic.core.lm.DjlRuntime;
import org.harmonic.core.lm.ModelConfig;
import org.harmonic.core.lm.checkpoint.ModelConfigJson;
import org.harmonic.core.lm.checkpoint.SafetensorsReader;
import org.harmonic.core.lm.checkpoint.SafetensorsWriter;
import org.harmonic.core.lm.model.CausalLm;
import org.harmonic.core.lm.tokenizer.ByteLevelBpe;
import org.harmonic.core.lm.tokenizer.HfTokenizer;
import org.harmonic.core.lm.tokenizer.TableTokenizerTrainer;
import org.harmonic.core.lm.train.ExampleEncoder;
import org.harmonic.core.lm.train.Trainer;
import org.harmonic.core.lm.train.TrainingConfig;
import org.harmonic.core.lm.train.TrainingExample;
import org.harmonic.core.table.TableProfile;
import org.harmonic.core.util.HarmonicInputException;
import org.harmonic.core.util.PythonJson;
import org.harmonic.core.util.Progress;

/**
 * HARMONIC's LLM Fine-Tuner: instruction examples in, a generator directory out. Without a base
 * checkpoint it derives a tokenizer from the instruction texts and trains the small default
 * model from scratch; with a Hugging Face checkpoint directory it loads it (GPT-2 or Llama
 * family) and fine-tunes it fully or with LoRA, merging the adapters into the saved weights.
 */
public final class FineTuner {

    /**
     * What to fine-tune.
     *
     * @param examples     training instructions (prompt, answer)
     * @param schema       profile of the training table
     * @param instructions the instruction settings used (stored with the generator)
     * @param baseModel    Hugging Face checkpoint directory, or null for the default model
     * @param training     training settings
     * @param device       "cpu" or "gpu"
     * @param size         size of the from-scratch model (ignored with a base model)
     */
    public record Request(List<InstructionExample> examples, TableProfile schema, InstructionConfig instructions,
            Path baseModel, TrainingConfig training, String device, DefaultGenerator.Size size) {

        public Request(List<InstructionExample> examples, TableProfile schema, InstructionConfig instructions,
                Path baseModel, TrainingConfig training, String device) {
            this(examples, schema, instructions, baseModel, training, device, DefaultGenerator.Size.standard());
        }
    }

    /** Fits a generator and writes it to {@code out} (replacing a previous generator there). */
    public GeneratorInfo fit(Request request, Path out, Progress progress) {
        if (request.examples().isEmpty()) {
            throw new HarmonicInputException("there are no instruction examples to train on; check the input table "
                    + "and the label filter (--filter none keeps every group)");
        }
        Device device = DjlRuntime.device(request.device());
        Path staging;
        try {
            staging = GeneratorDirectory.stage(out);
        } catch (IOException e) {
            throw new HarmonicInputException("cannot create the generator directory " + out + ": " + e.getMessage(), e);
        }
        boolean committed = false;
        try {
            GeneratorInfo info = fitInto(request, staging, device, progress);
            GeneratorDirectory.commit(staging, out);
            committed = true;
            return info;
        } catch (IOException e) {
            throw new HarmonicInputException("cannot write the generator to " + out + ": " + e.getMessage(), e);
        } finally {
            if (!committed) {
                GeneratorDirectory.discard(staging);
            }
        }
    }

    private GeneratorInfo fitInto(Request request, Path dir, Device device, Progress progress) throws IOException {
        TrainingConfig training = request.training();
        boolean fromScratch = request.baseModel() == null;
        progress.report(0, "preparing the tokenizer");
        if (fromScratch) {
            List<String> texts = new ArrayList<>();
            for (InstructionExample e : request.examples()) {
                texts.add(ChatFormat.wrapPrompt(e.prompt()));
                texts.add(e.answer());
            }
            ByteLevelBpe bpe = new TableTokenizerTrainer().addedTokens(wholeTokens(request.schema()))
                    .train(texts, progress.sub(0, 0.02));
            bpe.writeTo(dir);
        } else {
            copyTokenizer(request.baseModel(), dir);
        }
        try (HfTokenizer tokenizer = HfTokenizer.load(dir)) {
            int eos = tokenizer.eosId();
            if (eos < 0) {
                throw new HarmonicInputException("the tokenizer in " + (fromScratch ? dir : request.baseModel())
                        + " has no end-of-sequence token; use a checkpoint whose tokenizer_config.json names eos_token");
            }
            ExampleEncoder encoder = new ExampleEncoder(tokenizer::encode, eos, training.maxLength());
            List<TrainingExample> examples = new ArrayList<>();
            int longest = 0;
            for (InstructionExample e : request.examples()) {
                progress.checkCanceled();
                TrainingExample te = encoder.encode(e.prompt(), e.answer());
                longest = Math.max(longest, te.length());
                examples.add(te);
            }
            ModelConfig config = fromScratch
                    ? DefaultGenerator.config(request.size(), tokenizer.vocabSize(), longest, tokenizer.bosId(), eos)
                    : ModelConfigJson.read(request.baseModel());
            try (CausalLm model = fromScratch ? CausalLm.random(config, training.seed(), device)
                    : load(config, request.baseModel(), device)) {
                Trainer trainer = new Trainer(training, eos);
                Trainer.Result result = trainer.train(model, examples, null, progress.sub(0.03, 0.97));
                progress.report(0.97, "saving the generator");
                long parameters = model.parameterCount();
                if (model.lora() != null) {
                    model.mergeLora();
                }
                SafetensorsWriter.write(dir.resolve(GeneratorDirectory.WEIGHTS), model.exportWeights().values());
                ModelConfigJson.write(config, dir);
                GeneratorInfo info = new GeneratorInfo(GeneratorInfo.FORMAT, request.schema(), request.instructions(),
                        fromScratch ? "default" : request.baseModel().toAbsolutePath().toString(),
                        new GeneratorInfo.TrainingSummary(examples.size(), training.epochs(), result.steps(),
                                training.learningRate(), training.batchSize(),
                                training.lora() == null ? 0 : training.lora().rank(), result.firstLoss(),
                                result.finalLoss(), result.seconds(), parameters, training.seed()),
                        null);
                GeneratorDirectory.writeInfo(dir, info);
                progress.report(1, "generator saved");
                return info;
            }
        }
    }

    /** Most categories of one column that become whole tokens (an id-like column would flood the vocabulary). */
    private static final int MAX_CATEGORY_TOKENS = 256;

    /**
     * Texts the default tokenizer keeps whole: every JSON key with its quotes and colon, the
     * value separator, and the categories (JSON-escaped), so a row costs about three tokens a
     * column. The constrained decoder works on bytes, so any tokenization stays valid.
     */
    public static List<String> wholeTokens(TableProfile schema) {
        List<String> out = new ArrayList<>();
        out.add("\", ");
        for (var column : schema.columns()) {
            out.add(PythonJson.quote(column.name()) + ": \"");
        }
        for (var column : schema.columns()) {
            if (column.categories().size() <= MAX_CATEGORY_TOKENS) {
                for (String category : column.categories()) {
                    String quoted = PythonJson.quote(category);
                    out.add(quoted.substring(1, quoted.length() - 1));
                }
            }
        }
        out.add("nan");
        return out;
    }

    private static CausalLm load(ModelConfig config, Path base, Device device) {
        try (SafetensorsReader weights = SafetensorsReader.open(base)) {
            return CausalLm.load(config, weights, device);
        }
    }

    private static void copyTokenizer(Path base, Path dir) throws IOException {
        Path tokenizer = base.resolve(GeneratorDirectory.TOKENIZER);
        if (!Files.isRegularFile(tokenizer)) {
            throw new HarmonicInputException("the base model " + base + " has no tokenizer.json; give a Hugging Face "
                    + "checkpoint directory with config.json, model.safetensors and tokenizer.json");
        }
        Files.copy(tokenizer, dir.resolve(GeneratorDirectory.TOKENIZER));
        Path config = base.resolve(ByteLevelBpe.TOKENIZER_CONFIG_FILE);
        if (Files.isRegularFile(config)) {
            Files.copy(config, dir.resolve(ByteLevelBpe.TOKENIZER_CONFIG_FILE));
        }
    }
}
