package org.harmonic.core.api;

import java.util.Arrays;

import org.harmonic.core.knn.InstructionExample;

/**
 * One row of an instruction table, as the KNN Instruction Builder writes it and the LLM Fine-Tuner reads it.
 *
 * @param targetRow   position of the real row the answer shows, or -1 (a generation prompt, or unknown)
 * @param exampleRows positions of the real rows the prompt shows, in prompt order (empty when unknown)
 * @param prompt      the prompt text
 * @param answer      the answer (a JSON row); empty for a generation prompt
 */
public record Instruction(int targetRow, int[] exampleRows, String prompt, String answer) {

    public Instruction {
        exampleRows = exampleRows.clone();
    }

    @Override
    public int[] exampleRows() {
        return exampleRows.clone();
    }

    static Instruction of(InstructionExample e) {
        return new Instruction(e.targetRow(), e.exampleRows(), e.prompt(), e.answer());
    }

    /** The engine's form: the column order is not part of an instruction table (the rows' keys show it). */
    InstructionExample toExample() {
        return new InstructionExample(targetRow, exampleRows, new int[0], prompt, answer);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Instruction i && i.targetRow == targetRow && Arrays.equals(i.exampleRows, exampleRows)
                && i.prompt.equals(prompt) && i.answer.equals(answer);
    }

    @Override
    public int hashCode() {
        return (31 * targetRow + Arrays.hashCode(exampleRows)) * 31 + prompt.hashCode();
    }

    @Override
    public String toString() {
        return "Instruction[targetRow=" + targetRow + ", exampleRows=" + Arrays.toString(exampleRows) + ", prompt="
                + prompt + ", answer=" + answer + "]";
    }
}
