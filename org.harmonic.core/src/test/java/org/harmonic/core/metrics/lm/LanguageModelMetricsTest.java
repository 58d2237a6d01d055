package org.harmonic.core.metrics.lm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.harmonic.core.generator.Generator;
import org.harmonic.core.generator.GeneratorDirectory;
import org.harmonic.core.generator.GermanFixtures;
import org.harmonic.core.lm.train.TrainingConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.harmonic.core.metrics.Metric;

/** The generator's harmonic.json comes with a shared generator: its baseModel is reported, never opened. */
class LanguageModelMetricsTest {

    @TempDir
    Path dir;

    @Test
    void lleNeverFineTunesTheBaseThatHarmonicJsonNames() throws IOException {
        Path generator = dir.resolve("generator");
        GermanFixtures.fitTiny(generator, 16, TrainingConfig.defaults().withEpochs(1).withBatchSize(8));
        // a hand-edited harmonic.json pointing at a directory that exists and is not the user's choice
        Path elsewhere = Files.createDirectories(dir.resolve("someone-elses-files"));
        Path info = generator.resolve(GeneratorDirectory.INFO);
        Files.writeString(info, Files.readString(info).replace("\"baseModel\" : \"default\"",
                "\"baseModel\" : " + new com.fasterxml.jackson.databind.ObjectMapper()
                        .writeValueAsString(elsewhere.toString())));
        try (Generator g = Generator.open(generator, "cpu")) {
            assertEquals(elsewhere.toString(), g.info().baseModel());
            LanguageModelMetrics.Options options = LanguageModelMetrics.Options.defaults();
            List<Metric> metrics = LanguageModelMetrics.forGenerator(g, true, options);
            LlmEffectiveness lle = (LlmEffectiveness) metrics.get(1);
            assertNull(lle.settings().baseModel());
            String note = LanguageModelMetrics.untrustedBaseNote(g, options);
            assertTrue(note.contains(elsewhere.toString()) && note.contains("--lle-base"), note);

            // the user's own choice is used, and then there is nothing to note
            LanguageModelMetrics.Options chosen = new LanguageModelMetrics.Options(options.dlt(),
                    options.lle().withBaseModel(elsewhere));
            assertEquals(elsewhere, ((LlmEffectiveness) LanguageModelMetrics.forGenerator(g, true, chosen).get(1))
                    .settings().baseModel());
            assertNull(LanguageModelMetrics.untrustedBaseNote(g, chosen));
        }
    }
}
