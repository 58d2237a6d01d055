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

    private final int sharpColumn;
    private final double sharpTemperature;

    public RowConstraint(RowGrammar grammar, TokenTrie trie, byte[][] tokenBytes, int endToken) {
        this(grammar, trie, tokenBytes, endToken, -1, Double.NaN);
    }

    /**
     * @param column      schema index of a column sampled at its own temperature, or -1 for none
     * @param temperature that column's temperature
     */
    public RowConstraint(RowGrammar grammar, TokenTrie trie, byte[][] tokenBytes, int endToken, int column,
            double temperature) {
        this.trie = trie;
        this.tokenBytes = tokenBytes;
        this.endToken = endToken;
        this.state = grammar.start();
        this.sharpColumn = column;
        this.sharpTemperature = temperature;
    }

    /** The column's own temperature while its value is decoded; NaN (the configured one) elsewhere. */
    @Override
    public double temperature() {
        return sharpColumn >= 0 && state.valueColumn() == sharpColumn ? sharpTemperature : Double.NaN;
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
