package org.harmonic.core.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.harmonic.core.TestData;
import org.harmonic.core.knn.InstructionBuilder;
import org.harmonic.core.knn.InstructionConfig;
import org.harmonic.core.knn.InstructionExample;
import org.harmonic.core.lm.ChatFormat;
import org.harmonic.core.lm.tokenizer.HfTokenizer;
import org.harmonic.core.table.CsvTableReader;
import org.harmonic.core.table.Table;
import org.harmonic.core.table.TableProfile;
import org.harmonic.core.util.Progress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Diabetes stores six of its features as floats with whole values ({@code 103.0}). The default tokenizer joins
 * the {@code .0} to the separator and key that follow it, so such a value costs the tokens of {@code 103}: a
 * quarter of every sequence, and of training and sampling time (quality.md section 41).
 */
class WholeNumberEndsTest {
    @TempDir
    Path dir;

    @Test
    void aWholeNumberFloatCostsTheTokensOfItsDigitsAndEveryTextRoundTrips() {
        Table diabetes = new CsvTableReader().read(TestData.resource("data/diabetes_train.csv"));
        List<InstructionExample> examples = new InstructionBuilder().build(diabetes,
                InstructionConfig.of(InstructionConfig.Preset.DEFAULT, "Outcome").withPromptCount(0),
                Progress.none()).training().subList(0, 120);
        TableProfile schema = TableProfile.of(diabetes, "Outcome");
        TableTokenizer.train(examples, schema, Progress.none()).writeTo(dir);
        try (HfTokenizer tokenizer = HfTokenizer.load(dir)) {
            long wholeValues = 0;
            for (InstructionExample e : examples) {
                for (String text : List.of(ChatFormat.wrapPrompt(e.prompt()), e.answer())) {
                    int[] ids = tokenizer.encode(text);
                    assertEquals(text, tokenizer.decode(ids));
                    // the same text with every ".0" of a value dropped: as many tokens
                    String integers = text.replace(".0\", \"", "\", \"").replace(".0\"}", "\"}");
                    wholeValues += (text.length() - integers.length()) / 2;
                    assertEquals(tokenizer.encode(integers).length, ids.length, text);
                }
            }
            // six of eight features are whole-number floats; a few values of the others end in .0 as well
            assertTrue(wholeValues >= 6 * 6 * examples.size(), "whole-number values seen: " + wholeValues);
        }
    }
}
