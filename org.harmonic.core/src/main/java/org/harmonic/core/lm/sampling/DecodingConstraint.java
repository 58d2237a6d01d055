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
