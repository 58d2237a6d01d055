package org.harmonic.core.lm.train;

import java.util.List;

/**
 * The training examples as each epoch sees them: the same instructions every epoch, possibly in
 * another form (a fresh order of the neighbour rows in the prompt, built when a step needs it, so
 * no epoch's copy is held in memory).
 */
public interface EpochExamples {

    /** Instructions per epoch. */
    int size();

    /** Instruction {@code index} as epoch {@code epoch} (from 0) trains on it. */
    TrainingExample get(int epoch, int index);

    /** The same examples every epoch. */
    static EpochExamples of(List<TrainingExample> examples) {
        return new EpochExamples() {
            @Override
            public int size() {
                return examples.size();
            }

            @Override
            public TrainingExample get(int epoch, int index) {
                return examples.get(index);
            }
        };
    }
}
