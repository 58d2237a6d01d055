package org.harmonic.core.generator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.harmonic.core.lm.train.DpConfig;
import org.harmonic.core.lm.train.StoppingRule;
import org.harmonic.core.lm.train.TrainingConfig;
import org.harmonic.core.util.HarmonicInputException;
import org.harmonic.core.util.Seeds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --candidates}: several trainings, the one with the lowest loss on the same held-out instructions
 * kept. Tiny models on 64 German credit instructions (8 held out), a few seconds each.
 */
class CandidateTrainingsTest {

    @TempDir
    Path dir;

    /** A short training that evaluates its held-out instructions (stops at their plateau or its 40 steps). */
    private static TrainingConfig training() {
        return TrainingConfig.defaults().withEpochs(8).withBatchSize(8)
                .withStopping(new StoppingRule(0.1, 10, 2, 0, 40, 0));
    }

    @Test
    void keepsTheTrainingWithTheLowestHeldOutLossAmongTrainingsScoredOnTheSameRows() throws IOException {
        GeneratorInfo chosen = GermanFixtures.fitTiny(dir.resolve("chosen"), 64, training().withCandidates(2));
        List<GeneratorInfo.Candidate> candidates = chosen.training().candidates();
        assertEquals(2, candidates.size());
        assertEquals(List.of(416L, Seeds.candidateTraining(416, 1)),
                candidates.stream().map(GeneratorInfo.Candidate::seed).toList());
        GeneratorInfo.Candidate best = candidates.stream()
                .min((a, b) -> Double.compare(a.heldOutLoss(), b.heldOutLoss())).orElseThrow();
        assertEquals(List.of(best), candidates.stream().filter(GeneratorInfo.Candidate::chosen).toList());
        assertEquals(best.seed(), chosen.training().seed());
        assertEquals(best.heldOutLoss(), chosen.training().heldOutLoss());
        // the trainings differ (else there is nothing to choose)
        assertNotEquals(candidates.get(0).heldOutLoss(), candidates.get(1).heldOutLoss());

        // every candidate is the one training its seed gives, scored on the job seed's held-out rows: the first
        // is the generator of one training; a later one trains as --seed <its seed> would, held out apart
        GeneratorInfo first = GermanFixtures.fitTiny(dir.resolve("first"), 64, training());
        assertNull(first.training().candidates());
        assertFalse(Files.readString(dir.resolve("first").resolve(GeneratorDirectory.INFO)).contains("candidates"),
                "harmonic.json of one training says nothing of candidates");
        assertEquals(candidates.get(0).heldOutLoss(), first.training().heldOutLoss());
        assertEquals(candidates.get(0).steps(), first.training().steps());
        GeneratorInfo alone = GermanFixtures.fitTiny(dir.resolve("alone"), 64,
                training().withSeed(candidates.get(1).seed()));
        assertNotEquals(candidates.get(1).heldOutLoss(), alone.training().heldOutLoss(),
                "the second candidate is scored on the job seed's held-out rows, not on those its own seed holds out");
        if (best.seed() == 416L) {
            assertArrayEquals(weights("first"), weights("chosen"));
        } else {
            assertFalse(Arrays.equals(weights("first"), weights("chosen")));
        }
        assertEquals(chosen, GeneratorDirectory.readInfo(dir.resolve("chosen")));
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of(), left.filter(p -> p.getFileName().toString().endsWith(".part")).toList(),
                    "no candidate's staging directory is left behind");
        }
    }

    @Test
    void candidatesNeedHeldOutInstructionsToChooseBy() {
        HarmonicInputException tooFew = assertThrows(HarmonicInputException.class,
                () -> GermanFixtures.fitTiny(dir.resolve("few"), 32, training().withCandidates(2)));
        assertTrue(tooFew.getMessage().contains("32 instructions are too few"), tooFew.getMessage());
        HarmonicInputException none = assertThrows(HarmonicInputException.class,
                () -> GermanFixtures.fitTiny(dir.resolve("none"), 64,
                        training().withStopping(StoppingRule.none()).withCandidates(2)));
        assertTrue(none.getMessage().contains("holds nothing out"), none.getMessage());
        HarmonicInputException dp = assertThrows(HarmonicInputException.class,
                () -> GermanFixtures.fitTiny(dir.resolve("dp"), 64,
                        training().withPrivacy(DpConfig.epsilon(8)).withCandidates(2)));
        assertTrue(dp.getMessage().contains("DP"), dp.getMessage());
        assertTrue(!Files.exists(dir.resolve("few")) && !Files.exists(dir.resolve("none"))
                && !Files.exists(dir.resolve("dp")), "nothing is written before the check");
        assertThrows(HarmonicInputException.class,
                () -> training().withCandidates(TrainingConfig.MAX_CANDIDATES + 1));
    }

    private byte[] weights(String generator) throws IOException {
        return Files.readAllBytes(dir.resolve(generator).resolve(GeneratorDirectory.WEIGHTS));
    }
}
