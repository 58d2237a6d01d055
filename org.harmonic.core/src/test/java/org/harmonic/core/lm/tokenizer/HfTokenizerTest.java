package org.harmonic.core.lm.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.harmonic.core.util.HarmonicInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HfTokenizerTest {

    /**
     * A Llama-2-style tokenizer (SentencePiece conventions in tokenizer.json form): '▁' marks a
     * space, unknown characters fall back to {@code <0xNN>} byte tokens, and the decoder strips
     * the space the normalizer prepended.
     */
    private static final String SENTENCEPIECE_STYLE = """
            {"version": "1.0", "truncation": null, "padding": null,
             "added_tokens": [
               {"id": 0, "content": "<unk>", "single_word": false, "lstrip": false, "rstrip": false, "normalized": false, "special": true},
               {"id": 1, "content": "<s>", "single_word": false, "lstrip": false, "rstrip": false, "normalized": false, "special": true},
               {"id": 2, "content": "</s>", "single_word": false, "lstrip": false, "rstrip": false, "normalized": false, "special": true}],
             "normalizer": {"type": "Sequence", "normalizers": [
               {"type": "Prepend", "prepend": "▁"},
               {"type": "Replace", "pattern": {"String": " "}, "content": "▁"}]},
             "pre_tokenizer": null,
             "post_processor": null,
             "decoder": {"type": "Sequence", "decoders": [
               {"type": "Replace", "pattern": {"String": "▁"}, "content": " "},
               {"type": "ByteFallback"}, {"type": "Fuse"},
               {"type": "Strip", "content": " ", "start": 1, "stop": 0}]},
             "model": {"type": "BPE", "dropout": null, "unk_token": "<unk>", "continuing_subword_prefix": null,
               "end_of_word_suffix": null, "fuse_unk": true, "byte_fallback": true,
               "vocab": {"<unk>": 0, "<s>": 1, "</s>": 2, "<0x0A>": 3, "<0xC3>": 4, "<0xA9>": 5,
                         "▁": 6, "h": 7, "i": 8, "▁h": 9, "▁hi": 10},
               "merges": ["▁ h", "▁h i"]}}
            """;

    @TempDir
    Path dir;

    @Test
    void sentencePieceStyleTokensContributeSpacesAndFallbackBytes() throws IOException {
        Files.writeString(dir.resolve("tokenizer.json"), SENTENCEPIECE_STYLE);
        try (HfTokenizer tok = HfTokenizer.load(dir.resolve("tokenizer.json"))) {
            int[] ids = tok.encode("hi hi\né");
            assertArrayEquals(new int[] {10, 10, 3, 4, 5}, ids);
            assertEquals("hi hi\né", tok.decode(ids));
            assertEquals(" hi", tok.tokenText(10));
            assertArrayEquals(new byte[] {(byte) 0xC3}, tok.tokenBytes(4));
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            for (int id : ids) {
                all.writeBytes(tok.tokenBytes(id));
            }
            // The decoder's Strip removes the prepended space of the whole text, not of a token.
            assertEquals(" hi hi\né", all.toString(StandardCharsets.UTF_8));
            assertEquals(1, tok.bosId());
            assertEquals(2, tok.eosId());
            assertEquals(11, tok.vocabSize());
            assertEquals("▁hi", tok.token(10));
            assertEquals(10, tok.tokenId("▁hi"));
            assertEquals(-1, tok.tokenId("absent"));
        }
    }

    @Test
    void tokenizerConfigDecidesBosAndEos() throws IOException {
        Files.writeString(dir.resolve("tokenizer.json"), SENTENCEPIECE_STYLE);
        Files.writeString(dir.resolve("tokenizer_config.json"),
                "{\"bos_token\": null, \"eos_token\": {\"content\": \"<unk>\", \"special\": true}}");
        try (HfTokenizer tok = HfTokenizer.load(dir)) {
            assertEquals(-1, tok.bosId());
            assertEquals(0, tok.eosId());
        }
    }

    @Test
    void missingTokenizerSaysWhereItLooked() {
        String message = assertThrows(HarmonicInputException.class, () -> HfTokenizer.load(dir)).getMessage();
        assertTrue(message.contains("tokenizer.json") && message.contains(dir.toString()), message);
    }

    @Test
    void unreadableTokenizerNamesTheFile() throws IOException {
        Path file = Files.writeString(dir.resolve("tokenizer.json"), "{\"model\": {\"type\": \"BPE\", ");
        String message = assertThrows(HarmonicInputException.class, () -> HfTokenizer.load(file)).getMessage();
        assertTrue(message.contains(file.toString()), message);

        Files.writeString(file, "{\"version\": \"1.0\"}");
        message = assertThrows(HarmonicInputException.class, () -> HfTokenizer.load(file)).getMessage();
        assertTrue(message.contains(file.toString()) && message.contains("\"model\""), message);

        Files.writeString(file, "{\"model\": {\"type\": \"NoSuchModel\", \"vocab\": {}}}");
        message = assertThrows(HarmonicInputException.class, () -> HfTokenizer.load(file)).getMessage();
        assertTrue(message.contains(file.toString()) && message.contains("rejected"), message);
    }
}
