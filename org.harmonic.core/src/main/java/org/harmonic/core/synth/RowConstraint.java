package org.harmonic.core.synth;

import java.util.BitSet;

/**
 * Constrained decoding of one answer: which tokens may come next so the text stays a valid row,
 * and the state after a chosen token. The end-of-sequence token is allowed exactly when a whole
 * row has been emitted, and then it is the only token allowed.
 */
public final class RowConstraint implements org.harmonic.core.lm.sampling.DecodingConstraint {
    private final TokenTrie trie;
    private final byte[][] tokenBytes;
    private final int endToken;
    private RowGrammar.State state;

    /** By schema index: the temperature while that column's value is decoded, NaN for the configured one. */
    private final double[] columnTemperatures;
    private final BitSet forceable;

    public RowConstraint(RowGrammar grammar, TokenTrie trie, byte[][] tokenBytes, int endToken) {
        this(grammar, trie, tokenBytes, endToken, new double[0], new BitSet());
    }

    /**
     * @param columnTemperatures by schema index, the sampling temperature of that column's value, NaN for
     *                           the configured one (a shorter array: NaN for the columns beyond it)
     * @param forceable          the tokens {@link #forcedToken} may name: those the tokenizer always
     *                           encodes their text with ({@link TokenBytes#keptWhole}), so a forced one is the
     *                           tokenization the model was trained on
     */
    public RowConstraint(RowGrammar grammar, TokenTrie trie, byte[][] tokenBytes, int endToken,
            double[] columnTemperatures, BitSet forceable) {
        this.trie = trie;
        this.tokenBytes = tokenBytes;
        this.endToken = endToken;
        this.state = grammar.start();
        this.columnTemperatures = columnTemperatures.clone();
        this.forceable = (BitSet) forceable.clone();
    }

    /** The temperature of the column whose value is being decoded; NaN (the configured one) elsewhere. */
    @Override
    public double temperature() {
        int column = state.valueColumn();
        return column >= 0 && column < columnTemperatures.length ? columnTemperatures[column] : Double.NaN;
    }

    /** The tokens allowed next (never empty: the grammar has no dead ends). */
    @Override
    public BitSet allowed() {
        BitSet allowed = new BitSet(tokenBytes.length);
        if (state.isComplete()) {
            allowed.set(endToken);
            return allowed;
        }
        trie.allowed(state, allowed::set);
        return allowed;
    }

    /**
     * The end token once the row is complete; otherwise the token that spells exactly the text the
     * grammar leaves no choice about (a key with the quote and separator around it: one of the
     * default tokenizer's template pieces, the tokenization every training row has there), or -1
     * where the model chooses, or no forceable token spells that text.
     */
    @Override
    public int forcedToken() {
        if (state.isComplete()) {
            return endToken;
        }
        byte[] text = state.forcedText();
        int token = text == null ? -1 : trie.exact(text);
        return token >= 0 && forceable.get(token) ? token : -1;
    }

    /** Takes a token the caller sampled from {@link #allowed()}. */
    @Override
    public void accept(int token) {
        if (token == endToken) {
            if (!state.isComplete()) {
                throw new IllegalStateException("end of sequence before the row is complete");
            }
            return;
        }
        RowGrammar.State next = state.advance(tokenBytes[token]);
        if (next == null) {
            throw new IllegalStateException("token " + token + " is not allowed here");
        }
        state = next;
    }

    public boolean isComplete() {
        return state.isComplete();
    }
}
