package org.harmonic.core.generator;

import java.nio.file.Files;
import java.nio.file.Path;

import ai.djl.Device;

import org.harmonic.core.lm.DjlRuntime;
import org.harmonic.core.lm.ModelConfig;
import org.harmonic.core.lm.checkpoint.ModelConfigJson;
import org.harmonic.core.lm.checkpoint.SafetensorsReader;
import org.harmonic.core.lm.model.CausalLm;
import org.harmonic.core.lm.tokenizer.HfTokenizer;
import org.harmonic.core.util.HarmonicInputException;

/** A generator directory loaded for sampling or scoring: model, tokenizer and {@code harmonic.json}. */
public final class Generator implements AutoCloseable {
    private final Path directory;
    private final GeneratorInfo info;
    private final CausalLm model;
    private final HfTokenizer tokenizer;

    private Generator(Path directory, GeneratorInfo info, CausalLm model, HfTokenizer tokenizer) {
        this.directory = directory;
        this.info = info;
        this.model = model;
        this.tokenizer = tokenizer;
    }

    public static Generator open(Path directory, String device) {
        if (!Files.isDirectory(directory)) {
            throw new HarmonicInputException("generator directory " + directory + " does not exist; create one with "
                    + "'harmonic fit'");
        }
        GeneratorInfo info = GeneratorDirectory.readInfo(directory);
        ModelConfig config = ModelConfigJson.read(directory);
        Device d = DjlRuntime.device(device);
        HfTokenizer tokenizer = HfTokenizer.load(directory);
        try (SafetensorsReader weights = SafetensorsReader.open(directory)) {
            return new Generator(directory, info, CausalLm.load(config, weights, d), tokenizer);
        } catch (RuntimeException e) {
            tokenizer.close();
            throw e;
        }
    }

    public Path directory() {
        return directory;
    }

    public GeneratorInfo info() {
        return info;
    }

    public CausalLm model() {
        return model;
    }

    public HfTokenizer tokenizer() {
        return tokenizer;
    }

    /** The end-of-sequence token, which ends every answer. */
    public int endToken() {
        return tokenizer.eosId();
    }

    @Override
    public void close() {
        model.close();
        tokenizer.close();
    }
}
