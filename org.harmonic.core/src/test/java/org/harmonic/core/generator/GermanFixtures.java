package org.harmonic.core.generator;

import java.nio.file.Path;
import java.util.List;

import org.harmonic.core.TestData;
import org.harmonic.core.knn.InstructionBuilder;
import org.harmonic.core.knn.InstructionConfig;
import org.harmonic.core.knn.InstructionExample;
import org.harmonic.core.knn.InstructionSet;
import org.harmonic.core.lm.train.TrainingConfig;
import org.harmonic.core.table.CsvTableReader;
import org.harmonic.core.table.Table;
import org.harmonic.core.table.TableProfile;
import org.harmonic.core.util.Progress;

/** German credit instructions and tiny generators fitted on them, for tests. */
public final class GermanFixtures {
    public static final Table GERMAN = new CsvTableReader().read(TestData.resource("data/german_train.csv"));
    /**
     * The default preset's instructions as the tests using them were calibrated (the label in the distance,
     * the lift filter), pinned so that a change of the default's neighbourhoods does not move their
     * scenarios (a held-out plateau within the plan, float sums within a tolerance).
     */
    public static final InstructionSet INSTRUCTIONS = new InstructionBuilder().build(GERMAN,
            InstructionConfig.of(InstructionConfig.Preset.DEFAULT, "status").withDescription("user credit scores")
                    .withFilter(org.harmonic.core.knn.FilterMode.LIFT)
                    .withNeighboursBy(org.harmonic.core.knn.NeighbourBasis.FEATURES_AND_LABEL)
                    .withPromptCount(0), Progress.none());

    private GermanFixtures() {
    }

    /** Fits a tiny default-architecture generator on the first {@code examples} instructions. */
    public static GeneratorInfo fitTiny(Path out, int examples, TrainingConfig training) {
        List<InstructionExample> subset = INSTRUCTIONS.training().subList(0, examples);
        return new FineTuner().fit(new FineTuner.Request(subset, TableProfile.of(GERMAN, "status"),
                INSTRUCTIONS.config(), null, training, "cpu", DefaultGenerator.Size.tiny()), out, Progress.none());
    }
}
