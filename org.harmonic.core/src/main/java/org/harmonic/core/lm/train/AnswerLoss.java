package org.harmonic.core.lm.train;

import java.util.List;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import org.harmonic.core.lm.model.CausalLm;

/**
 * Causal-LM cross-entropy on an instruction's target tokens: the answer only (the prompt is
 * context, method.md B 4.2) or, with {@link LossScope#SEQUENCE}, every row of it; the logits at
 * position t score token t+1, and only target positions carry weight. Weights are
 * 1 / (targets of the whole optimizer step), so accumulated micro-batches sum to the mean.
 * Examples that carry per-token weights (the weighted loss of DP-LLMTGen) scale each token's term.
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
        int targets = 0;
        for (int i : micro) {
            length = Math.max(length, examples.get(i).length());
            targets += examples.get(i).targetCount();
        }
        int[][] ids = new int[batch][length];
        int[][] mask = new int[batch][length];
        long[] positions = new long[targets];
        long[] next = new long[targets];
        float[] tokenWeights = null;
        int n = 0;
        for (int b = 0; b < batch; b++) {
            TrainingExample e = examples.get(micro[b]);
            java.util.Arrays.fill(ids[b], padToken);
            System.arraycopy(e.ids(), 0, ids[b], 0, e.length());
            java.util.Arrays.fill(mask[b], 0, e.length(), 1);
            // position t predicts token t+1, which is a target from lossStart on
            for (int t = e.lossStart() - 1; t + 1 < e.length(); t++) {
                if (e.weights() != null) {
                    if (tokenWeights == null) {
                        tokenWeights = new float[targets];
                        java.util.Arrays.fill(tokenWeights, 0, n, 1f);
                    }
                    tokenWeights[n] = e.weights()[t + 1 - e.lossStart()];
                } else if (tokenWeights != null) {
                    tokenWeights[n] = 1f;
                }
                positions[n] = (long) b * length + t;
                next[n++] = e.ids()[t + 1];
            }
        }
        NDArray logits = model.forwardAt(m, ids, mask, positions, true); // (N, V), target positions only
        NDArray logProbs = logits.logSoftmax(1);
        NDArray picked = logProbs.gather(m.create(next, new Shape(n, 1)), 1); // (N, 1)
        if (tokenWeights != null) { // DP-LLMTGen's weighted loss: value tokens alpha, format tokens 1 - alpha
            picked = picked.mul(m.create(tokenWeights, new Shape(n, 1)));
        }
        // the weight is an NDArray in the step's manager, never a Number (scalar use-after-free)
        NDArray weight = m.create(new float[] {(float) (1.0 / stepTargets)});
        return picked.sum().mul(weight).neg();
    }
}
