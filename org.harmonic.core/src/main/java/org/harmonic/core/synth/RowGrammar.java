package org.harmonic.core.synth;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.harmonic.core.table.ColumnProfile;
import org.harmonic.core.table.TableProfile;
import org.harmonic.core.util.PythonJson;

/**
 * The language of valid answers for one column order (method.md A.4): exactly
 * <pre>{"c1": "v1", "c2": "v2", ..., "cn": "vn"}</pre>
 * with the trained keys in that order and, per column, a value of the right kind: a category
 * seen in training, an integer or a decimal in the column's format and range, or {@code nan}
 * where the column has missing values. One leading space is tolerated (sentence-piece tokenizers
 * put one before the first token). Decoding through it makes an invalid row impossible.
 */
public final class RowGrammar {
    /** literals[i] precedes value i; literals[n] closes the object. */
    private final byte[][] literals;
    private final ValueState[] starts;
    private final int[] order;

    /**
     * @param profile the trained table's profile
     * @param order   column indexes in the order of this prompt's rows
     * @param margin  allowed excess beyond a numeric column's observed range, as a fraction of it
     */
    public RowGrammar(TableProfile profile, int[] order, double margin) {
        this(profile, order, margin, java.util.Map.of());
    }

    /**
     * @param fixed column name to the only value (its Python {@code str()} text) allowed there:
     *              conditional generation
     */
    public RowGrammar(TableProfile profile, int[] order, double margin, java.util.Map<String, String> fixed) {
        int n = order.length;
        this.order = order.clone();
        literals = new byte[n + 1][];
        starts = new ValueState[n];
        List<ColumnProfile> columns = profile.columns();
        for (int i = 0; i < n; i++) {
            ColumnProfile column = columns.get(order[i]);
            String key = PythonJson.quote(column.name());
            String literal = (i == 0 ? "{" : "\", ") + key + ": \"";
            literals[i] = literal.getBytes(StandardCharsets.UTF_8);
            String only = fixed.get(column.name());
            starts[i] = only != null ? CategoryTrie.of(List.of(only)) : valueStart(column, margin);
        }
        literals[n] = "\"}".getBytes(StandardCharsets.UTF_8);
    }

    private static ValueState valueStart(ColumnProfile column, double margin) {
        ValueState value;
        if (column.isNumber() && !Double.isNaN(column.min())) {
            boolean decimal = column.type() == org.harmonic.core.table.ColumnType.NUMERIC;
            value = new NumberState(NumberState.Rule.of(decimal, column.decimals(), column.integralFloat(),
                    column.min(), column.max(), margin));
        } else if (column.isNumber()) {
            value = null; // an all-missing number column: only nan
        } else {
            value = CategoryTrie.of(column.categories());
        }
        if (column.hasMissing() || value == null) {
            ValueState nan = CategoryTrie.of(List.of("nan"));
            return value == null ? nan : new EitherState(value, nan);
        }
        return value;
    }

    /** The state before the first byte of an answer. */
    public State start() {
        return new State(this, 0, 0, null, true);
    }

    /**
     * Where decoding stands: inside literal {@code segment} at {@code offset}, or inside value
     * {@code segment} when {@code value} is not null; {@code segment == n+1} means the row is done.
     */
    public static final class State {
        private final RowGrammar grammar;
        private final int segment;
        private final int offset;
        private final ValueState value;
        private final boolean atStart;

        private State(RowGrammar grammar, int segment, int offset, ValueState value, boolean atStart) {
            this.grammar = grammar;
            this.segment = segment;
            this.offset = offset;
            this.value = value;
            this.atStart = atStart;
        }

        /** The state after one more byte, or null if no valid row continues that way. */
        public State advance(byte b) {
            byte[][] literals = grammar.literals;
            if (segment >= literals.length) {
                return null; // the row is complete: only the end-of-sequence token may follow
            }
            if (value != null) {
                ValueState next = value.advance(b);
                if (next != null) {
                    return new State(grammar, segment, 0, next, false);
                }
                // an escaped value never holds a bare quote, so a quote can only close it
                if (b == '"' && value.complete()) {
                    return literal(segment + 1, 1);
                }
                return null;
            }
            byte[] literal = literals[segment];
            if (b != literal[offset]) {
                return atStart && b == ' ' ? new State(grammar, segment, offset, null, false) : null;
            }
            return literal(segment, offset + 1);
        }

        private State literal(int seg, int off) {
            byte[][] literals = grammar.literals;
            if (off < literals[seg].length) {
                return new State(grammar, seg, off, null, false);
            }
            if (seg == literals.length - 1) {
                return new State(grammar, literals.length, 0, null, false);
            }
            return new State(grammar, seg, 0, grammar.starts[seg], false);
        }

        /**
         * The schema index of the column whose value the next byte belongs to, or -1 inside a key,
         * a separator or after the row.
         */
        public int valueColumn() {
            return value != null && segment < grammar.order.length ? grammar.order[segment] : -1;
        }

        /**
         * The text that must come next, up to the end of a key or the row's closing brace, when no choice
         * is left until then: inside a key (not at the answer's start, which tolerates a leading space),
         * or after a complete value that no byte can extend (its closing quote and the next key). Null
         * where the next byte is a choice, and after the row.
         */
        public byte[] forcedText() {
            byte[][] literals = grammar.literals;
            if (segment >= literals.length || atStart) {
                return null;
            }
            if (value == null) {
                return java.util.Arrays.copyOfRange(literals[segment], offset, literals[segment].length);
            }
            return value.complete() && !value.canContinue() ? literals[segment + 1].clone() : null;
        }

        /** True when a whole row has been emitted, so the sequence may end. */
        public boolean isComplete() {
            return segment >= grammar.literals.length;
        }

        /** Advances over several bytes; null if any is invalid. */
        public State advance(byte[] bytes) {
            State s = this;
            for (int i = 0; i < bytes.length && s != null; i++) {
                s = s.advance(bytes[i]);
            }
            return s;
        }
    }
}
