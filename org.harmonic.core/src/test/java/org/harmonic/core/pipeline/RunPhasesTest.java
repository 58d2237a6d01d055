package org.harmonic.core.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.harmonic.core.generator.FineTuner;
import org.harmonic.core.generator.GermanFixtures;
import org.harmonic.core.lm.train.TrainingConfig;
import org.harmonic.core.metrics.EvaluationConfig;
import org.harmonic.core.metrics.lm.LlmEffectiveness;
import org.harmonic.core.metrics.Metric;
import org.harmonic.core.pipeline.HarmonicPipeline.LanguageModelChoice;
import org.harmonic.core.table.Table;
import org.junit.jupiter.api.Test;

class RunPhasesTest {

    @Test
    void germanCreditsPhasesFollowItsMeasuredSeconds() {
        // the README main job (docs/quality.md run 6): 494 s, of which training 308 s (2,058 steps of 4),
        // sampling 11 s, evaluation with LLE about 170 s (LLE 162 s)
        Metric.Size size = new Metric.Size(700, 700, 21);
        double evaluation = 15 + LlmEffectiveness.costOf(size, 10);
        assertEquals(175, LlmEffectiveness.costOf(size, 10), 1e-9);
        RunPhases p = RunPhases.estimate(2058L * 4, 700, 700, 21, evaluation);
        double training = p.trainingEnd() - p.instructionsEnd();
        double synthesis = p.synthesisEnd() - p.trainingEnd();
        double rest = 1 - p.synthesisEnd();
        assertEquals(308.0 / 494, training, 0.05, "training");
        assertEquals(11.0 / 494, synthesis, 0.02, "synthesis");
        assertEquals(175.0 / 494, rest, 0.05, "evaluation");
        assertTrue(p.instructionsEnd() < 0.01);
    }

    @Test
    void aLargeTablesSamplingGetsItsShare() {
        // the 26k-row table: 3,000 steps of 4 (the cap), 26k rows to sample, 14 columns
        RunPhases p = RunPhases.estimate(3_000L * 4, 26_000, 26_000, 14, 0);
        double synthesis = p.synthesisEnd() - p.trainingEnd();
        assertTrue(synthesis > 0.35, "sampling 26k rows is a large part of the run: " + synthesis);
    }

    @Test
    void aLargeTablesEvaluationDoesNotSwampTheBar() {
        // bench/scale: bank-full, 45,211 rows x 17 columns, 3,000 steps; training 522 s, sampling 605 s,
        // instructions and evaluation about 60 s together
        Metric.Size size = new Metric.Size(45_211, 45_211, 17);
        double evaluation = org.harmonic.core.metrics.evaluation.Evaluation.builtInCost(
                org.harmonic.core.metrics.evaluation.Evaluation.builtInIds(false), size,
                org.harmonic.core.metrics.EvaluationConfig.defaults());
        RunPhases p = RunPhases.estimate(3_000L * 4, 45_211, 45_211, 17, evaluation);
        assertTrue(1 - p.synthesisEnd() < 0.2, "evaluation " + (1 - p.synthesisEnd()) + " of the bar");
        assertTrue(p.synthesisEnd() - p.trainingEnd() > 0.4, "sampling " + (p.synthesisEnd() - p.trainingEnd()));
    }

    @Test
    void everyCandidateTrainingCountsInTheTrainingsShare() {
        // --candidates 2 trains twice: the bar's training phase must take the larger share it costs
        Table german = GermanFixtures.GERMAN;
        TrainingConfig one = FineTuner.defaultTraining(true, 587, null, null, null);
        EvaluationConfig settings = EvaluationConfig.defaults();
        RunPhases single = HarmonicPipeline.phases(one, 587, 700, german, true, LanguageModelChoice.ALL, settings);
        RunPhases twice = HarmonicPipeline.phases(one.withCandidates(2), 587, 700, german, true,
                LanguageModelChoice.ALL, settings);
        double t1 = single.trainingEnd() - single.instructionsEnd();
        double t2 = twice.trainingEnd() - twice.instructionsEnd();
        // shares of a total that grows with the training: s2 = 2x / (2x + r) where s1 = x / (x + r)
        assertEquals(2 * t1 / (1 + t1), t2, 1e-3);
    }
}
