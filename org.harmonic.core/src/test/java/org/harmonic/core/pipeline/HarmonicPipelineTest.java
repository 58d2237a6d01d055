package org.harmonic.core.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.harmonic.core.generator.PlantedDependencyTest;
import org.harmonic.core.knn.InstructionConfig;
import org.harmonic.core.knn.InstructionSet;
import org.harmonic.core.options.FitOptions;
import org.harmonic.core.options.OptionSpec.Front;
import org.harmonic.core.options.SynthesizeOptions;
import org.harmonic.core.pipeline.HarmonicPipeline.LanguageModelChoice;
import org.harmonic.core.synth.Chunk;
import org.harmonic.core.table.Table;
import org.harmonic.core.table.TableProfile;
import org.harmonic.core.util.HarmonicInputException;
import org.harmonic.core.util.Progress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HarmonicPipelineTest {

    @TempDir
    Path dir;

    private static FitOptions tiny() {
        return new FitOptions(Front.CLI, null, "tiny", 2, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null);
    }

    private HarmonicPipeline.Request request(Table real, Table test, SynthesizeOptions synthesis) {
        return request(real, test, synthesis, 1);
    }

    private HarmonicPipeline.Request request(Table real, Table test, SynthesizeOptions synthesis, int mleRepeats) {
        return new HarmonicPipeline.Request(real, test, TableProfile.of(real, "label"),
                InstructionConfig.of(InstructionConfig.Preset.DEFAULT, "label").withPromptCount(0), tiny(), synthesis,
                416, LanguageModelChoice.NONE, mleRepeats, dir.resolve("generator"));
    }

    @Test
    void runsEveryStepInTheMethodsOrderOnATinyModel() throws Exception {
        Table real = PlantedDependencyTest.plantedTable(dir.resolve("real.csv"), 120, 7);
        Table test = PlantedDependencyTest.plantedTable(dir.resolve("test.csv"), 60, 8);
        List<String> events = new ArrayList<>();
        HarmonicPipeline.Result result = new HarmonicPipeline().run(request(real, test, SynthesizeOptions.defaults(), 2),
            new HarmonicPipeline.Listener() {
                @Override
                public void instructions(InstructionSet set) {
                    events.add("instructions " + set.training().size());
                }

                @Override
                public void synthetic(Table synthetic) {
                    events.add("synthetic " + synthetic.rowCount());
                }
            }, Progress.none());
        assertEquals(List.of("instructions " + result.instructions().training().size(), "synthetic 120"), events);
        assertTrue(Files.isRegularFile(dir.resolve("generator").resolve("model.safetensors")));
        int trained = result.instructions().training().size() - result.generator().training().heldOut();
        int batch = org.harmonic.core.generator.DefaultGenerator.BATCH_SIZE;
        assertEquals(2 * ((trained + batch - 1) / batch), result.generator().training().steps(),
            "two epochs of the default batches, the tiny model: the most a training that ends when it has learned takes");
        assertEquals(120, result.synthesis().table().rowCount(), "as many rows as the real table by default");
        assertEquals(real.schema(), result.synthesis().table().schema());
        for (String metric : List.of("dm", "wd", "cs", "mle", "dcr", "nrs")) {
            assertTrue(result.evaluation().get(metric, org.harmonic.core.metrics.MetricResult.class).isPresent(), metric);
        }
        assertFalse(result.evaluation().get("dlt", org.harmonic.core.metrics.MetricResult.class).isPresent(), "no language-model metric asked for");
        assertEquals(2, result.evaluation().get("mle", org.harmonic.core.metrics.utility.MachineLearningEfficiency.Result
            .class).get().repeats().size(), "the run's MLE repeats reach the evaluation");
    }

    @Test
    void badInputFailsBeforeTheTraining() throws Exception {
        Table real = PlantedDependencyTest.plantedTable(dir.resolve("real.csv"), 120, 7);
        SynthesizeOptions split = new SynthesizeOptions(Front.CLI, null, null, null, null, List.of(), null, null, null,
            null, null, null, null, null, null, null, null, new Chunk(0, 2));
        assertThrows(HarmonicInputException.class,
            () -> new HarmonicPipeline().run(request(real, null, split), new HarmonicPipeline.Listener() {
            }, Progress.none()));
        SynthesizeOptions unknownColumn = new SynthesizeOptions(Front.CLI, null, null, null, null,
            List.of("nosuchcolumn=1"), null, null, null, null, null, null, null, null, null, null, null, null);
        HarmonicInputException e = assertThrows(HarmonicInputException.class,
            () -> HarmonicPipeline.check(request(real, null, unknownColumn)));
        assertTrue(e.getMessage().contains("nosuchcolumn"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("generator")), "nothing trained");
    }
}
