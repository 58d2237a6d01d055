package org.harmonic.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.harmonic.core.TestData;
import org.harmonic.core.table.CsvTableReader;
import org.harmonic.core.table.Table;
import org.junit.jupiter.api.Test;
import org.harmonic.core.metrics.lm.LlmEffectiveness;

/**
 * The reference's LLE evaluation files for Diabetes (copied from shared/fixtures/harmonic-reference,
 * written by The-FinAI/HARMONIC's scripts): every row of our splits renders to exactly the
 * reference's text and query, and its gold label is the row's Outcome. (German's files render the
 * categories' UCI descriptions, "smaller than 0 DM" for A11, which the bundled CSV does not carry;
 * method.md B 6.2.)
 */
class ReferenceLleFilesTest {
    private static final String INSTRUCTION = "Predict whether a patient has diabetes, based on certain diagnostic "
            + "measurements. Respond with only either 'negative' or 'positive'. \nText: ";
    private static final List<String> WORDS = List.of("negative", "positive");

    @Test
    void diabetesRowsRenderAsTheReferencesEvaluationFiles() throws IOException {
        check("data/diabetes_test.csv", "harmonic-reference/diabetes_lle_test.jsonl", 154);
        check("data/diabetes_train.csv", "harmonic-reference/diabetes_lle_train.jsonl", 491);
    }

    private static void check(String csv, String jsonl, int rows) throws IOException {
        Table table = new CsvTableReader().read(TestData.resource(csv));
        int target = table.schema().indexOf("Outcome");
        List<String> lines = Files.readAllLines(TestData.resource(jsonl));
        assertEquals(rows, table.rowCount());
        assertEquals(rows, lines.size());
        ObjectMapper json = new ObjectMapper();
        for (int r = 0; r < rows; r++) {
            JsonNode ref = json.readTree(lines.get(r));
            assertEquals(r, ref.get("id").asInt());
            String text = LlmEffectiveness.text(table, r, target);
            assertEquals(ref.get("text").asText(), text, jsonl + " row " + r);
            assertEquals(ref.get("query").asText(), LlmEffectiveness.query(INSTRUCTION, text), jsonl + " row " + r);
            int gold = Integer.parseInt(table.format(r, target));
            assertEquals(ref.get("gold").asInt(), gold, jsonl + " row " + r);
            assertEquals(ref.get("answer").asText(), WORDS.get(gold));
        }
    }
}
