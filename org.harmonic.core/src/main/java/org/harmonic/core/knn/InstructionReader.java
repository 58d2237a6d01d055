package org.harmonic.core.knn;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.harmonic.core.table.Column;
import org.harmonic.core.table.CsvOptions;
import org.harmonic.core.table.Table;
import org.harmonic.core.table.TypeInference;
import org.harmonic.core.util.HarmonicInputException;

/**
 * Reads an instruction file in the reference's JSON Lines format (ours or the reference's own)
 * and recovers the table its rows came from, so a generator can be fitted from instructions alone.
 */
public final class InstructionReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    private InstructionReader() {
    }

    public static List<InstructionExample> read(Path file) {
        List<InstructionExample> out = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node;
                try {
                    node = JSON.readTree(line);
                } catch (IOException e) {
                    throw new HarmonicInputException(file + " line " + number + " is not JSON; expected one "
                            + "instruction object per line as 'harmonic instructions' writes them");
                }
                JsonNode turns = node.get("conversations");
                if (turns == null || turns.size() < 2) {
                    throw new HarmonicInputException(file + " line " + number + " has no 'conversations' with a human "
                            + "and an assistant turn");
                }
                out.add(new InstructionExample(-1, new int[0], new int[0], turns.get(0).get("value").asText(),
                        turns.get(1).get("value").asText()));
            }
        } catch (NoSuchFileException e) {
            throw new HarmonicInputException("instruction file " + file + " does not exist; check the path");
        } catch (IOException e) {
            throw new HarmonicInputException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (out.isEmpty()) {
            throw new HarmonicInputException(file + " holds no instructions");
        }
        return out;
    }

    /** The header {@link PromptTemplate} writes; groups: k, description, target, task. */
    private static final Pattern HEADER = Pattern.compile("^Here are (\\d+) tabular data about (.*), each containing "
            + "\\d+ columns of features and 1 column of labels, where the (.*) column is a (.+) label\\. ");

    /**
     * The instruction settings the examples were built with, as far as their prompts show them:
     * description, task and k from the header of the first prompt, and whether the feature order
     * was permuted (the answers' key orders differ). The Synthesizer rebuilds generation prompts
     * with these settings, so they must match what the generator was trained on; everything the
     * prompts do not show (seed, filter, encoding) keeps the default preset's value.
     *
     * @param target the label column (the last key of every answer)
     */
    public static InstructionConfig settings(List<InstructionExample> examples, String target) {
        InstructionConfig config = InstructionConfig.of(InstructionConfig.Preset.DEFAULT, target);
        if (examples.isEmpty()) {
            return config;
        }
        Matcher m = HEADER.matcher(examples.get(0).prompt());
        if (m.find()) {
            config = config.withK(Integer.parseInt(m.group(1))).withDescription(m.group(2));
            try {
                config = config.withTask(TaskType.parse(m.group(4)));
            } catch (HarmonicInputException e) {
                // an unknown task word: leave the task to be inferred from the target column
            }
        }
        String firstOrder = null;
        for (InstructionExample e : examples) {
            if (e.answer().isEmpty()) {
                continue;
            }
            String order = keyOrder(e.answer());
            if (firstOrder == null) {
                firstOrder = order;
            } else if (!firstOrder.equals(order)) {
                return config.withPermute(true);
            }
        }
        return config;
    }

    private static String keyOrder(String row) {
        try {
            StringBuilder keys = new StringBuilder();
            JSON.readTree(row).fieldNames().forEachRemaining(k -> keys.append(k).append('\u0000'));
            return keys.toString();
        } catch (IOException e) {
            throw new HarmonicInputException("an answer is not a JSON row: " + row);
        }
    }

    /**
     * The rows shown in the examples and answers, as a typed table (column order of the first
     * answer), from which the generator's schema is profiled.
     */
    public static Table rows(List<InstructionExample> examples, String source) {
        Map<String, List<String>> cells = new LinkedHashMap<>();
        for (InstructionExample e : examples) {
            List<String> rows = new ArrayList<>();
            for (String line : e.prompt().split("\n")) {
                if (line.startsWith("Example ") && line.contains(": {")) {
                    rows.add(line.substring(line.indexOf(": {") + 2));
                }
            }
            if (!e.answer().isEmpty()) {
                rows.add(e.answer());
            }
            for (String row : rows) {
                try {
                    JsonNode node = JSON.readTree(row);
                    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
                    while (fields.hasNext()) {
                        Map.Entry<String, JsonNode> f = fields.next();
                        cells.computeIfAbsent(f.getKey(), k -> new ArrayList<>()).add(f.getValue().asText());
                    }
                } catch (IOException ex) {
                    throw new HarmonicInputException(source + " contains a row that is not valid JSON: " + row);
                }
            }
        }
        int n = -1;
        List<Column> columns = new ArrayList<>();
        CsvOptions options = CsvOptions.defaults();
        for (Map.Entry<String, List<String>> c : cells.entrySet()) {
            if (n >= 0 && c.getValue().size() != n) {
                throw new HarmonicInputException(source + ": column '" + c.getKey() + "' is missing from some rows");
            }
            n = c.getValue().size();
            String[] values = c.getValue().stream().map(v -> options.isMissing(v) ? null : v).toArray(String[]::new);
            columns.add(TypeInference.column(c.getKey(), values, TypeInference.infer(values)));
        }
        if (columns.isEmpty()) {
            throw new HarmonicInputException(source + " shows no table rows");
        }
        return new Table(columns);
    }
}
