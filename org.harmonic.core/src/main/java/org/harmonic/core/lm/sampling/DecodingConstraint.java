package org.harmonic.core.lm.sampling;

import java.util.BitSet;

/**
 * The logits-mask hook: a caller constrains each decoding step of one sequence to a set of
 * tokens (the Synthesizer forces schema-valid JSON rows through it).
 */
public interface DecodingConstraint {

    /** Tokens allowed next; never empty. */
    BitSet allowed();

    /** Informs the constraint of the token that was chosen. */
    void accept(int token);

    /**
     * The sampling temperature for the next token, or NaN for the configured one: lets a caller
     * sample some parts of a sequence (one column of a row) sharper or flatter than the rest.
     */
    default double temperature() {
        return Double.NaN;
    }

    /**
     * A token the sequence takes next whatever the model says, or -1 where the model chooses among
     * {@link #allowed()}: lets a sampler feed it along with the token before it instead of spending
     * a decoding step on a foregone choice. It must be one of {@link #allowed()}.
     */
    default int forcedToken() {
        return -1;
    }

    /** No constraint at all. */
    DecodingConstraint NONE = new DecodingConstraint() {
        @Override
        public BitSet allowed() {
            return null;
        }

        @Override
        public void accept(int token) {
        }
    };
}
