package org.harmonic.core.knn;

import java.util.List;
import java.util.Map;

/**
 * What the KNN Instruction Builder produces.
 *
 * @param config        the settings used, with description and task resolved
 * @param training      training examples, in training-file order of their target rows
 * @param prompts       generation prompts (empty answers)
 * @param rows          training rows
 * @param keptByLabel   kept training examples per target label text (classification)
 * @param droppedByLabel groups the label filter dropped, per target label text
 */
public record InstructionSet(InstructionConfig config, List<InstructionExample> training,
        List<InstructionExample> prompts, int rows, Map<String, Integer> keptByLabel,
        Map<String, Integer> droppedByLabel) {

    public InstructionSet {
        training = List.copyOf(training);
        prompts = List.copyOf(prompts);
        keptByLabel = Map.copyOf(keptByLabel);
        droppedByLabel = Map.copyOf(droppedByLabel);
    }
}
