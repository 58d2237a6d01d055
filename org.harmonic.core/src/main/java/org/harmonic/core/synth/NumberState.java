package org.harmonic.core.synth;

/**
 * A partial number in the column's format: an integer ({@code -12}) or a decimal with a point and
 * at most {@code decimals} fractional digits ({@code 33.6}; only {@code .0} for whole-number float
 * columns), no leading zeros, no exponent, and a value that can still end inside [low, high].
 * The prefix is checked by the interval of values it can still reach.
 */
final class NumberState implements ValueState {

    /**
     * Format and range of a number column. The range ends lie on the column's decimal grid (see
     * {@link #of}), so every prefix that can reach the range can also be completed inside it.
     */
    record Rule(boolean decimal, int decimals, boolean integralFloat, double low, double high) {

        /** A rule for [min - margin * span, max + margin * span], snapped inwards to the grid. */
        static Rule of(boolean decimal, int decimals, boolean integralFloat, double min, double max, double margin) {
            double span = max - min;
            double low = min - margin * span;
            double high = max + margin * span;
            int places = !decimal || integralFloat ? 0 : Math.min(decimals, 15);
            double grid = Math.pow(10, places);
            low = Math.ceil(low * grid - 1e-9) / grid;
            high = Math.floor(high * grid + 1e-9) / grid;
            return new Rule(decimal, Math.max(1, decimals), integralFloat, Math.min(low, min), Math.max(high, max));
        }
    }

    private final Rule rule;
    private final String prefix;

    NumberState(Rule rule) {
        this(rule, "");
    }

    private NumberState(Rule rule, String prefix) {
        this.rule = rule;
        this.prefix = prefix;
    }

    @Override
    public ValueState advance(byte b) {
        char c = (char) b;
        if (!(c >= '0' && c <= '9') && c != '-' && c != '.') {
            return null;
        }
        String next = prefix + c;
        return viable(next) ? new NumberState(rule, next) : null;
    }

    /** Only digits, a sign and a point can extend a number, so only they are tried. */
    @Override
    public boolean canContinue() {
        for (byte b : NUMBER_BYTES) {
            if (advance(b) != null) {
                return true;
            }
        }
        return false;
    }

    private static final byte[] NUMBER_BYTES = "0123456789.-".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    @Override
    public boolean complete() {
        return isComplete(prefix);
    }

    private boolean isComplete(String s) {
        boolean negative = s.startsWith("-");
        String body = negative ? s.substring(1) : s;
        int point = body.indexOf('.');
        if (rule.decimal()) {
            if (point <= 0 || point == body.length() - 1) {
                return false;
            }
        } else if (point >= 0 || body.isEmpty()) {
            return false;
        }
        double value = Double.parseDouble(s);
        return value >= rule.low() && value <= rule.high();
    }

    private boolean viable(String s) {
        boolean negative = s.startsWith("-");
        String body = negative ? s.substring(1) : s;
        if (body.indexOf('-') >= 0 || (negative && rule.low() >= 0)) {
            return false;
        }
        int point = body.indexOf('.');
        String integer = point < 0 ? body : body.substring(0, point);
        if (point >= 0 && (!rule.decimal() || integer.isEmpty() || body.indexOf('.', point + 1) >= 0)) {
            return false;
        }
        if (integer.length() > 1 && integer.charAt(0) == '0') {
            return false;
        }
        if (negative && !rule.decimal() && integer.equals("0")) {
            return false; // "-0" is no integer
        }
        if (integer.length() > 18) {
            return false;
        }
        double lo;
        double hi;
        if (point < 0) {
            if (integer.isEmpty()) {
                return negative ? rule.low() < 0 : rule.high() >= 0;
            }
            double p = Double.parseDouble(integer);
            // reachable: p itself (with a fraction in [0, 1) for decimals), or p followed by j more
            // digits: integers [p 10^j, (p+1) 10^j - 1], decimals [p 10^j, (p+1) 10^j)
            boolean found = rule.decimal() ? intersectsOpen(negative, p, p + 1) : intersects(negative, p, p);
            if (!integer.equals("0")) {
                double scale = 10;
                for (int j = 1; !found && j <= 18 - integer.length(); j++, scale *= 10) {
                    if (p * scale > Math.max(Math.abs(rule.low()), Math.abs(rule.high())) + 1) {
                        break;
                    }
                    found = rule.decimal() ? intersectsOpen(negative, p * scale, (p + 1) * scale)
                            : intersects(negative, p * scale, (p + 1) * scale - 1);
                }
            }
            return found;
        }
        String fraction = body.substring(point + 1);
        int limit = rule.integralFloat() ? 1 : rule.decimals();
        if (fraction.length() > limit || (rule.integralFloat() && !fraction.isEmpty() && !fraction.equals("0"))) {
            return false;
        }
        double v = Double.parseDouble(integer + "." + (fraction.isEmpty() ? "0" : fraction));
        return fraction.length() == limit ? intersects(negative, v, v)
                : intersectsOpen(negative, v, v + Math.pow(10, -fraction.length()));
    }

    /** Whether [lo, hi) (mirrored to (-hi, -lo] when negative) meets the column's range. */
    private boolean intersectsOpen(boolean negative, double lo, double hi) {
        if (negative) {
            return -lo >= rule.low() && -hi < rule.high();
        }
        return hi > rule.low() && lo <= rule.high();
    }

    /** Whether [lo, hi] (mirrored when negative) meets the column's range. */
    private boolean intersects(boolean negative, double lo, double hi) {
        double a = negative ? -hi : lo;
        double b = negative ? -lo : hi;
        return b >= rule.low() && a <= rule.high();
    }
}
