package org.harmonic.core.generator;

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

    /**
     * The weight of each target token of {@code example} (from its loss start; the end token last).
     * The bytes of every token before the end token are read as one text, so the quoted values of
     * the prompt's rows count as values too when the loss covers them ({@code LossScope.SEQUENCE}).
     */
    static float[] weights(HfTokenizer tokenizer, TrainingExample example, double alpha) {
        int[] ids = example.ids();
        java.io.ByteArrayOutputStream text = new java.io.ByteArrayOutputStream();
        int[] offsets = new int[ids.length + 1];
        for (int i = 0; i < ids.length; i++) {
            offsets[i] = text.size();
            if (i < ids.length - 1) { // the last is the end token, which has no text
                text.writeBytes(tokenizer.tokenBytes(ids[i]));
            }
        }
        offsets[ids.length] = text.size();
        boolean[] value = valueBytes(text.toByteArray());
        float[] out = new float[example.targetCount()];
        for (int i = 0; i < out.length; i++) {
            int token = example.lossStart() + i;
            boolean isValue = false;
            for (int b = offsets[token]; b < offsets[token + 1]; b++) {
                isValue |= value[b];
            }
            out[i] = (float) (isValue ? alpha : 1 - alpha);
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
