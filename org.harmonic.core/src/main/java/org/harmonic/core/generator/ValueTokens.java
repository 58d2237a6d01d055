package org.harmonic.core.generator;

import java.nio.charset.StandardCharsets;

import org.harmonic.core.lm.tokenizer.HfTokenizer;
import org.harmonic.core.lm.train.TrainingExample;

/**
 * The weighted loss of DP-LLMTGen (method.md B 8): answer tokens that carry a value weigh alpha,
 * tokens of the fixed row template (braces, keys, quotes, separators, the end token) 1 - alpha.
 * A token is a value token when one of its bytes lies inside a quoted value of the answer
 * {@code {"key": "value", ...}}, a string that follows a colon.
 */
final class ValueTokens {

    private ValueTokens() {
    }

    static float[] weights(HfTokenizer tokenizer, TrainingExample example, String answer, double alpha) {
        boolean[] value = valueBytes(answer.getBytes(StandardCharsets.UTF_8));
        int n = example.targetCount();
        float[] out = new float[n];
        int offset = 0;
        for (int i = 0; i < n; i++) {
            int id = example.ids()[example.answerStart() + i];
            int length = i == n - 1 ? 0 : tokenizer.tokenBytes(id).length; // the last is the end token
            boolean isValue = false;
            for (int b = offset; b < Math.min(value.length, offset + length); b++) {
                isValue |= value[b];
            }
            out[i] = (float) (isValue ? alpha : 1 - alpha);
            offset += length;
        }
        return out;
    }

    /** Marks the bytes inside quoted strings that follow a colon (the values of a JSON object). */
    static boolean[] valueBytes(byte[] text) {
        boolean[] out = new boolean[text.length];
        boolean inString = false;
        boolean isValue = false;
        byte previous = 0; // last byte outside strings that is not a space
        for (int i = 0; i < text.length; i++) {
            byte c = text[i];
            if (inString) {
                if (c == '\\') {
                    out[i] = isValue;
                    if (i + 1 < text.length) {
                        out[++i] = isValue;
                    }
                } else if (c == '"') {
                    inString = false;
                    previous = c;
                } else {
                    out[i] = isValue;
                }
            } else if (c == '"') {
                inString = true;
                isValue = previous == ':';
            } else if (c != ' ') {
                previous = c;
            }
        }
        return out;
    }
}
