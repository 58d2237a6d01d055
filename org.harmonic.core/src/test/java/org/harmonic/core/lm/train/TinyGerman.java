package org.harmonic.core.lm.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import ai.djl.Device;

import org.harmonic.core.generator.DefaultGenerator;
import org.harmonic.core.generator.TableTokenizer;
import org.harmonic.core.generator.GermanFixtures;
import org.harmonic.core.knn.InstructionExample;
import org.harmonic.core.lm.ChatFormat;
import org.harmonic.core.lm.ModelConfig;
import org.harmonic.core.lm.model.CausalLm;
import org.harmonic.core.lm.tokenizer.HfTokenizer;
import org.harmonic.core.lm.tokenizer.TableTokenizerTrainer;
import org.harmonic.core.table.TableProfile;
import org.harmonic.core.util.Progress;

/** The first German credit instructions, tokenized, and a tiny from-scratch model for them. */
final class TinyGerman {
    final List<TrainingExample> examples = new ArrayList<>();
    final ModelConfig config;
    final int eos;

    TinyGerman(Path dir, int count) {
        List<InstructionExample> subset = GermanFixtures.INSTRUCTIONS.training().subList(0, count);
        List<String> texts = new ArrayList<>();
        for (InstructionExample e : subset) {
            texts.add(ChatFormat.wrapPrompt(e.prompt()));
            texts.add(e.answer());
        }
        new TableTokenizerTrainer().addedTokens(TableTokenizer.wholeTokens(TableProfile.of(GermanFixtures.GERMAN, "status")))
                .train(texts, Progress.none()).writeTo(dir);
        try (HfTokenizer tokenizer = HfTokenizer.load(dir)) {
            eos = tokenizer.eosId();
            ExampleEncoder encoder = new ExampleEncoder(tokenizer::encode, eos, 4096);
            int longest = 0;
            for (InstructionExample e : subset) {
                TrainingExample te = encoder.encode(e.prompt(), e.answer());
                examples.add(te);
                longest = Math.max(longest, te.length());
            }
            config = DefaultGenerator.config(DefaultGenerator.Size.tiny(), tokenizer.vocabSize(), longest,
                    tokenizer.bosId(), eos);
        }
    }

    CausalLm model() {
        return CausalLm.random(config, 7, Device.cpu());
    }
}
