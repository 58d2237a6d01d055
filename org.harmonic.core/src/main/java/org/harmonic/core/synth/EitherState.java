package org.harmonic.core.synth;

/** A value that may follow either of two forms (a number, or the missing marker {@code nan}). */
final class EitherState implements ValueState {
    private final ValueState first;
    private final ValueState second;

    EitherState(ValueState first, ValueState second) {
        this.first = first;
        this.second = second;
    }

    @Override
    public ValueState advance(byte b) {
        ValueState a = first == null ? null : first.advance(b);
        ValueState c = second == null ? null : second.advance(b);
        if (a == null) {
            return c;
        }
        if (c == null) {
            return a;
        }
        return new EitherState(a, c);
    }

    @Override
    public boolean canContinue() {
        return (first != null && first.canContinue()) || (second != null && second.canContinue());
    }

    @Override
    public boolean complete() {
        return (first != null && first.complete()) || (second != null && second.complete());
    }
}
