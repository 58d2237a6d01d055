package org.harmonic.core.util;

/**
 * JSON string quoting exactly as Python's {@code json.dumps(..., ensure_ascii=False)} does it,
 * so files written here equal the reference's byte for byte: {@code "} and {@code \} escaped,
 * control characters as {@code \n}, {@code \r}, {@code \t}, {@code \b}, {@code \f} or
 * {@code \\u00XX} (lower-case hex), everything else (non-ASCII included) verbatim.
 */
public final class PythonJson {

    private PythonJson() {
    }

    public static String quote(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        quote(text, out);
        return out.toString();
    }

    public static void quote(String text, StringBuilder out) {
        out.append('"');
        int plain = 0; // start of the run of characters that need no escaping
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\') {
                continue;
            }
            out.append(text, plain, i);
            plain = i + 1;
            switch (c) {
                case '"': out.append("\\\""); break;
                case '\\': out.append("\\\\"); break;
                case '\n': out.append("\\n"); break;
                case '\r': out.append("\\r"); break;
                case '\t': out.append("\\t"); break;
                case '\b': out.append("\\b"); break;
                case '\f': out.append("\\f"); break;
                default: out.append(String.format("\\u%04x", (int) c));
            }
        }
        out.append(text, plain, text.length());
        out.append('"');
    }
}
