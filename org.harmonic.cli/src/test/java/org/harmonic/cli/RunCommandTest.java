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
import org.harmonic.core.table.CsvTableReader;
import org.harmonic.core.table.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole job from the command line, with the tiny model so it runs in seconds. */
class RunCommandTest {
    @TempDir
    Path dir;

    private String[] err = new String[1];
    private String[] stdout = new String[1];

    private int run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter e = new StringWriter();
        int code = Harmonic.execute(args, new PrintWriter(out, true), new PrintWriter(e, true));
        err[0] = e.toString();
        stdout[0] = out.toString();
        return code;
    }

    /** The first 150 rows of German credit: enough for every step, small enough for a unit test. */
    private Path smallGerman() throws Exception {
        Path file = dir.resolve("german_small.csv");
        java.util.List<String> lines = Files.readAllLines(TestData.resource("data/german_train.csv"));
        Files.write(file, lines.subList(0, 151));
        return file;
    }

    @Test
    void runWritesAValidSyntheticTableAGeneratorAndAReport() throws Exception {
        Path out = dir.resolve("german");
        int code = run("run", "--input", smallGerman().toString(), "--target", "status",
                "--test", TestData.resource("data/german_test.csv").toString(), "--out", out.toString(),
                "--model-size", "tiny", "--epochs", "1", "--rows", "40", "--seed", "5", "--lm-metrics", "dlt");
        assertEquals(0, code, err[0]);
        Table syn = new CsvTableReader().read(out.resolve("synthetic.csv"));
        Table real = new CsvTableReader().read(dir.resolve("german_small.csv"));
        assertEquals(40, syn.rowCount());
        assertEquals(real.schema(), syn.schema());
        assertTrue(Files.isRegularFile(out.resolve("generator/model.safetensors")));
        assertTrue(Files.isRegularFile(out.resolve("report.html")));
        JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        for (String metric : new String[] {"dm", "wd", "cs", "mle", "dcr", "nrs", "dlt"}) {
            assertTrue(report.get("metrics").get(metric).get("value").isNumber(), metric);
        }
        assertEquals(40, report.get("run").get("synthesis").get("accepted").asInt());
        // what the automatic label filter chose, and why, as the generator records it
        JsonNode instructions = report.get("run").get("instructions");
        JsonNode recorded = new ObjectMapper().readTree(out.resolve("generator/harmonic.json").toFile())
                .get("instructions");
        assertEquals(recorded.get("filter").asText().toLowerCase(java.util.Locale.ROOT),
                instructions.get("filter").asText());
        assertTrue(List.of("lift", "none").contains(instructions.get("filter").asText()), instructions.toString());
        assertTrue(instructions.get("filter_choice").asText().startsWith("label filter auto: "), instructions.toString());
        assertTrue(err[0].contains(instructions.get("filter_choice").asText()), "printed: " + err[0]);
    }

    @Test
    void aPrivateRunOnGermanCreditSpendsAtMostEpsilon8AtDeltaOneOver700AndReportsIt() throws Exception {
        // the acceptance run (the full 700-row German training table, --dp-epsilon 8), with the
        // tiny model and one epoch per stage so that it fits a unit test; bench/dp runs the default model
        Path out = dir.resolve("dp");
        int code = run("run", "--input", TestData.resource("data/german_train.csv").toString(), "--target", "status",
                "--out", out.toString(), "--model-size", "tiny", "--epochs", "1", "--dp-epsilon", "8",
                "--dp-stage1-epochs", "1", "--rows", "30", "--seed", "11", "--lm-metrics", "none");
        assertEquals(0, code, err[0]);
        Table real = new CsvTableReader().read(TestData.resource("data/german_train.csv"));
        assertEquals(700, real.rowCount());
        Table syn = new CsvTableReader().read(out.resolve("synthetic.csv"));
        assertEquals(30, syn.rowCount());
        assertEquals(real.schema(), syn.schema());
        com.fasterxml.jackson.databind.JsonNode privacy = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(out.resolve("report.json").toFile()).get("run").get("generator").get("privacy");
        double epsilon = privacy.get("epsilon").asDouble();
        assertTrue(epsilon <= 8 && epsilon >= 0.99 * 8, "epsilon " + epsilon);
        assertEquals(1.0 / 700, privacy.get("delta").asDouble(), 1e-15, "default delta 1/n, n = table rows");
        String html = Files.readString(out.resolve("report.html"));
        assertTrue(html.contains("<h2>Differential privacy</h2>"), "report.html shows the guarantee");
        assertTrue(html.contains("&delta; = 0.00143"), "delta 1/700 in report.html");
        assertTrue(html.contains("max_instructions_per_row") || html.contains("most instructions one table row is in"));
    }

    @Test
    void aTableWithMissingValuesRunsAndKeepsItsTypes() throws Exception {
        // blank every 5th Purpose (categorical) and every 7th Credit amount (integer -> float with gaps)
        java.util.List<String> lines = Files.readAllLines(TestData.resource("data/german_train.csv")).subList(0, 151);
        java.util.List<String> holed = new java.util.ArrayList<>(java.util.List.of(lines.get(0)));
        for (int i = 1; i < lines.size(); i++) {
            String[] cells = lines.get(i).split(",", -1);
            if (i % 5 == 0) {
                cells[3] = "";
            }
            if (i % 7 == 0) {
                cells[4] = "?";
            }
            holed.add(String.join(",", cells));
        }
        Path input = dir.resolve("german_missing.csv");
        Files.write(input, holed);
        Path out = dir.resolve("missing");
        assertEquals(0, run("run", "--input", input.toString(), "--target", "status", "--out", out.toString(),
                "--model-size", "tiny", "--epochs", "1", "--rows", "30", "--seed", "3", "--lm-metrics", "none"), err[0]);
        Table real = new CsvTableReader().read(input);
        Table syn = new CsvTableReader().read(out.resolve("synthetic.csv"));
        assertEquals(30, syn.rowCount());
        assertEquals(real.column("Purpose", "t").type(), syn.column("Purpose", "t").type());
        assertEquals(org.harmonic.core.table.ColumnType.NUMERIC, real.column("Credit amount", "t").type());
        for (int r = 0; r < syn.rowCount(); r++) {
            org.harmonic.core.table.Column amount = syn.column("Credit amount", "t");
            assertTrue(amount.isMissing(r) || amount.number(r) == Math.rint(amount.number(r)), "whole numbers");
        }
    }

    @Test
    void synthesizeNeedsTheTrainingTableColumns() throws Exception {
        Path gen = dir.resolve("gen");
        assertEquals(0, run("fit", "--input", smallGerman().toString(), "--target",
                "status", "--out", gen.toString(), "--model-size", "tiny", "--epochs", "1"), err[0]);
        int code = run("synthesize", "--generator", gen.toString(), "--input",
                TestData.resource("data/diabetes_train.csv").toString(), "--rows", "5", "--out",
                dir.resolve("s.csv").toString());
        assertEquals(2, code);
        assertTrue(err[0].contains("columns differ"), err[0]);
        assertFalse(Files.exists(dir.resolve("s.csv")));
    }

    @Test
    void synthesizeSaysHowManyPromptsItsCandidatesShared() throws Exception {
        Path gen = dir.resolve("gen");
        assertEquals(0, run("fit", "--input", smallGerman().toString(), "--target",
                "status", "--out", gen.toString(), "--model-size", "tiny", "--epochs", "1"), err[0]);
        assertEquals(0, run("synthesize", "--generator", gen.toString(), "--input", smallGerman().toString(), "--rows",
                "8", "--rows-per-prompt", "4", "--out", dir.resolve("s.csv").toString()), err[0]);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("8 rows from (\\d+) candidates of (\\d+) prompts")
                .matcher(stdout[0]);
        assertTrue(m.find(), stdout[0]);
        assertEquals((Integer.parseInt(m.group(1)) + 3) / 4, Integer.parseInt(m.group(2)), stdout[0]);
        // one candidate per prompt (the automatic value on a small table) says nothing about prompts
        assertEquals(0, run("synthesize", "--generator", gen.toString(), "--input", smallGerman().toString(), "--rows",
                "8", "--out", dir.resolve("s1.csv").toString()), err[0]);
        assertTrue(stdout[0].contains("8 rows from ") && !stdout[0].contains(" prompts"), stdout[0]);
    }

    @Test
    void aMissingGeneratorIsABadInput() {
        int code = run("synthesize", "--generator", dir.resolve("nothing").toString(), "--input",
                TestData.resource("data/german_train.csv").toString(), "--out", dir.resolve("s.csv").toString());
        assertEquals(2, code);
        assertTrue(err[0].contains("does not exist"), err[0]);
    }

    @Test
    void fitRefusesToOverwriteAnUnrelatedDirectory() throws Exception {
        Path busy = Files.createDirectories(dir.resolve("busy"));
        Files.writeString(busy.resolve("notes.txt"), "mine");
        int code = run("fit", "--input", TestData.resource("data/german_train.csv").toString(), "--target", "status",
                "--out", busy.toString(), "--model-size", "tiny", "--epochs", "1");
        assertEquals(2, code);
        assertTrue(err[0].contains("not a generator directory"), err[0]);
        assertEquals("mine", Files.readString(busy.resolve("notes.txt")));
    }

    /** Bad option values fail with exit 2 before the training: no generator, no output directory. */
    @Test
    void everyBadOptionFailsBeforeTheTrainingStarts() throws Exception {
        String input = smallGerman().toString();
        String[][] cases = {
            {"--temperature", "-1", "temperature"},
            {"--top-p", "0", "top-p"},
            {"--top-k", "-1", "top-k"},
            {"--sample-batch", "0", "--sample-batch must be between 1 and 4096, got 0"},
            {"--rows", "0", "number of rows"},
            {"--lm-metrics", "bogus", "--lm-metrics"},
            {"--chunk", "1/2", "harmonic synthesize --chunk"},
            {"--chunk", "2/2", "0..1"},
            {"--chunk", "half", "I/N"},
            {"--condition", "nosuchcolumn=1", "nosuchcolumn"},
            {"--condition", "status=7", "status=7"},
            {"--condition", "status", "column=value"},
            {"--balance", "nosuchcolumn", "nosuchcolumn"},
            {"--model-size", "huge", "--model-size"},
            {"--lr", "0", "--lr must be above 0 and at most 1, got 0 (leave it out for its default)"},
            {"--dp-delta", "0.1", "--dp-epsilon"},
            {"--device", "gpu:x", "gpu"},
            {"--mle-repeats", "0", "--mle-repeats must be between 1 and 100, got 0"},
        };
        for (String[] c : cases) {
            Path out = dir.resolve("bad");
            long start = System.nanoTime();
            int code = run("run", "--input", input, "--target", "status", "--out", out.toString(),
                    "--model-size", "tiny", "--epochs", "1", c[0], c[1]);
            double seconds = (System.nanoTime() - start) / 1e9;
            assertEquals(2, code, c[0] + " " + c[1] + ": " + err[0]);
            assertTrue(err[0].contains(c[2]), c[0] + " " + c[1] + ": " + err[0]);
            // a check after the training would have left the new generator in --out
            assertFalse(Files.exists(out), c[0] + " " + c[1] + " created " + out + " (" + seconds + " s)");
        }
        // a test table with another header, and a constant column, fail before the training too
        Path other = dir.resolve("other.csv");
        Files.write(other, Files.readAllLines(TestData.resource("data/diabetes_train.csv")).subList(0, 20));
        assertEquals(2, run("run", "--input", input, "--target", "status", "--test", other.toString(),
                "--out", dir.resolve("bad").toString(), "--model-size", "tiny", "--epochs", "1"), err[0]);
        assertTrue(err[0].contains("test table"), err[0]);
        assertFalse(Files.exists(dir.resolve("bad")));
    }

    @Test
    void aFailedRerunKeepsTheOldOutputsWhenAnOptionIsBadAndDropsThemOnceItStarts() throws Exception {
        Path out = Files.createDirectories(dir.resolve("again"));
        Files.writeString(out.resolve("synthetic.csv"), "old");
        Files.writeString(out.resolve("report.json"), "{}");
        Files.writeString(out.resolve("report.html"), "<p>old</p>");
        Files.createDirectories(out.resolve(".generator.0123abcd.part")); // left by a killed run
        String input = smallGerman().toString();
        // a bad option: nothing of the previous run is touched
        assertEquals(2, run("run", "--input", input, "--target", "status", "--out", out.toString(),
                "--model-size", "tiny", "--epochs", "1", "--condition", "nosuchcolumn=1"), err[0]);
        assertEquals("old", Files.readString(out.resolve("synthetic.csv")));
        // a run that starts and then fails (no row fits 8 tokens, found when the rows are tokenized) leaves
        // no table or report of the old run
        assertEquals(2, run("run", "--input", input, "--target", "status", "--out", out.toString(),
                "--model-size", "tiny", "--epochs", "1", "--max-length", "8"), err[0]);
        assertTrue(err[0].contains("--max-length"), err[0]);
        try (java.util.stream.Stream<Path> left = Files.list(out)) {
            assertEquals(java.util.List.of(), left.toList(), "nothing of the old run, no staging files");
        }
    }
}
