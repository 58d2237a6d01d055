package org.harmonic.core.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.harmonic.core.knn.InstructionExample;
import org.harmonic.core.lm.ChatFormat;
import org.harmonic.core.lm.tokenizer.HfTokenizer;
import org.harmonic.core.lm.tokenizer.TableTokenizerTrainer;
import org.harmonic.core.table.TableProfile;
import org.harmonic.core.util.Progress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The instruction template's fixed text becomes whole tokens; prompts still decode to their text. */
class TemplateTokensTest {

    @TempDir
    Path with;

    @TempDir
    Path without;

    @Test
    void theTemplateAroundTheRowsIsAFewTokensAndEveryPromptStillRoundTrips() {
        List<InstructionExample> instructions = GermanFixtures.INSTRUCTIONS.training();
        List<String> prompts = new ArrayList<>();
        for (InstructionExample e : instructions) {
            prompts.add(ChatFormat.wrapPrompt(e.prompt()));
        }
        List<String> pieces = TableTokenizer.templateTokens(prompts);
        // the header up to the first row, "Example two" .. "five" between rows, the closing request
        assertEquals(6, pieces.size(), pieces.toString());
        assertTrue(pieces.get(0).contains("tabular data") && pieces.get(0).endsWith("Example one: "), pieces.get(0));
        assertEquals("\nExample two: ", pieces.get(1));
        assertTrue(pieces.get(5).startsWith("\nGenerate one sample: "), pieces.get(5));
        // a row's text is never part of a piece
        pieces.forEach(p -> assertTrue(!p.contains("{\"") && !p.contains("\"}"), p));

        TableProfile schema = TableProfile.of(GermanFixtures.GERMAN, "status");
        TableTokenizer.train(instructions, schema, Progress.none()).writeTo(with);
        List<String> texts = new ArrayList<>();
        for (InstructionExample e : instructions) {
            texts.add(ChatFormat.wrapPrompt(e.prompt()));
            texts.add(e.answer());
        }
        new TableTokenizerTrainer().addedTokens(TableTokenizer.wholeTokens(schema)).train(texts, Progress.none())
                .writeTo(without);
        try (HfTokenizer a = HfTokenizer.load(with); HfTokenizer b = HfTokenizer.load(without)) {
            long tokensWith = 0;
            long tokensWithout = 0;
            for (String p : prompts) {
                int[] ids = a.encode(p);
                assertEquals(p, a.decode(ids));
                tokensWith += ids.length;
                tokensWithout += b.encode(p).length;
            }
            // measured: about 90 of 336 prompt tokens were the template
            assertTrue(tokensWith < 0.8 * tokensWithout, tokensWith + " vs " + tokensWithout);
        }
    }
}
