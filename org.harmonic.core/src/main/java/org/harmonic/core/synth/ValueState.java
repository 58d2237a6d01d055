package org.harmonic.core.synth;

/**
 * A partial value of one column while it is being decoded, byte by byte, in its JSON-escaped
 * UTF-8 form (without the surrounding quotes). Immutable: advancing returns a new state.
 */
interface ValueState {

    /** The state after one more byte, or null when no valid value starts with the longer prefix. */
    ValueState advance(byte b);

    /** True when the bytes so far form a complete valid value. */
    boolean complete();

    /** True when some byte extends the value: a complete value that cannot go on is closed by its quote. */
    boolean canContinue();
}
