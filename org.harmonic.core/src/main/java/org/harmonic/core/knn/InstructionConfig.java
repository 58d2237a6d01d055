package org.harmonic.core.knn;

import org.harmonic.core.neighbours.CategoricalEncoding;
import org.harmonic.core.util.HarmonicInputException;

/**
 * Settings of the KNN Instruction Builder (method.md A.1, B 3).
 *
 * @param target            name of the label column (placed last in every row)
 * @param description       what the table is about, for the header ("user credit scores")
 * @param task              prediction task; null means inferred from the target column
 * @param k                 neighbours per instruction (1..9: the reference's number words)
 * @param seed              seed of prompts and permutations
 * @param filter            label-consistency filter
 * @param encoding          categorical encoding in the distance
 * @param permute           per-instruction feature permutation (the paper's; off in the reference)
 * @param prompts           how generation prompts are drawn
 * @param promptCount       number of generation prompts; -1 means one per training row
 * @param referenceSelfDrop drop the first returned neighbour as "self" (the reference; wrong with
 *                          duplicate rows) instead of excluding the row's own index
 * @param neighboursBy      what the neighbour distance measures; null (a generator written before the
 *                          option existed) means {@link NeighbourBasis#FEATURES_AND_LABEL}, as it was then
 */
public record InstructionConfig(
        String target,
        String description,
        TaskType task,
        int k,
        long seed,
        FilterMode filter,
        CategoricalEncoding encoding,
        boolean permute,
        PromptStrategy prompts,
        int promptCount,
        boolean referenceSelfDrop,
        NeighbourBasis neighboursBy) {

    public static final int DEFAULT_K = 5;
    public static final long DEFAULT_SEED = 416;
    static final String[] NUMBER_WORDS = {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine"};

    public InstructionConfig {
        if (neighboursBy == null) {
            neighboursBy = NeighbourBasis.FEATURES_AND_LABEL;
        }
        if (target == null || target.isEmpty()) {
            throw new HarmonicInputException("no target column given; name the label column (--target)");
        }
        if (k < 1 || k > NUMBER_WORDS.length) {
            throw new HarmonicInputException("k = " + k + " is out of range; use 1 to " + NUMBER_WORDS.length
                    + " neighbours (the prompt names them 'one' to 'nine')");
        }
        if (promptCount < -1) {
            throw new HarmonicInputException("the number of prompts must be positive, got " + promptCount);
        }
    }

    /** Named presets. */
    public enum Preset {
        /** Exactly the reference implementation: random-row prompts with numpy seeding. */
        REFERENCE,
        /**
         * The automatic label filter ({@link FilterMode#AUTO}: the reference's neighbourhoods kept by the lift
         * filter instead of the reference's vote, unless the neighbours miss what decides the label), re-sampled
         * neighbour prompts and self excluded by index.
         */
        DEFAULT;

        public static Preset parse(String text) {
            for (Preset p : values()) {
                if (p.name().equalsIgnoreCase(text.trim())) {
                    return p;
                }
            }
            throw new HarmonicInputException("unknown preset '" + text + "'; use reference or default");
        }
    }

    /** A preset's settings for this target; description and task are filled in later if null. */
    public static InstructionConfig of(Preset preset, String target) {
        boolean reference = preset == Preset.REFERENCE;
        return new InstructionConfig(target, null, null, DEFAULT_K, DEFAULT_SEED,
                reference ? FilterMode.REFERENCE : FilterMode.AUTO, CategoricalEncoding.LABEL, false,
                reference ? PromptStrategy.REFERENCE_RANDOM_ROWS : PromptStrategy.RESAMPLED_NEIGHBOURS, -1,
                reference, NeighbourBasis.FEATURES_AND_LABEL);
    }

    public InstructionConfig withDescription(String value) {
        return new InstructionConfig(target, value, task, k, seed, filter, encoding, permute, prompts, promptCount,
                referenceSelfDrop, neighboursBy);
    }

    public InstructionConfig withTask(TaskType value) {
        return new InstructionConfig(target, description, value, k, seed, filter, encoding, permute, prompts,
                promptCount, referenceSelfDrop, neighboursBy);
    }

    public InstructionConfig withK(int value) {
        return new InstructionConfig(target, description, task, value, seed, filter, encoding, permute, prompts,
                promptCount, referenceSelfDrop, neighboursBy);
    }

    public InstructionConfig withSeed(long value) {
        return new InstructionConfig(target, description, task, k, value, filter, encoding, permute, prompts,
                promptCount, referenceSelfDrop, neighboursBy);
    }

    public InstructionConfig withFilter(FilterMode value) {
        return new InstructionConfig(target, description, task, k, seed, value, encoding, permute, prompts,
                promptCount, referenceSelfDrop, neighboursBy);
    }

    public InstructionConfig withEncoding(CategoricalEncoding value) {
        return new InstructionConfig(target, description, task, k, seed, filter, value, permute, prompts,
                promptCount, referenceSelfDrop, neighboursBy);
    }

    public InstructionConfig withPermute(boolean value) {
        return new InstructionConfig(target, description, task, k, seed, filter, encoding, value, prompts,
                promptCount, referenceSelfDrop, neighboursBy);
    }

    public InstructionConfig withPrompts(PromptStrategy value) {
        return new InstructionConfig(target, description, task, k, seed, filter, encoding, permute, value,
                promptCount, referenceSelfDrop, neighboursBy);
    }

    public InstructionConfig withPromptCount(int value) {
        return new InstructionConfig(target, description, task, k, seed, filter, encoding, permute, prompts,
                value, referenceSelfDrop, neighboursBy);
    }

    public InstructionConfig withNeighboursBy(NeighbourBasis value) {
        return new InstructionConfig(target, description, task, k, seed, filter, encoding, permute, prompts,
                promptCount, referenceSelfDrop, value);
    }
}
