package org.harmonic.core.lm.tokenizer;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GPT-2's byte-level encoding as Hugging Face's {@code ByteLevel} pre-tokenizer and decoder
 * implement it: every byte maps to one printable character (printable Latin-1 bytes map to
 * themselves, the rest to U+0100 onwards, so a space becomes 'Ġ' and a newline 'Ċ'), and text is
 * split into words by GPT-2's regular expression before byte-level BPE applies.
 */
public final class ByteLevel {

    /**
     * GPT-2's split rule; {@code UNICODE_CHARACTER_CLASS} makes {@code \s} Unicode white space,
     * as in the Rust {@code regex} crate that Hugging Face uses.
     */
    static final Pattern SPLIT = Pattern.compile(
            "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+",
            Pattern.UNICODE_CHARACTER_CLASS);

    private static final char[] BYTE_TO_CHAR = new char[256];
    private static final int[] CHAR_TO_BYTE = new int[512];

    static {
        Arrays.fill(CHAR_TO_BYTE, -1);
        int next = 256;
        for (int b = 0; b < 256; b++) {
            boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            char c = (char) (printable ? b : next++);
            BYTE_TO_CHAR[b] = c;
            CHAR_TO_BYTE[c] = b;
        }
    }

    private ByteLevel() {
    }

    /** The character standing for one byte. */
    public static char charOf(int unsignedByte) {
        return BYTE_TO_CHAR[unsignedByte];
    }

    /** Byte-level string of some bytes (the form tokens have in a byte-level vocabulary). */
    public static String encode(byte[] bytes) {
        char[] out = new char[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            out[i] = BYTE_TO_CHAR[bytes[i] & 0xFF];
        }
        return new String(out);
    }

    /** Byte-level string of the UTF-8 bytes of {@code text}. */
    public static String encode(String text) {
        return encode(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The bytes a byte-level token string stands for, or null if it has a non byte-level char. */
    public static byte[] decode(String token) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(token.length());
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            int b = c < CHAR_TO_BYTE.length ? CHAR_TO_BYTE[c] : -1;
            if (b < 0) {
                return null;
            }
            out.write(b);
        }
        return out.toByteArray();
    }

    /** The words GPT-2's rule splits {@code text} into (before byte-level mapping). */
    public static List<String> split(String text) {
        List<String> words = new ArrayList<>();
        Matcher m = SPLIT.matcher(text);
        while (m.find()) {
            words.add(m.group());
        }
        return words;
    }
}
