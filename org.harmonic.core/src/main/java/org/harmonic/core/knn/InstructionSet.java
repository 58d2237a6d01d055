package org.harmonic.core.knn;

import java.util.List;
import java.util.Map;

import org.harmonic.core.util.HarmonicInputException;

/**
 * What the KNN Instruction Builder produces.
 *
 * @param config        the settings used, with description and task resolved
 * @param training      training examples, in training-file order of their target rows
 * @param prompts       generation prompts (empty answers)
 * @param rows          training rows
 * @param keptByLabel   kept training examples per target label text (classification)
 * @param droppedByLabel groups the label filter dropped, per target label text
 * @param identifierColumns text columns whose values are all distinct (identifiers), left out of the
 *                       neighbour distances (they would dominate them with arbitrary codes)
 * @param filterChoice  what the automatic label filter found and chose ({@link FilterMode#AUTO}), one line for
 *                      the log; null when the filter was given
 */
public record InstructionSet(InstructionConfig config, List<InstructionExample> training,
        List<InstructionExample> prompts, int rows, Map<String, Integer> keptByLabel,
        Map<String, Integer> droppedByLabel, List<String> identifierColumns, String filterChoice) {

    public InstructionSet(InstructionConfig config, List<InstructionExample> training,
            List<InstructionExample> prompts, int rows, Map<String, Integer> keptByLabel,
            Map<String, Integer> droppedByLabel) {
        this(config, training, prompts, rows, keptByLabel, droppedByLabel, List.of(), null);
    }

    public InstructionSet {
        identifierColumns = List.copyOf(identifierColumns);
        training = List.copyOf(training);
        prompts = List.copyOf(prompts);
        keptByLabel = Map.copyOf(keptByLabel);
        droppedByLabel = Map.copyOf(droppedByLabel);
    }

    /**
     * This set, when it has training examples. The builder itself returns an empty set (the
     * synthesizer builds prompts only and needs none); jobs that train or write instructions call
     * this first, so an all-dropping label filter is an error that says why, not an empty file.
     *
     * @throws HarmonicInputException when the label filter dropped every group
     */
    /** One warning line per identifier column left out of the distances (empty when there is none). */
    public List<String> warnings() {
        return identifierColumns.stream().map(c -> "column '" + c + "' has a different text value in every row (an "
                + "identifier?); it is left out of the neighbour distances but still generated: drop it from the "
                + "table if it identifies people or records").toList();
    }

    public InstructionSet requireTraining() {
        if (training.isEmpty()) {
            throw new HarmonicInputException("the label filter '"
                    + config.filter().text() + "' dropped all " + rows
                    + " instruction groups (by label: " + new java.util.TreeMap<>(droppedByLabel) + "): in no group do a row's "
                    + config.k() + " nearest neighbours mostly share its label, so there is nothing to train on. "
                    + "Keep every group with --filter none, or look for a column that dominates the distances "
                    + "(an identifier, a running number) and drop it");
        }
        return this;
    }
}
