package org.harmonic.core.table;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Formats numbers exactly as Python's {@code str()} / {@code repr()} does, which is what the
 * reference instruction files contain. Java's {@code Double.toString} differs
 * ({@code 1.508544E9} vs Python's {@code 1508544000.0}) and on JDK 17 is not always the
 * shortest round-trip string, so the digits are computed here.
 */
public final class PythonFormat {

    private PythonFormat() {
    }

    /**
     * Python's float repr: the shortest decimal that reads back to the same double; fixed
     * notation when the decimal exponent is in [-4, 16), scientific otherwise ({@code 1e-05},
     * {@code 1e+16}); {@code nan}, {@code inf}, {@code -inf}; always a fractional part in fixed
     * notation ({@code 10.0}).
     */
    public static String floatRepr(double value) {
        if (Double.isNaN(value)) {
            return "nan";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        if (value == 0) {
            return (Double.doubleToRawLongBits(value) < 0) ? "-0.0" : "0.0";
        }
        BigDecimal shortest = shortestDecimal(Math.abs(value));
        String digits = shortest.unscaledValue().toString();
        // strip trailing zeros of the digit string; the exponent absorbs them
        int scale = shortest.scale();
        int end = digits.length();
        while (end > 1 && digits.charAt(end - 1) == '0') {
            end--;
            scale--;
        }
        digits = digits.substring(0, end);
        // value = 0.d1d2...dn x 10^decimalPoint
        int decimalPoint = digits.length() - scale;
        StringBuilder out = new StringBuilder(24);
        if (value < 0) {
            out.append('-');
        }
        if (decimalPoint > -4 && decimalPoint <= 16) {
            if (decimalPoint <= 0) {
                out.append("0.");
                out.append("0".repeat(-decimalPoint));
                out.append(digits);
            } else if (decimalPoint >= digits.length()) {
                out.append(digits);
                out.append("0".repeat(decimalPoint - digits.length()));
                out.append(".0");
            } else {
                out.append(digits, 0, decimalPoint).append('.').append(digits, decimalPoint, digits.length());
            }
        } else {
            int exponent = decimalPoint - 1;
            out.append(digits.charAt(0));
            if (digits.length() > 1) {
                out.append('.').append(digits, 1, digits.length());
            }
            out.append('e').append(exponent < 0 ? '-' : '+');
            int abs = Math.abs(exponent);
            if (abs < 10) {
                out.append('0');
            }
            out.append(abs);
        }
        return out.toString();
    }

    /**
     * The shortest decimal that rounds back to {@code value}, and of those the closest. Rounding
     * the exact binary value to p digits gives the closest p-digit decimal; just above a power of
     * two the round-trip interval is lopsided, so the neighbours on either side are tried too.
     */
    private static BigDecimal shortestDecimal(double value) {
        BigDecimal exact = new BigDecimal(value);
        for (int precision = 1; precision <= 17; precision++) {
            BigDecimal nearest = exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
            if (nearest.doubleValue() == value) {
                return nearest;
            }
            BigDecimal down = exact.round(new MathContext(precision, RoundingMode.FLOOR));
            BigDecimal up = exact.round(new MathContext(precision, RoundingMode.CEILING));
            boolean downOk = down.doubleValue() == value;
            boolean upOk = up.doubleValue() == value;
            if (downOk && upOk) {
                return exact.subtract(down).compareTo(up.subtract(exact)) <= 0 ? down : up;
            }
            if (downOk) {
                return down;
            }
            if (upOk) {
                return up;
            }
        }
        return exact.round(new MathContext(17, RoundingMode.HALF_EVEN));
    }

    /** Python orders strings by code point; Java's {@code compareTo} by UTF-16 unit (they differ beyond U+FFFF). */
    public static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
