package org.harmonic.core.generator;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import org.harmonic.core.util.Seeds;
import org.harmonic.core.knn.InstructionExample;
import org.harmonic.core.knn.PromptTemplate;
import org.harmonic.core.lm.ChatFormat;
import org.harmonic.core.lm.tokenizer.HfTokenizer;
import org.harmonic.core.lm.train.TrainingExample;
import org.harmonic.core.util.Permutation;

/**
 * The held-out set of the stopping rule, kept apart by table row, not only by instruction. An
 * instruction's target row also appears as a neighbour in about k other instructions; with the
 * loss on every row of the sequence ({@code LossScope.SEQUENCE}) the model would learn to write
 * the held-out rows there, and the held-out loss would keep falling while the model memorises,
 * so the held-out score would never see over-fitting. So: the held-out instructions' target rows are
 * never targets anywhere; where they appear as neighbours of a training instruction they stay as
 * context and their tokens get loss weight 0. A training that ends when it has learned returns the
 * held-out instructions themselves for its decay, masked the same way; the masks elsewhere stay.
 */
final class HeldOutRows {
    private final boolean[] heldInstructions;
    private final Set<Integer> rows;

    private HeldOutRows(boolean[] heldInstructions, Set<Integer> rows) {
        this.heldInstructions = heldInstructions;
        this.rows = rows;
    }

    /** {@code count} instructions of {@code examples} drawn with a seeded shuffle (the same seed holds out the same). */
    static HeldOutRows choose(List<InstructionExample> examples, int count, long seed) {
        int n = examples.size();
        boolean[] held = new boolean[n];
        Set<Integer> rows = new HashSet<>();
        SplittableRandom random = new SplittableRandom(Seeds.heldOutRows(seed));
        int[] order = Permutation.shuffled(n, random);
        for (int i = 0; i < Math.min(count, n); i++) {
            held[order[i]] = true;
            if (examples.get(order[i]).targetRow() >= 0) { // instructions read from a KNIME table carry no row ids
                rows.add(examples.get(order[i]).targetRow());
            }
        }
        return new HeldOutRows(held, rows);
    }

    boolean isHeldOut(int instruction) {
        return heldInstructions[instruction];
    }

    /**
     * The training example with loss weight 0 on the tokens of every held-out row its prompt shows
     * (only where the loss covers the prompt). A prompt cut at the front to fit the context is
     * left as it is: its token offsets no longer start at the text's.
     */
    TrainingExample mask(TrainingExample example, InstructionExample instruction, HfTokenizer tokenizer) {
        if (rows.isEmpty() || example.lossStart() >= example.answerStart()) {
            return example;
        }
        int[] shown = instruction.exampleRows();
        boolean any = false;
        for (int r : shown) {
            any |= rows.contains(r);
        }
        if (!any) {
            return example;
        }
        String wrapped = ChatFormat.wrapPrompt(instruction.prompt());
        // token byte offsets; a truncated prompt would not spell the text from its start
        int[] ids = example.ids();
        long[] start = new long[example.answerStart() + 1];
        long offset = 0;
        for (int i = 0; i < example.answerStart(); i++) {
            start[i] = offset;
            offset += tokenizer.tokenBytes(ids[i]).length;
        }
        start[example.answerStart()] = offset;
        if (offset != wrapped.getBytes(StandardCharsets.UTF_8).length) {
            return example;
        }
        float[] weights = example.weights() != null ? example.weights().clone() : ones(example.targetCount());
        // the i-th "Example ...: {row}" line shows exampleRows[i]
        int line = 0;
        int from = 0;
        for (int e = 0; e < shown.length; e++) {
            int at = wrapped.indexOf("\n" + PromptTemplate.EXAMPLE_PREFIX, from);
            if (at < 0) {
                break;
            }
            at++; // the line starts after the newline
            int end = wrapped.indexOf('\n', at);
            end = end < 0 ? wrapped.length() : end + 1;
            if (rows.contains(shown[line])) {
                // the row itself, from its brace to the end of its line: the template's text around it
                // ("Example four: ", which the default tokenizer joins with the newline before it into
                // one token) says nothing about the row
                int rowFrom = wrapped.indexOf('{', at);
                int rowTo = end > at && wrapped.charAt(end - 1) == '\n' ? end - 1 : end;
                long byteFrom = wrapped.substring(0, rowFrom < 0 || rowFrom > rowTo ? at : rowFrom)
                        .getBytes(StandardCharsets.UTF_8).length;
                long byteTo = wrapped.substring(0, rowTo).getBytes(StandardCharsets.UTF_8).length;
                for (int t = example.lossStart(); t < example.answerStart(); t++) {
                    if (start[t] < byteTo && start[t + 1] > byteFrom) {
                        weights[t - example.lossStart()] = 0f;
                    }
                }
            }
            line++;
            from = end - 1; // the newline that ends this line starts the next
        }
        return example.withWeights(weights);
    }

    private static float[] ones(int n) {
        float[] out = new float[n];
        java.util.Arrays.fill(out, 1f);
        return out;
    }
}
