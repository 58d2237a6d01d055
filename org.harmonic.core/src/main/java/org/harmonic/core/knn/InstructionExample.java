package org.harmonic.core.knn;

/**
 * One instruction: a prompt showing k neighbour rows and, for training examples, the answer
 * (the target row's JSON); generation prompts have an empty answer.
 *
 * @param targetRow    training row the answer shows, or -1 for a generation prompt
 * @param exampleRows  rows shown in the prompt, in prompt order
 * @param columnOrder  column order used in every row of this instruction
 * @param prompt       the human text
 * @param answer       the assistant text
 */
public record InstructionExample(int targetRow, int[] exampleRows, int[] columnOrder, String prompt, String answer) {
}
