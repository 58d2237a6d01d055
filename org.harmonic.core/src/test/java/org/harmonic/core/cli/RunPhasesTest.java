package org.harmonic.core.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.harmonic.core.metrics.LlmEffectiveness;
import org.harmonic.core.metrics.Metric;
import org.junit.jupiter.api.Test;

class RunPhasesTest {

    @Test
    void germanCreditsPhasesFollowItsMeasuredSeconds() {
        // the README main job at commit 1f5a074: training 862 s (2,058 steps of 4; 510-token instructions, now
        // 384), sampling 186 s (now shorter too), evaluation with LLE 190 s, of which LLE 175 s
        Metric.Size size = new Metric.Size(700, 700, 21);
        double evaluation = 15 + LlmEffectiveness.costOf(size, 10);
        assertEquals(175, LlmEffectiveness.costOf(size, 10), 1e-9);
        RunPhases p = RunPhases.estimate(2058L * 4, 700, 700, 21, evaluation);
        double training = p.trainingEnd() - p.instructionsEnd();
        double synthesis = p.synthesisEnd() - p.trainingEnd();
        double rest = 1 - p.synthesisEnd();
        assertTrue(training > 0.6 && training < 0.75, "training " + training);
        assertTrue(synthesis > 0.1 && synthesis < 0.2, "synthesis " + synthesis);
        assertTrue(rest > 0.1 && rest < 0.25, "evaluation " + rest);
        assertTrue(p.instructionsEnd() < 0.01);
    }

    @Test
    void aLargeTablesSamplingGetsItsShare() {
        // the 26k-row table: 18,735 planned steps of 4, 26k rows to sample, 14 columns
        RunPhases p = RunPhases.estimate(18_735L * 4, 26_000, 26_000, 14, 0);
        double synthesis = p.synthesisEnd() - p.trainingEnd();
        assertTrue(synthesis > 0.35, "sampling 26k rows is a large part of the run: " + synthesis);
    }
}
