package org.harmonic.core.lm.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.ToIntFunction;

/**
 * What a {@code tokenizer.json} says about its tokens, read with Jackson because DJL's wrapper
 * exposes no id-to-token table: token strings by id, which ids are special, and how the decoder
 * turns a token back into bytes (needed to know what each token contributes to the text).
 */
final class TokenizerFile {

    /** How the decoder maps a token string to bytes. */
    enum Decoding { BYTE_LEVEL, METASPACE, PLAIN }

    private final String[] tokens;
    private final Map<String, Integer> ids;
    private final Set<Integer> added;
    private final Set<Integer> special;
    private final Decoding decoding;
    private final boolean byteFallback;

    private TokenizerFile(String[] tokens, Map<String, Integer> ids, Set<Integer> added,
            Set<Integer> special, Decoding decoding, boolean byteFallback) {
        this.tokens = tokens;
        this.ids = ids;
        this.added = added;
        this.special = special;
        this.decoding = decoding;
        this.byteFallback = byteFallback;
    }

    static TokenizerFile of(JsonNode root) {
        Map<String, Integer> ids = new HashMap<>();
        JsonNode model = root.path("model");
        JsonNode vocab = model.path("vocab");
        if (vocab.isObject()) {
            vocab.fields().forEachRemaining(e -> ids.put(e.getKey(), e.getValue().asInt()));
        } else if (vocab.isArray()) {
            // Unigram: [[token, score], ...], the id is the position.
            for (int i = 0; i < vocab.size(); i++) {
                ids.put(vocab.get(i).path(0).asText(), i);
            }
        }
        // the model's tokens keep their ids even where an added token has the same text (the
        // added one then wins the text-to-id lookup, as in the tokenizers library)
        Map<Integer, String> byId = new HashMap<>();
        ids.forEach((token, id) -> byId.put(id, token));
        Set<Integer> added = new HashSet<>();
        Set<Integer> special = new HashSet<>();
        for (JsonNode t : root.path("added_tokens")) {
            int id = t.path("id").asInt();
            ids.put(t.path("content").asText(), id);
            byId.put(id, t.path("content").asText());
            added.add(id);
            if (t.path("special").asBoolean(false)) {
                special.add(id);
            }
        }
        int size = byId.keySet().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
        String[] tokens = new String[size];
        byId.forEach((id, token) -> tokens[id] = token);
        return new TokenizerFile(tokens, ids, added, special, decodingOf(root.path("decoder")),
                model.path("byte_fallback").asBoolean(false));
    }

    /**
     * This table with every added token at the id the runtime encodes its text with. The
     * tokenizers library ignores the ids a file states for added tokens (a text that is also a
     * vocabulary key takes that key's id, the others the next free ids), so a file written with
     * other ids, such as the table tokenizers made before issue 11 was fixed, would otherwise give
     * the constraint and the parser other bytes than the model was trained on. A stale id keeps
     * its old text, so every id still has bytes.
     *
     * @param runtimeId the id the runtime gives a text that it encodes as one token, else -1
     */
    TokenizerFile withRuntimeIds(ToIntFunction<String> runtimeId) {
        String[] remapped = tokens.clone();
        Map<String, Integer> newIds = new HashMap<>(ids);
        Set<Integer> newAdded = new HashSet<>(added);
        Set<Integer> newSpecial = new HashSet<>(special);
        boolean changed = false;
        for (int id : new TreeSet<>(added)) {
            String content = tokens[id];
            int actual = runtimeId.applyAsInt(content);
            if (actual < 0 || actual == id) {
                continue;
            }
            if (actual >= remapped.length) {
                remapped = Arrays.copyOf(remapped, actual + 1);
            }
            remapped[actual] = content;
            newIds.put(content, actual);
            newAdded.add(actual);
            if (special.contains(id)) {
                newSpecial.add(actual);
            }
            changed = true;
        }
        return changed ? new TokenizerFile(remapped, newIds, newAdded, newSpecial, decoding, byteFallback) : this;
    }

    private static Decoding decodingOf(JsonNode decoder) {
        String type = decoder.path("type").asText("");
        if ("ByteLevel".equals(type)) {
            return Decoding.BYTE_LEVEL;
        }
        if ("Metaspace".equals(type)) {
            return Decoding.METASPACE;
        }
        if ("Sequence".equals(type)) {
            Decoding found = Decoding.PLAIN;
            for (JsonNode d : decoder.path("decoders")) {
                Decoding inner = decodingOf(d);
                boolean spaceReplace = "Replace".equals(d.path("type").asText())
                        && "\u2581".equals(d.path("pattern").path("String").asText());
                if (inner == Decoding.BYTE_LEVEL) {
                    return inner;
                }
                if (inner == Decoding.METASPACE || spaceReplace) {
                    found = Decoding.METASPACE;
                }
            }
            return found;
        }
        return Decoding.PLAIN;
    }

    int size() {
        return tokens.length;
    }

    String token(int id) {
        return id >= 0 && id < tokens.length ? tokens[id] : null;
    }

    int id(String token) {
        Integer id = ids.get(token);
        return id == null ? -1 : id;
    }

    boolean isSpecial(int id) {
        return special.contains(id);
    }

    boolean isAdded(int id) {
        return added.contains(id);
    }

    /**
     * The bytes token {@code id} adds to decoded text: byte-level tokens map back char by char;
     * SentencePiece-style tokens turn '▁' into a space and {@code <0xNN>} into one byte; added
     * tokens contribute their content. (A SentencePiece decoder also strips the first leading
     * space of a whole text; that depends on position, so it is not part of a token's bytes.)
     */
    byte[] bytes(int id) {
        String token = token(id);
        if (token == null) {
            throw new IllegalArgumentException("token id " + id + " is outside the vocabulary of " + size());
        }
        if (added.contains(id)) {
            return token.getBytes(StandardCharsets.UTF_8);
        }
        switch (decoding) {
            case BYTE_LEVEL -> {
                byte[] b = ByteLevel.decode(token);
                return b != null ? b : token.getBytes(StandardCharsets.UTF_8);
            }
            case METASPACE -> {
                if (byteFallback && token.length() == 6 && token.startsWith("<0x") && token.endsWith(">")) {
                    return new byte[] {(byte) Integer.parseInt(token.substring(3, 5), 16)};
                }
                return token.replace('\u2581', ' ').getBytes(StandardCharsets.UTF_8);
            }
            default -> {
                return token.getBytes(StandardCharsets.UTF_8);
            }
        }
    }
}
