package org.harmonic.core.synth;

import org.harmonic.core.lm.tokenizer.HfTokenizer;

/**
 * What each token id adds to the decoded text, as the constrained decoder sees the vocabulary:
 * the token's bytes, or null for special tokens (the grammar never allows them; the end token is
 * handled apart).
 */
public final class TokenBytes {

    private TokenBytes() {
    }

    /** Bytes by token id for every id of {@code tokenizer}. */
    public static byte[][] of(HfTokenizer tokenizer) {
        byte[][] tokenBytes = new byte[tokenizer.vocabSize()][];
        for (int id = 0; id < tokenBytes.length; id++) {
            tokenBytes[id] = tokenizer.isSpecial(id) ? null : tokenizer.tokenBytes(id);
        }
        return tokenBytes;
    }

    /** The ids {@code tokenizer} keeps whole ({@link HfTokenizer#keptWhole}), which decoding may force. */
    public static java.util.BitSet keptWhole(HfTokenizer tokenizer) {
        java.util.BitSet whole = new java.util.BitSet(tokenizer.vocabSize());
        for (int id = 0; id < tokenizer.vocabSize(); id++) {
            if (tokenizer.keptWhole(id)) {
                whole.set(id);
            }
        }
        return whole;
    }
}
