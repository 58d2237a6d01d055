package org.harmonic.core.api;

import java.util.ArrayList;
import java.util.List;

import org.harmonic.core.knn.InstructionBuilder;
import org.harmonic.core.knn.InstructionConfig;
import org.harmonic.core.knn.InstructionSet;
import org.harmonic.core.options.InstructionsOptions;
import org.harmonic.core.table.Table;
import org.harmonic.core.util.HarmonicInputException;
import org.harmonic.core.util.Progress;

/** The KNN Instruction Builder (method.md A.1): a table's rows as instructions that show each row's neighbours. */
public final class KnnInstructions {

    private KnnInstructions() {
    }

    /**
     * What the builder made.
     *
     * @param training     instructions with answers, for the LLM Fine-Tuner
     * @param prompts      generation prompts (empty answers)
     * @param notes        what the builder decided on its own (the automatic label filter, the rows it dropped)
     * @param filter       the label filter used, as {@code --filter} spells it (the LLM Fine-Tuner keeps it)
     * @param neighboursBy the neighbour search's basis, as {@code --neighbours-by} spells it
     */
    public record Result(List<Instruction> training, List<Instruction> prompts, List<String> notes, String filter,
            String neighboursBy) {
        public Result {
            training = List.copyOf(training);
            prompts = List.copyOf(prompts);
            notes = List.copyOf(notes);
        }
    }

    /**
     * Checks the options without a table.
     *
     * @throws HarmonicInputException naming the option and the fix
     */
    public static void check(InstructionsOptions options) {
        options.config(null);
    }

    /** Builds the instructions of {@code table} (a table carries no file name: the description defaults to "a table"). */
    public static Result build(Table table, InstructionsOptions options, Progress progress) {
        InstructionConfig config = options.config(null);
        InstructionSet set = new InstructionBuilder().build(table, config, progress);
        List<String> notes = new ArrayList<>();
        if (set.filterChoice() != null) {
            notes.add(set.filterChoice());
        }
        if (!set.droppedByLabel().isEmpty()) {
            notes.add("label filter kept " + set.keptByLabel() + ", dropped " + set.droppedByLabel());
        }
        return new Result(set.training().stream().map(Instruction::of).toList(),
                set.prompts().stream().map(Instruction::of).toList(), notes, set.config().filter().text(),
                set.config().neighboursBy().text());
    }
}
