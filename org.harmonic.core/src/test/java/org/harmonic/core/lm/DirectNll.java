package org.harmonic.core.lm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import org.harmonic.core.lm.model.CausalLm;

/** Token NLLs computed the long way, one unpadded sequence at a time, softmax in double. */
public final class DirectNll {

    private DirectNll() {
    }

    /** Sum of -ln p(token j | tokens before j) over j from {@code first} on, from raw forward logits. */
    public static double sum(CausalLm model, int[] sequence, int first) {
        float[] logits;
        int vocab = model.config().vocabSize();
        try (NDManager m = model.newManager()) {
            NDArray out = model.forward(m, new int[][] {sequence}, null, false);
            logits = out.toFloatArray();
        }
        double total = 0;
        for (int j = first; j < sequence.length; j++) {
            int row = (j - 1) * vocab;
            double max = Double.NEGATIVE_INFINITY;
            for (int v = 0; v < vocab; v++) {
                max = Math.max(max, logits[row + v]);
            }
            double z = 0;
            for (int v = 0; v < vocab; v++) {
                z += Math.exp(logits[row + v] - max);
            }
            total -= logits[row + sequence[j]] - max - Math.log(z);
        }
        return total;
    }

    /** exp(mean NLL) of {@code span} after {@code prefix} (the prefix is non-empty). */
    public static double perplexity(CausalLm model, int[] prefix, int[] span) {
        int[] seq = new int[prefix.length + span.length];
        System.arraycopy(prefix, 0, seq, 0, prefix.length);
        System.arraycopy(span, 0, seq, prefix.length, span.length);
        return Math.exp(sum(model, seq, prefix.length) / span.length);
    }
}
