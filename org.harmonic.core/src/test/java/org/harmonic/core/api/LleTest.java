package org.harmonic.core.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.harmonic.core.metrics.lm.LlmEffectiveness;
import org.harmonic.core.util.JsonText;
import org.junit.jupiter.api.Test;

class LleTest {

    @Test
    void theSyntheticScoresCarryTheRatioOfTheirMccToTheOriginalsAndBothTheirDetails() {
        LlmEffectiveness.Scores syn = new LlmEffectiveness.Scores(0.3, 0.7, 0.75, new long[][] {{30, 5}, {5, 0}}, 64,
                0.9, 0.4, 0.6, 1, 1.5);
        LlmEffectiveness.Scores orig = new LlmEffectiveness.Scores(0.6, 0.8, 0.85, new long[][] {{31, 4}, {2, 3}}, 64,
                0.9, 0.3, 0.6, 2, 1.4);
        LlmEffectiveness.Result result = new LlmEffectiveness.Result(syn, orig, List.of("0", "1"),
                List.of("good", "bad"), 40, "Predict", "tiny", 7, 2, LlmEffectiveness.Decision.PRIOR_CORRECTED,
                List.of("a note"));

        Lle.Result api = Lle.of(result, List.of("a warning"));

        assertEquals(2, api.scores().size());
        Lle.Scores synthetic = api.scores().get(0);
        Lle.Scores original = api.scores().get(1);
        assertEquals(Lle.SYNTHETIC, synthetic.source());
        assertEquals(Lle.ORIGINAL, original.source());
        assertEquals(0.5, synthetic.ratio(), 1e-12);
        assertNull(original.ratio(), "the original's ratio to itself says nothing");
        assertEquals(0.3, synthetic.mcc(), 1e-12);
        assertEquals(0.85, original.accuracy(), 1e-12);
        assertEquals(64, original.trainingRows());
        assertEquals(40, api.testRows());
        assertEquals(List.of("a note"), api.notes());
        assertEquals(List.of("a warning"), api.warnings());
        Map<String, Object> details = JsonText.parseObject(original.detailsJson(), "details");
        assertEquals(List.of("0", "1"), details.get("classes"));
        assertEquals(List.of("good", "bad"), details.get("label_words"));
        assertEquals("tiny", details.get("model"));
        assertEquals(2, ((Number) details.get("trainings")).intValue(), "trainings a classifier took");
        assertEquals(0.6, ((Number) details.get("label_share_loss")).doubleValue(), 1e-12);
        assertTrue(JsonText.parseObject(synthetic.detailsJson(), "details").containsKey("notes"));
    }
}
