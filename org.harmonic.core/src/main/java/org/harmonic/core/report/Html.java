package org.harmonic.core.report;

import java.util.Locale;

/** Escaping and number formatting for the HTML report. */
final class Html {

    private Html() {
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&': out.append("&amp;"); break;
                case '<': out.append("&lt;"); break;
                case '>': out.append("&gt;"); break;
                case '"': out.append("&quot;"); break;
                case '\'': out.append("&#39;"); break;
                default: out.append(c);
            }
        }
        return out.toString();
    }

    /** 4 significant decimals, or "n/a" for null / NaN. */
    static String num(Double v) {
        if (v == null || v.isNaN()) {
            return "n/a";
        }
        double a = Math.abs(v);
        if (a != 0 && (a < 1e-3 || a >= 1e6)) {
            return String.format(Locale.ROOT, "%.3e", v);
        }
        return String.format(Locale.ROOT, "%.4f", v);
    }

    /** Short axis label of a number. */
    static String tick(double v) {
        double a = Math.abs(v);
        if (a >= 1e5 || (a != 0 && a < 1e-2)) {
            return String.format(Locale.ROOT, "%.2g", v);
        }
        if (a >= 100 || v == Math.rint(v)) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }

    static String percent(double v) {
        return String.format(Locale.ROOT, "%.1f %%", 100 * v);
    }

    /** Truncates long column names for axis labels (the full name goes into a tooltip). */
    static String shorten(String name, int max) {
        return name.length() <= max ? name : name.substring(0, max - 1) + "\u2026";
    }
}
