package org.harmonic.core.lm.train;

import java.util.List;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import org.harmonic.core.lm.model.CausalLm;

/**
 * Causal-LM cross-entropy on answer tokens only (the prompt is context, method.md B 4.2): the
 * logits at position t score token t+1, and only answer positions carry weight. Weights are
 * 1 / (targets of the whole optimizer step), so accumulated micro-batches sum to the mean.
 * Every constant is an NDArray in the step's manager: Number arguments inside autograd hand
 * PyTorch a scalar that may be freed before backward (notes-djl-offline.md, gotcha 1).
 */
final class AnswerLoss {

    private AnswerLoss() {
    }

    static NDArray of(CausalLm model, NDManager m, List<TrainingExample> examples, int[] micro, int padToken,
            long stepTargets) {
        int batch = micro.length;
        int length = 0;
        for (int i : micro) {
            length = Math.max(length, examples.get(i).length());
        }
        int[][] ids = new int[batch][length];
        int[][] mask = new int[batch][length];
        long[] next = new long[batch * length];
        float[] weight = new float[batch * length];
        float w = (float) (1.0 / stepTargets);
        for (int b = 0; b < batch; b++) {
            TrainingExample e = examples.get(micro[b]);
            java.util.Arrays.fill(ids[b], padToken);
            System.arraycopy(e.ids(), 0, ids[b], 0, e.length());
            for (int t = 0; t < length; t++) {
                mask[b][t] = t < e.length() ? 1 : 0;
                // position t predicts token t+1, which is an answer token from answerStart on
                if (t + 1 < e.length() && t + 1 >= e.answerStart()) {
                    next[b * length + t] = e.ids()[t + 1];
                    weight[b * length + t] = w;
                }
            }
        }
        NDArray logits = model.forward(m, ids, mask, true); // (B, T, V)
        long vocab = logits.getShape().get(2);
        NDArray logProbs = logits.reshape(batch * (long) length, vocab).logSoftmax(1); // (B*T, V)
        NDArray targets = m.create(next, new Shape(batch * (long) length, 1));
        NDArray picked = logProbs.gather(targets, 1).reshape(batch * (long) length); // (B*T)
        NDArray weights = m.create(weight, new Shape(batch * (long) length));
        return picked.mul(weights).sum().neg();
    }
}
