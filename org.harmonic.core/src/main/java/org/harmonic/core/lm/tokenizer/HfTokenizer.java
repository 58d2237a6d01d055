package org.harmonic.core.lm.tokenizer;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.harmonic.core.util.HarmonicInputException;

/**
 * A Hugging Face {@code tokenizer.json} run by the Rust tokenizers library through DJL, set up for
 * exact text round trips: no truncation (DJL would cut at 512 tokens), no padding, no implicit
 * special tokens. Only the {@code Path} overload of DJL's factory is used (the {@code String} one
 * downloads from the Hub and ignores offline mode). Token tables come from the same file, parsed
 * with Jackson.
 */
public final class HfTokenizer implements AutoCloseable {

    static {
        // DJL otherwise calls home (an EC2 metadata probe) on every tokenizer it creates.
        org.harmonic.core.lm.DjlRuntime.setNoNetworkFlags();
    }

    private static final Map<String, String> OPTIONS = Map.of(
            "truncation", "false", "padding", "false", "addSpecialTokens", "false");
    private static final List<String> EOS_NAMES = List.of("<|endoftext|>", "</s>", "<|end_of_text|>", "<eos>");
    private static final List<String> BOS_NAMES = List.of("<s>", "<|begin_of_text|>", "<bos>", "<|endoftext|>");

    private final Path file;
    private final HuggingFaceTokenizer tokenizer;
    private final TokenizerFile table;
    private final int bosId;
    private final int eosId;

    private HfTokenizer(Path file, HuggingFaceTokenizer tokenizer, TokenizerFile table, int bosId, int eosId) {
        this.file = file;
        this.tokenizer = tokenizer;
        this.table = table;
        this.bosId = bosId;
        this.eosId = eosId;
    }

    /**
     * Loads {@code tokenizer.json} from a model directory or the file itself. BOS/EOS come from a
     * {@code tokenizer_config.json} beside it, else from well-known special token names.
     *
     * @throws HarmonicInputException naming the file when it is missing or not a valid tokenizer
     */
    public static HfTokenizer load(Path dirOrFile) {
        Path file = Files.isDirectory(dirOrFile) ? dirOrFile.resolve(ByteLevelBpe.TOKENIZER_FILE) : dirOrFile;
        if (!Files.isRegularFile(file)) {
            throw new HarmonicInputException("tokenizer.json not found at " + file + ". A model directory "
                    + "needs the Hugging Face tokenizer.json (the fast-tokenizer file) next to config.json.");
        }
        ObjectMapper json = new ObjectMapper();
        TokenizerFile table;
        try {
            JsonNode root = json.readTree(file.toFile());
            if (root == null || !root.path("model").isObject()) {
                throw new HarmonicInputException(file + " is not a Hugging Face tokenizer.json (it has no "
                        + "\"model\" object). Save the tokenizer with a fast tokenizer's save_pretrained.");
            }
            table = TokenizerFile.of(root);
        } catch (IOException e) {
            throw new HarmonicInputException("Cannot read " + file + " as tokenizer.json (" + e.getMessage()
                    + "). Restore the file or save the tokenizer again.", e);
        }
        HuggingFaceTokenizer tokenizer;
        try {
            tokenizer = HuggingFaceTokenizer.newInstance(file, OPTIONS);
        } catch (IOException | RuntimeException e) {
            throw new HarmonicInputException("The tokenizers library rejected " + file + " (" + e.getMessage()
                    + "). Restore the file or save the tokenizer again with a current tokenizers version.", e);
        }
        table = table.withRuntimeIds(text -> {
            long[] ids = tokenizer.encode(text, false, false).getIds();
            return ids.length == 1 ? (int) ids[0] : -1;
        });
        Path config = file.resolveSibling(ByteLevelBpe.TOKENIZER_CONFIG_FILE);
        JsonNode cfg = readOptional(json, config);
        return new HfTokenizer(file, tokenizer, table,
                specialId(cfg, "bos_token", BOS_NAMES, table), specialId(cfg, "eos_token", EOS_NAMES, table));
    }

    private static JsonNode readOptional(ObjectMapper json, Path config) {
        if (!Files.isRegularFile(config)) {
            return null;
        }
        try {
            return json.readTree(config.toFile());
        } catch (IOException e) {
            throw new HarmonicInputException("Cannot read " + config + " (" + e.getMessage()
                    + "). Fix or delete the file.", e);
        }
    }

    private static int specialId(JsonNode cfg, String key, List<String> fallbacks, TokenizerFile table) {
        if (cfg != null && cfg.has(key)) {
            JsonNode v = cfg.get(key);
            String content = v.isObject() ? v.path("content").asText(null) : v.asText(null);
            return content == null || v.isNull() ? -1 : table.id(content);
        }
        for (String name : fallbacks) {
            int id = table.id(name);
            if (id >= 0 && table.isSpecial(id)) {
                return id;
            }
        }
        return -1;
    }

    /** Token ids of {@code text}, nothing added. */
    public int[] encode(String text) {
        long[] ids = tokenizer.encode(text, false, false).getIds();
        int[] out = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            out[i] = (int) ids[i];
        }
        return out;
    }

    /** Text of {@code ids}, special tokens included, so {@code decode(encode(s)).equals(s)} for byte-level BPE. */
    public String decode(int[] ids) {
        return decode(ids, false);
    }

    /** Text of {@code ids}, optionally without special tokens. */
    public String decode(int[] ids, boolean skipSpecialTokens) {
        long[] longs = new long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            longs[i] = ids[i];
        }
        return tokenizer.decode(longs, skipSpecialTokens);
    }

    /** Number of token ids (largest id + 1, added tokens included), like {@code len(tokenizer)}. */
    public int vocabSize() {
        return table.size();
    }

    /** Id of a token string as it appears in the vocabulary (e.g. "Ġthe"), or -1. */
    public int tokenId(String token) {
        return table.id(token);
    }

    /** Vocabulary string of an id (e.g. "Ġthe"), or null for an unused id. */
    public String token(int id) {
        return table.token(id);
    }

    /** True for special tokens such as {@code <|endoftext|>}. */
    public boolean isSpecial(int id) {
        return table.isSpecial(id);
    }

    /**
     * True for an added token that is not special, such as the default tokenizer's template pieces:
     * the tokenizer finds such texts before any other splitting, so a text equal to one always
     * encodes as that one token.
     */
    public boolean keptWhole(int id) {
        return table.isAdded(id) && !table.isSpecial(id);
    }

    /**
     * Exact bytes token {@code id} contributes to decoded text. A byte-level token may hold part of
     * a multi-byte character, so constrained decoding should work on these bytes.
     */
    public byte[] tokenBytes(int id) {
        return table.bytes(id);
    }

    /**
     * The text token {@code id} contributes ({@link #tokenBytes} as UTF-8); a token holding only
     * part of a multi-byte character yields U+FFFD here, so use {@link #tokenBytes} to be exact.
     */
    public String tokenText(int id) {
        return new String(tokenBytes(id), StandardCharsets.UTF_8);
    }

    /** Begin-of-sequence id, or -1 when the tokenizer has none. */
    public int bosId() {
        return bosId;
    }

    /** End-of-sequence id, or -1 when the tokenizer has none. */
    public int eosId() {
        return eosId;
    }

    /** The tokenizer.json this was loaded from. */
    public Path file() {
        return file;
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
