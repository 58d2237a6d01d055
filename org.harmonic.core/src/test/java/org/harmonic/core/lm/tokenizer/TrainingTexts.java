package org.harmonic.core.lm.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The prompt and answer texts of the bundled German Credit instruction excerpt (see resources/lm/README.md). */
final class TrainingTexts {

    private TrainingTexts() {
    }

    static List<String> germanCreditExcerpt() {
        ObjectMapper json = new ObjectMapper();
        List<String> texts = new ArrayList<>();
        try (InputStream in = TrainingTexts.class.getResourceAsStream("/lm/german_knn_train_excerpt.jsonl");
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                for (JsonNode turn : json.readTree(line).get("conversations")) {
                    texts.add(turn.get("value").asText());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return texts;
    }
}
