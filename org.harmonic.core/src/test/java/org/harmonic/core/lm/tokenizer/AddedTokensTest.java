package org.harmonic.core.lm.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.harmonic.core.util.Progress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whole-text added tokens: JSON keys and categories become single tokens, decoding stays exact. */
class AddedTokensTest {
    @TempDir
    Path dir;

    @Test
    void addedTokensAreSingleTokensAndEveryIdKeepsItsBytes() {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            texts.add("{\"Credit amount\": \"" + (1000 + i) + "\", \"Purpose\": \"nan\", \"Job\": \"A17" + (i % 4) + "\"}");
        }
        // "nan" is learned by the BPE from the texts and is also an added token: both ids must stay usable
        new TableTokenizerTrainer().addedTokens(List.of("\"Credit amount\": \"", "\", ", "A171", "nan"))
                .train(texts, Progress.none()).writeTo(dir);
        try (HfTokenizer t = HfTokenizer.load(dir)) {
            String text = texts.get(3);
            int[] ids = t.encode(text);
            assertEquals(text, t.decode(ids));
            StringBuilder joined = new StringBuilder();
            for (int id : ids) {
                joined.append(new String(t.tokenBytes(id), StandardCharsets.UTF_8));
            }
            assertEquals(text, joined.toString());
            assertTrue(contains(ids, t.tokenId("\"Credit amount\": \"")), "the key is one token");
            for (int id = 0; id < t.vocabSize(); id++) {
                if (!t.isSpecial(id)) {
                    assertTrue(t.tokenBytes(id).length > 0, "id " + id + " has no bytes");
                }
            }
        }
    }

    private static boolean contains(int[] ids, int id) {
        for (int i : ids) {
            if (i == id) {
                return true;
            }
        }
        return false;
    }
}
