package org.harmonic.core.lm.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.harmonic.core.util.Progress;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TableTokenizerTrainerTest {

    private static final List<String> TRICKY = List.of(
            "",
            " ",
            "Grüße aus Köln: Straße, Äpfel, naïve café — «quotes» ‘single’ “double”",
            "emoji 😀👍🏽 and CJK 日本語テキスト and Arabic مرحبا",
            "{\"Credit amount\": \"11816\", \"Purpose\": \"A49\"}\n{\"a\": \"b\\\"c\"}",
            "tabs\tand  double  spaces   and trailing spaces   ",
            "\r\n\n\nnew\nlines\r\n",
            "braces {{}} [[]] <<>> and <|endoftext|> inside text <pad>",
            "numbers -12.50e+3 0.000123 1,234,567 ١٢٣ ½",
            "\u0000\u0001 control \u007f chars \u00a0nbsp\u3000ideographic space");

    @TempDir
    static Path dir;
    static List<String> texts;
    static ByteLevelBpe bpe;

    @BeforeAll
    static void train() {
        texts = TrainingTexts.germanCreditExcerpt();
        bpe = new TableTokenizerTrainer().train(texts, Progress.none());
        bpe.writeTo(dir);
    }

    @Test
    void learnsUntilEveryRepeatedWordIsOneTokenAndWritesHuggingFaceFiles() {
        // A table's instruction texts use few distinct words: merging stops below the target
        // once every word seen at least twice is a single token.
        assertTrue(bpe.vocabSize() <= TableTokenizerTrainer.DEFAULT_VOCAB_SIZE);
        try (HfTokenizer tok = HfTokenizer.load(dir)) {
            java.util.Map<String, Integer> counts = new java.util.HashMap<>();
            texts.forEach(t -> ByteLevel.split(t).forEach(w -> counts.merge(w, 1, Integer::sum)));
            counts.forEach((word, count) -> {
                if (count > 1 && word.chars().noneMatch(c -> c >= '0' && c <= '9')) {
                    assertEquals(1, tok.encode(word).length, "'" + word + "' seen " + count + " times");
                }
            });
        }
        assertEquals(256, bpe.specialId(TableTokenizerTrainer.END_OF_TEXT));
        assertEquals(257, bpe.specialId(TableTokenizerTrainer.PAD));
        assertTrue(Files.isRegularFile(dir.resolve("tokenizer.json")));
        assertTrue(Files.isRegularFile(dir.resolve("tokenizer_config.json")));
    }

    @Test
    void loadsInDjlAndRoundTripsTrainingAndUnseenTextExactly() {
        try (HfTokenizer tok = HfTokenizer.load(dir)) {
            assertEquals(bpe.vocabSize(), tok.vocabSize());
            List<String> all = new ArrayList<>(texts);
            all.addAll(TRICKY);
            for (String text : all) {
                int[] ids = tok.encode(text);
                assertEquals(text, tok.decode(ids));
                assertArrayEquals(text.getBytes(StandardCharsets.UTF_8), concatBytes(tok, ids),
                        "token bytes must add up to the text: " + text);
            }
        }
    }

    private static List<String> pieces(HfTokenizer tok, String text) {
        List<String> out = new ArrayList<>();
        for (int id : tok.encode(text)) {
            out.add(tok.tokenText(id));
        }
        return out;
    }

    private static byte[] concatBytes(HfTokenizer tok, int[] ids) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int id : ids) {
            out.writeBytes(tok.tokenBytes(id));
        }
        return out.toByteArray();
    }

    @Test
    void everyDigitIsItsOwnToken() {
        for (String token : bpe.tokens()) {
            if (token.chars().anyMatch(c -> c >= '0' && c <= '9')) {
                assertEquals(1, token.length(), "digit merged into '" + token + "'");
            }
        }
        try (HfTokenizer tok = HfTokenizer.load(dir)) {
            int[] ids = tok.encode("\"Credit amount\": \"11816\"");
            List<String> pieces = new ArrayList<>();
            for (int id : ids) {
                pieces.add(tok.tokenText(id));
            }
            assertEquals(List.of("1", "1", "8", "1", "6"), pieces.subList(pieces.indexOf("1"), pieces.indexOf("1") + 5));
            for (char d = '0'; d <= '9'; d++) {
                assertEquals(1, tok.encode(String.valueOf(d)).length);
                assertEquals(d, tok.tokenId(String.valueOf(d)));
            }
        }
    }

    @Test
    void columnNamesCategoriesAndPromptWordsBecomeFewTokens() {
        try (HfTokenizer tok = HfTokenizer.load(dir)) {
            assertTrue(tok.encode("Credit amount").length <= 2, "Credit amount");
            assertTrue(tok.encode("Personal status and sex").length <= 4, "Personal status and sex");
            assertEquals(3, tok.encode("A11").length, "a letter and two digits");
            assertEquals(List.of("Generate", " one", " sample", ":"), pieces(tok, "Generate one sample:"));
            assertEquals(List.of("{\"", "Status", " of", " existing", " checking", " account", "\":", " \""),
                    pieces(tok, "{\"Status of existing checking account\": \""));
            // A whole answer row is far shorter in tokens than in bytes.
            String row = texts.get(1);
            int tokens = tok.encode(row).length;
            assertTrue(tokens * 3 < row.length(), tokens + " tokens for " + row.length() + " chars");
        }
    }

    @Test
    void specialTokensAreKnownAndNeverSplit() {
        try (HfTokenizer tok = HfTokenizer.load(dir)) {
            assertEquals(256, tok.eosId());
            assertEquals(256, tok.bosId());
            assertTrue(tok.isSpecial(256));
            assertArrayEquals(new int[] {256}, tok.encode("<|endoftext|>"));
            assertEquals("ab", tok.decode(new int[] {tok.encode("a")[0], 256, tok.encode("b")[0]}, true));
        }
    }

    @Test
    void longTextIsNotTruncated() {
        String longText = String.join("\n", texts);
        try (HfTokenizer tok = HfTokenizer.load(dir)) {
            int[] ids = tok.encode(longText);
            assertTrue(ids.length > 10_000, "only " + ids.length + " tokens");
            assertEquals(longText, tok.decode(ids));
        }
    }

    @Test
    void trainingIsDeterministic() {
        ByteLevelBpe again = new TableTokenizerTrainer().train(TrainingTexts.germanCreditExcerpt(), Progress.none());
        assertEquals(bpe.toTokenizerJson(), again.toTokenizerJson());
    }

    @Test
    void smallTargetsAndScarceTextStopEarly() {
        ByteLevelBpe small = new TableTokenizerTrainer().vocabSize(300).train(texts, Progress.none());
        assertEquals(300, small.vocabSize());
        assertTrue(bpe.vocabSize() > 300);
        assertEquals(bpe.merges().subList(0, 42), small.merges(), "the same first merges");
        ByteLevelBpe scarce = new TableTokenizerTrainer().train(List.of("one two two"), Progress.none());
        // Only pairs seen twice merge: "t w", "tw o" (in " two" the space merges first).
        assertTrue(scarce.vocabSize() < 270, "vocabulary " + scarce.vocabSize());
    }

    @Test
    void threeMegabytesTrainATokenizerThatRoundTripsThem(@TempDir Path bigDir) {
        List<String> big = new ArrayList<>();
        long chars = 0;
        for (int copy = 0; chars < 3_000_000; copy++) {
            for (String t : texts) {
                // Vary the digits per copy so that the text is not one repeated block.
                String varied = copy == 0 ? t : t.replace("\"4", "\"" + (copy % 10));
                big.add(varied);
                chars += varied.length();
            }
        }
        long start = System.nanoTime();
        ByteLevelBpe trained = new TableTokenizerTrainer().train(big, Progress.none());
        double seconds = (System.nanoTime() - start) / 1e9;
        // the time is printed, not asserted: wall-clock limits fail at random on a busy machine
        System.out.printf("trained %d tokens on %.1f MB in %.2f s%n", trained.vocabSize(), chars / 1e6, seconds);
        assertTrue(trained.vocabSize() <= 1024);
        assertTrue(trained.merges().size() > 100, "merges learned: " + trained.merges().size());
        trained.writeTo(bigDir);
        try (HfTokenizer tok = HfTokenizer.load(bigDir)) {
            for (String text : List.of(big.get(0), big.get(big.size() / 2), big.get(big.size() - 1))) {
                int[] ids = tok.encode(text);
                assertTrue(ids.length < text.length(), "merges shorten the text: " + ids.length + " tokens");
                assertEquals(text, tok.decode(ids));
            }
        }
    }
}
