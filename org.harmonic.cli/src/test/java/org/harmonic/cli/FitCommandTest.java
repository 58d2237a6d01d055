package org.harmonic.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.harmonic.core.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code harmonic fit} on an instruction file: the generator keeps the settings its prompts were built with. */
class FitCommandTest {
    @TempDir
    Path dir;

    /** German credit's first 120 training rows: enough for instructions and a two-step fit. */
    private Path smallGermanTable() throws Exception {
        Path table = dir.resolve("german_small.csv");
        List<String> lines = Files.readAllLines(TestData.resource("data/german_train.csv"));
        Files.write(table, lines.subList(0, 121));
        return table;
    }

    private static int run(String... args) {
        StringWriter err = new StringWriter();
        int code = Harmonic.execute(args, new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
        assertEquals(0, code, err.toString());
        return code;
    }

    /**
     * The generation prompts are rebuilt from the generator's instruction settings, so they must be the
     * training prompts' own. Fitted from a file, the generator took its description from the file name (a
     * header the model never saw) and had no task, which turned the label shares and the label temperature
     * off (every candidate accepted whatever its class); the KNIME Fine-Tuner already read them from the prompts.
     */
    @Test
    void aGeneratorFittedFromAnInstructionFileKeepsItsPromptsDescriptionAndTask() throws Exception {
        Path table = smallGermanTable();
        Path instructions = dir.resolve("my_instructions.jsonl");
        run("instructions", "--input", table.toString(), "--target", "status", "--description", "user credit scores",
                "--out-train", instructions.toString());
        Path generator = dir.resolve("generator");
        run("fit", "--instructions", instructions.toString(), "--out", generator.toString(), "--model-size", "tiny",
                "--epochs", "1", "--max-steps", "2");
        JsonNode settings = new ObjectMapper().readTree(generator.resolve("harmonic.json").toFile()).get("instructions");
        assertEquals("user credit scores", settings.get("description").asText(), settings.toString());
        assertEquals("BINARY_CLASSIFICATION", settings.get("task").asText(), settings.toString());
        assertEquals("status", settings.get("target").asText());
        assertEquals(416, settings.get("seed").asLong());
        assertEquals("FEATURES_AND_LABEL", settings.get("neighboursBy").asText(), "the default preset's");
        assertEquals("AUTO", settings.get("filter").asText(), "chosen again from the table the synthesizer is given");

        // a file does not show how its neighbours were found: --neighbours-by says it, and the generation
        // prompts follow; from a table, fit builds the instructions with it
        run("instructions", "--input", table.toString(), "--target", "status", "--neighbours-by", "features",
                "--out-train", instructions.toString());
        Path byFeatures = dir.resolve("by-features");
        run("fit", "--instructions", instructions.toString(), "--neighbours-by", "features", "--out",
                byFeatures.toString(), "--model-size", "tiny", "--epochs", "1", "--max-steps", "2");
        JsonNode given = new ObjectMapper().readTree(byFeatures.resolve("harmonic.json").toFile()).get("instructions");
        assertEquals("FEATURES", given.get("neighboursBy").asText());
        assertEquals("NONE", given.get("filter").asText(), "not auto, which would choose the basis again");
        Path fromTable = dir.resolve("from-table");
        run("fit", "--input", table.toString(), "--target", "status", "--neighbours-by", "features", "--filter",
                "none", "--out", fromTable.toString(), "--model-size", "tiny", "--epochs", "1", "--max-steps", "2");
        JsonNode built = new ObjectMapper().readTree(fromTable.resolve("harmonic.json").toFile()).get("instructions");
        assertEquals("FEATURES", built.get("neighboursBy").asText());
        assertEquals("NONE", built.get("filter").asText());
    }

    /**
     * From a table, fit builds the instructions with the neighbours per instruction and the permutation it is
     * given, as 'run' does; with an instruction file they are the file's, and giving them is a usage error.
     */
    @Test
    void aGeneratorFittedFromATableTakesTheNeighboursPerInstruction() throws Exception {
        Path table = smallGermanTable();
        Path generator = dir.resolve("k3");
        run("fit", "--input", table.toString(), "--target", "status", "--k", "3", "--permute", "--out",
                generator.toString(), "--model-size", "tiny", "--epochs", "1", "--max-steps", "2");
        JsonNode settings = new ObjectMapper().readTree(generator.resolve("harmonic.json").toFile())
                .get("instructions");
        assertEquals(3, settings.get("k").asInt(), settings.toString());
        assertTrue(settings.get("permute").asBoolean(), settings.toString());
        Path defaults = dir.resolve("defaults");
        run("fit", "--input", table.toString(), "--target", "status", "--out", defaults.toString(), "--model-size",
                "tiny", "--epochs", "1", "--max-steps", "2");
        JsonNode plain = new ObjectMapper().readTree(defaults.resolve("harmonic.json").toFile()).get("instructions");
        assertEquals(5, plain.get("k").asInt(), "the core's default, as 'run' and 'instructions' have it");
        assertFalse(plain.get("permute").asBoolean());

        Path instructions = dir.resolve("i.jsonl");
        run("instructions", "--input", table.toString(), "--target", "status", "--out-train", instructions.toString());
        StringWriter err = new StringWriter();
        int code = Harmonic.execute(new String[] {"fit", "--instructions", instructions.toString(), "--k", "3", "--out",
            dir.resolve("bad").toString()}, new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
        assertEquals(2, code, err.toString());
        assertTrue(err.toString().contains("--k shapes the instructions fit builds from --input"), err.toString());
        assertFalse(Files.exists(dir.resolve("bad")));
        int outOfBounds = Harmonic.execute(new String[] {"fit", "--input", table.toString(), "--target", "status",
            "--k", "12", "--out", dir.resolve("bad").toString()}, new PrintWriter(new StringWriter(), true),
                new PrintWriter(new StringWriter(), true));
        assertEquals(2, outOfBounds);
    }
}
