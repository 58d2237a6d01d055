package org.harmonic.core.knn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.harmonic.core.TestData;
import org.harmonic.core.table.CsvTableReader;
import org.harmonic.core.table.Table;
import org.harmonic.core.util.Progress;
import org.junit.jupiter.api.Test;

/** Instructions read back without their source table (the KNIME Fine-Tuner's input). */
class InstructionReaderTest {
    private final Table german = new CsvTableReader().read(TestData.resource("data/german_train.csv"));

    private static List<InstructionExample> textOnly(List<InstructionExample> examples) {
        List<InstructionExample> out = new ArrayList<>();
        for (InstructionExample e : examples) {
            out.add(new InstructionExample(-1, new int[0], new int[0], e.prompt(), e.answer()));
        }
        return out;
    }

    @Test
    void settingsAreRecoveredFromThePromptHeader() {
        InstructionConfig built = InstructionConfig.of(InstructionConfig.Preset.DEFAULT, "status")
            .withDescription("user credit scores, German").withK(3).withTask(TaskType.BINARY_CLASSIFICATION)
            .withPromptCount(0);
        List<InstructionExample> examples =
            textOnly(new InstructionBuilder().build(german, built, Progress.none()).training());

        InstructionConfig read = InstructionReader.settings(examples, "status");
        assertEquals("user credit scores, German", read.description());
        assertEquals(3, read.k());
        assertEquals(TaskType.BINARY_CLASSIFICATION, read.task());
        assertEquals("status", read.target());
        assertFalse(read.permute());

        List<InstructionExample> permuted = textOnly(
            new InstructionBuilder().build(german, built.withPermute(true), Progress.none()).training());
        assertTrue(InstructionReader.settings(permuted, "status").permute());
    }

    @Test
    void promptsWithoutTheHeaderKeepThePresetsSettings() {
        List<InstructionExample> odd = List.of(new InstructionExample(-1, new int[0], new int[0], "Describe a row",
            "{\"a\": \"1\", \"status\": \"0\"}"));
        InstructionConfig read = InstructionReader.settings(odd, "status");
        assertEquals(InstructionConfig.DEFAULT_K, read.k());
        assertEquals(null, read.description());
    }
}
