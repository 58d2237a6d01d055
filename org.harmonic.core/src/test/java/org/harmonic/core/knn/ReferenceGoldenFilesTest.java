package org.harmonic.core.knn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;

import org.harmonic.core.TestData;
import org.harmonic.core.table.CsvTableReader;
import org.harmonic.core.table.Table;
import org.harmonic.core.util.Progress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The reference preset reproduces the reference implementation's instruction files byte for byte. */
class ReferenceGoldenFilesTest {

    @ParameterizedTest
    @CsvSource({
        "german, status, user credit scores, 587",
        "diabetes, Outcome, diabetic patients, 491"
    })
    void referencePresetEqualsGoldenFiles(String dataset, String target, String description, int expectedExamples)
            throws IOException {
        Table table = new CsvTableReader().read(TestData.resource("data/" + dataset + "_train.csv"));
        InstructionConfig config = InstructionConfig.of(InstructionConfig.Preset.REFERENCE, target)
                .withDescription(description)
                .withTask(TaskType.BINARY_CLASSIFICATION)
                .withSeed(416)
                .withK(5);
        InstructionSet set = new InstructionBuilder().build(table, config, Progress.none());
        assertEquals(expectedExamples, set.training().size());
        assertEquals(table.rowCount(), set.prompts().size());

        assertSameLines(dataset + "_knn_train.jsonl", render(set.training()));
        assertSameLines(dataset + "_knn_syn.jsonl", render(set.prompts()));
    }

    private static String render(List<InstructionExample> examples) throws IOException {
        StringWriter out = new StringWriter();
        InstructionJsonl.write(examples, out);
        return out.toString();
    }

    private static void assertSameLines(String golden, String actual) throws IOException {
        String expected = Files.readString(TestData.resource("harmonic-reference/" + golden), StandardCharsets.UTF_8);
        if (!expected.equals(actual)) {
            String[] e = expected.split("\n", -1);
            String[] a = actual.split("\n", -1);
            for (int i = 0; i < Math.min(e.length, a.length); i++) {
                assertEquals(e[i], a[i], golden + " differs at line " + (i + 1));
            }
            assertEquals(e.length, a.length, golden + ": line count");
        }
        assertTrue(expected.equals(actual));
    }
}
