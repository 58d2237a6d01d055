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

    /**
     * The tokenizers library gives an added text that is also a vocabulary key that key's id, and
     * ignores the id the file states. Every later added token then had its id shifted, and the
     * token table read from the file disagreed with the ids the runtime encodes with (issue 11).
     */
    @Test
    void addedTextsThatTheBpeAlsoLearnedKeepTheRuntimeIds() {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            texts.add("{\"sex\": \"Male\", \"workclass\": \"Private\", \"country\": \"United-States\", "
                    + "\"education\": \"HS-grad\"} Private Male");
        }
        List<String> whole = List.of("\", ", "\"sex\": \"", "Male", "Private", "United-States", "HS-grad", "A");
        ByteLevelBpe bpe = new TableTokenizerTrainer().addedTokens(whole).train(texts, Progress.none());
        assertTrue(bpe.tokens().contains("Male") && bpe.tokens().contains("Private"), "the BPE learned the words");
        bpe.writeTo(dir);
        try (HfTokenizer t = HfTokenizer.load(dir)) {
            assertEquals(bpe.vocabSize(), t.vocabSize());
            for (String text : whole) {
                int[] ids = t.encode(text);
                assertEquals(1, ids.length, text + " is one token");
                assertEquals(text, new String(t.tokenBytes(ids[0]), StandardCharsets.UTF_8), "the table agrees on " + text);
            }
        }
    }

    /**
     * A generator made before the fix has added tokens written at ids the runtime does not use;
     * the token table follows the runtime, so such a generator still decodes what it learned.
     */
    @Test
    void aFileWithStaleAddedIdsIsReadWithTheRuntimeIds() throws Exception {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            texts.add("{\"workclass\": \"Private\", \"country\": \"United-States\"} Private Male");
        }
        List<String> whole = List.of("\", ", "Male", "Private", "United-States", "Self-emp-not-inc");
        ByteLevelBpe bpe = new TableTokenizerTrainer().addedTokens(whole).train(texts, Progress.none());
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.JsonNode root = json.readTree(bpe.toTokenizerJson());
        int next = bpe.tokens().size();
        for (com.fasterxml.jackson.databind.JsonNode t : root.get("added_tokens")) {
            if (!t.get("special").asBoolean()) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) t).put("id", next++); // the old numbering
            }
        }
        java.nio.file.Files.writeString(dir.resolve(ByteLevelBpe.TOKENIZER_FILE), json.writeValueAsString(root));
        try (HfTokenizer t = HfTokenizer.load(dir)) {
            for (String text : whole) {
                int[] ids = t.encode(text);
                assertEquals(1, ids.length, text + " is one token");
                assertEquals(text, new String(t.tokenBytes(ids[0]), StandardCharsets.UTF_8), "the table agrees on " + text);
            }
        }
    }

    /**
     * "é" is also the byte-level key of the single byte 0xE9, so as an added token it would take
     * that byte's id and the byte (the lead byte of "部") would read back as two bytes.
     */
    @Test
    void anAddedTextThatSpellsAnotherByteLevelKeyIsLeftToTheBpe() {
        List<String> texts = List.of("é 部 é 部", "部é");
        new TableTokenizerTrainer().addedTokens(List.of("é", "部")).train(texts, Progress.none()).writeTo(dir);
        try (HfTokenizer t = HfTokenizer.load(dir)) {
            for (String text : List.of("é 部", "部門 é")) {
                java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
                for (int id : t.encode(text)) {
                    bytes.writeBytes(t.tokenBytes(id));
                }
                assertEquals(text, bytes.toString(StandardCharsets.UTF_8), "the token table spells the text");
                assertEquals(text, t.decode(t.encode(text)));
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
