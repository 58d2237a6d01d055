package org.harmonic.core.lm.tokenizer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.harmonic.core.util.AtomicFiles;

/**
 * A trained byte-level BPE vocabulary in the layout GPT-2 uses, ready to be written as a
 * Hugging Face {@code tokenizer.json}. Ids 0-255 are the 256 single bytes (id = byte value), then
 * the special tokens, then one token per merge in the order learned (the merge rank).
 *
 * @param tokens        byte-level token strings by id
 * @param merges        learned merges, "left right", in rank order
 * @param specialTokens special token strings (their ids follow the 256 bytes, in this order)
 * @param addedTokens   texts kept whole (matched before byte-level splitting), in order; those that
 *                      would change another id's meaning are dropped (see {@link #addedTokenIds()})
 */
public record ByteLevelBpe(List<String> tokens, List<String> merges, List<String> specialTokens,
        List<String> addedTokens) {

    public static final String TOKENIZER_FILE = "tokenizer.json";
    public static final String TOKENIZER_CONFIG_FILE = "tokenizer_config.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    public ByteLevelBpe {
        tokens = List.copyOf(tokens);
        merges = List.copyOf(merges);
        specialTokens = List.copyOf(specialTokens);
        addedTokens = keepable(tokens, specialTokens, addedTokens);
    }

    /**
     * The added texts that can be whole tokens without changing what another id means. The
     * tokenizers library gives an added text that is also a vocabulary key (raw string compared
     * with the byte-level key) that key's id, so the text must stand for the same bytes as the
     * key: "Male" may share the id of the BPE token "Male", but "é" must not take the id of the
     * single byte 0xE9 (whose byte-level key is also "é"). A text equal to a special token would
     * be read as that special token. Dropped texts are still encoded exactly, byte by byte.
     */
    private static List<String> keepable(List<String> tokens, List<String> specials, List<String> added) {
        Set<String> vocabulary = new HashSet<>(tokens);
        Set<String> out = new LinkedHashSet<>();
        for (String text : added) {
            boolean sameBytes = !vocabulary.contains(text)
                    || Arrays.equals(ByteLevel.decode(text), text.getBytes(StandardCharsets.UTF_8));
            if (!text.isEmpty() && !specials.contains(text) && sameBytes) {
                out.add(text);
            }
        }
        return List.copyOf(out);
    }

    /**
     * The id of each added token as the tokenizers library assigns it on loading (it ignores the
     * ids a file states): an added text that is already a vocabulary key keeps that key's id,
     * every other one takes the next id after the vocabulary, in order. Writing exactly these ids
     * keeps {@code tokenizer.json}, the token table read from it and the ids the runtime encodes
     * with in agreement; giving every added token a fresh id instead shifted all later ones
     * (issue 11: categories that followed a category the BPE had also learned, such as "Private",
     * were decoded as their neighbours, so the constraint refused them).
     */
    public int[] addedTokenIds() {
        Map<String, Integer> vocabulary = new HashMap<>();
        for (int id = 0; id < tokens.size(); id++) {
            vocabulary.put(tokens.get(id), id);
        }
        int[] ids = new int[addedTokens.size()];
        int next = tokens.size();
        for (int i = 0; i < ids.length; i++) {
            Integer existing = vocabulary.get(addedTokens.get(i));
            ids[i] = existing != null ? existing : next++;
        }
        return ids;
    }

    /** Number of ids: the BPE tokens plus the added tokens that are not vocabulary keys already. */
    public int vocabSize() {
        int size = tokens.size();
        for (int id : addedTokenIds()) {
            size = Math.max(size, id + 1);
        }
        return size;
    }

    /** Id of a special token, e.g. {@code <|endoftext|>}. */
    public int specialId(String token) {
        int i = specialTokens.indexOf(token);
        if (i < 0) {
            throw new IllegalArgumentException("not a special token: " + token);
        }
        return 256 + i;
    }

    /** Writes {@code tokenizer.json} and a matching {@code tokenizer_config.json} into {@code dir}. */
    public void writeTo(Path dir) {
        AtomicFiles.writeString(dir.resolve(TOKENIZER_FILE), toTokenizerJson());
        AtomicFiles.writeString(dir.resolve(TOKENIZER_CONFIG_FILE), toTokenizerConfigJson());
    }

    /**
     * The {@code tokenizer.json} text: no normalizer, ByteLevel pre-tokenizer (no prefix space,
     * GPT-2 regex) and decoder, BPE model with the vocabulary and merges, specials as added tokens
     * (so that their text is never split).
     */
    public String toTokenizerJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", "1.0");
        root.putNull("truncation");
        root.putNull("padding");
        ArrayNode added = root.putArray("added_tokens");
        for (String s : specialTokens) {
            ObjectNode t = added.addObject();
            t.put("id", specialId(s));
            t.put("content", s);
            t.put("single_word", false);
            t.put("lstrip", false);
            t.put("rstrip", false);
            t.put("normalized", false);
            t.put("special", true);
        }
        // whole-text tokens (JSON keys with their quotes, category values): matched in the raw
        // text before byte-level splitting, decoded verbatim, never special
        int[] addedIds = addedTokenIds();
        for (int i = 0; i < addedTokens.size(); i++) {
            ObjectNode t = added.addObject();
            t.put("id", addedIds[i]);
            t.put("content", addedTokens.get(i));
            t.put("single_word", false);
            t.put("lstrip", false);
            t.put("rstrip", false);
            t.put("normalized", false);
            t.put("special", false);
        }
        root.putNull("normalizer");
        ObjectNode pre = root.putObject("pre_tokenizer");
        pre.put("type", "ByteLevel");
        pre.put("add_prefix_space", false);
        pre.put("trim_offsets", true);
        pre.put("use_regex", true);
        root.putNull("post_processor");
        ObjectNode dec = root.putObject("decoder");
        dec.put("type", "ByteLevel");
        dec.put("add_prefix_space", false);
        dec.put("trim_offsets", true);
        dec.put("use_regex", true);
        ObjectNode model = root.putObject("model");
        model.put("type", "BPE");
        model.putNull("dropout");
        model.putNull("unk_token");
        model.putNull("continuing_subword_prefix");
        model.putNull("end_of_word_suffix");
        model.put("fuse_unk", false);
        model.put("byte_fallback", false);
        model.put("ignore_merges", false);
        ObjectNode vocab = model.putObject("vocab");
        for (int id = 0; id < tokens.size(); id++) {
            vocab.put(tokens.get(id), id);
        }
        ArrayNode mergeArray = model.putArray("merges");
        merges.forEach(mergeArray::add);
        return write(root);
    }

    /**
     * {@code tokenizer_config.json} for {@code transformers}' {@code AutoTokenizer}: no implicit
     * BOS/EOS, and no clean-up of spaces on decode (it would break exact round trips).
     */
    public String toTokenizerConfigJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("tokenizer_class", "PreTrainedTokenizerFast");
        root.put("add_bos_token", false);
        root.put("add_eos_token", false);
        root.put("clean_up_tokenization_spaces", false);
        if (!specialTokens.isEmpty()) {
            root.put("bos_token", specialTokens.get(0));
            root.put("eos_token", specialTokens.get(0));
        }
        if (specialTokens.size() > 1) {
            root.put("pad_token", specialTokens.get(1));
        }
        return write(root);
    }

    private static String write(ObjectNode root) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
