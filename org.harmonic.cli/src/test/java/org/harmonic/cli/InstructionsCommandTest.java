package org.harmonic.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.harmonic.core.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class InstructionsCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    record Result(int code, String out, String err) {
    }

    private Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Harmonic.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    private Result instructions(Path input, String target, String... extra) {
        List<String> args = new ArrayList<>(List.of("instructions", "--input", input.toString(), "--target", target,
                "--out-train", dir.resolve("train.jsonl").toString(),
                "--out-prompts", dir.resolve("prompts.jsonl").toString()));
        args.addAll(List.of(extra));
        return run(args.toArray(new String[0]));
    }

    @Test
    void referencePresetFromTheCommandLineEqualsGoldenFiles() throws IOException {
        Result r = instructions(TestData.resource("data/diabetes_train.csv"), "Outcome", "--preset", "reference",
                "--description", "diabetic patients", "--task", "binary classification", "--seed", "416", "--k", "5");
        assertEquals(0, r.code(), r.err());
        assertEquals(Files.readString(TestData.resource("harmonic-reference/diabetes_knn_train.jsonl")),
                Files.readString(dir.resolve("train.jsonl")));
        assertEquals(Files.readString(TestData.resource("harmonic-reference/diabetes_knn_syn.jsonl")),
                Files.readString(dir.resolve("prompts.jsonl")));
    }

    static Stream<Arguments> badInputs() {
        String header = "a,b,label\n";
        return Stream.of(
                Arguments.of("missing file", null, "label", "does not exist"),
                Arguments.of("empty file", "", "label", "is empty"),
                Arguments.of("header only", header, "label", "no data rows"),
                Arguments.of("ragged rows", header + "1,2,0\n1,2\n3,4,1\n", "label", "data row 2 has 2 fields"),
                Arguments.of("unknown target", header + rows(10), "class", "'class' is not in the table"),
                Arguments.of("duplicate columns", "a,b,a\n" + rows(10), "b", "two columns named 'a'"),
                Arguments.of("one class", header + "1,2,0\n3,4,0\n5,6,0\n7,8,0\n9,1,0\n2,2,0\n3,3,0\n", "label",
                        "only one value '0'"),
                Arguments.of("k >= rows", header + rows(5), "label", "k = 5 neighbours need more than 5 rows"));
    }

    private static String rows(int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append(i).append(',').append(i * 7 % 5).append(',').append(i % 2).append('\n');
        }
        return s.toString();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void badInputGivesExitTwoOneLineAndNoOutput(String name, String content, String target, String expected)
            throws IOException {
        Path input = dir.resolve("input.csv");
        if (content != null) {
            Files.writeString(input, content);
        }
        Result r = instructions(input, target);
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains(expected), r.err());
        assertEquals(1, r.err().strip().lines().count(), "one-line message: " + r.err());
        assertNoOutputs();
    }

    @Test
    void nonUtf8BytesAreRejectedWithTheFix() throws IOException {
        Path input = dir.resolve("latin1.csv");
        Files.write(input, ("name,label\n" + "M\u00fcller,0\nSchmidt,1\nA,0\nB,1\nC,0\nD,1\nE,0\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        Result r = instructions(input, "label");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("not UTF-8") && r.err().contains("re-save"), r.err());
        assertNoOutputs();
    }

    /** The help's value lists (annotation constants) name exactly the values the options accept. */
    @Test
    void helpListsTheValuesTheOptionsAccept() {
        assertEquals(String.join("|", org.harmonic.core.options.InstructionsOptions.FILTERS),
                InstructionsCommand.FILTER_LABEL);
        assertEquals(String.join("|", org.harmonic.core.options.InstructionsOptions.NEIGHBOUR_BASES),
                InstructionsCommand.NEIGHBOURS_BY_LABEL);
    }

    @Test
    void unknownOptionIsAUsageError() {
        Result r = run("instructions", "--input", "x.csv", "--target", "y", "--out-train", "t", "--bogus");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--bogus"), r.err());
    }

    @Test
    void awkwardButValidInputIsHandled() throws IOException {
        // BOM, CRLF, a non-ASCII column name, values with quotes, commas, braces and newlines, missing values
        StringBuilder csv = new StringBuilder("\uFEFFGr\u00f6\u00dfe,note,\"ratio, %\",label\r\n");
        for (int i = 0; i < 12; i++) {
            String note = switch (i % 4) {
                case 0 -> "\"say \"\"hi\"\", {ok}\"";
                case 1 -> "\"two\nlines\"";
                case 2 -> "";
                default -> "plain";
            };
            String ratio = i == 3 ? "?" : (i * 0.5) + "";
            csv.append(i).append(',').append(note).append(',').append(ratio).append(',').append(i % 2).append("\r\n");
        }
        Path input = dir.resolve("awkward.csv");
        Files.writeString(input, csv.toString());
        Result r = instructions(input, "label", "--filter", "none");
        assertEquals(0, r.code(), r.err());
        List<String> lines = Files.readAllLines(dir.resolve("train.jsonl"));
        assertEquals(12, lines.size());
        boolean sawQuote = false;
        boolean sawNan = false;
        for (String line : lines) {
            JsonNode node = JSON.readTree(line);
            String human = node.get("conversations").get(0).get("value").asText();
            String answer = node.get("conversations").get(1).get("value").asText();
            JsonNode row = JSON.readTree(answer);
            assertEquals(List.of("Gr\u00f6\u00dfe", "note", "ratio, %", "label"), fieldNames(row));
            for (String humanLine : human.split("\n")) {
                if (humanLine.startsWith("Example ")) {
                    JSON.readTree(humanLine.substring(humanLine.indexOf(": ") + 2));
                }
            }
            sawQuote |= row.get("note").asText().equals("say \"hi\", {ok}");
            sawNan |= row.get("note").asText().equals("nan") || row.get("ratio, %").asText().equals("nan");
        }
        assertTrue(sawQuote && sawNan);
        assertTrue(Files.readString(dir.resolve("train.jsonl")).contains("\"Gr\u00f6\u00dfe\\\": \\\""),
                "non-ASCII kept verbatim");
    }

    private static List<String> fieldNames(JsonNode row) {
        List<String> names = new ArrayList<>();
        row.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private void assertNoOutputs() {
        assertFalse(Files.exists(dir.resolve("train.jsonl")), "no training output left behind");
        assertFalse(Files.exists(dir.resolve("prompts.jsonl")), "no prompt output left behind");
    }

    @Test
    void aLabelFilterThatDropsEveryGroupIsABadInputAndWritesNoFile() throws IOException {
        // a categorical column of pairs dominates the distances (codes enter unscaled, as in the
        // reference) and the labels alternate within each pair: most of every row's neighbours carry
        // the other label
        StringBuilder csv = new StringBuilder("block,label\n");
        for (int x = 0; x < 30; x++) {
            csv.append(String.format("b%02d,%d%n", x / 2, x % 2));
        }
        Path input = dir.resolve("alternating.csv");
        Files.writeString(input, csv);
        Result r = instructions(input, "label", "--filter", "majority", "--task", "binary classification");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("dropped all 30 instruction groups") && r.err().contains("--filter none"),
                r.err());
        assertFalse(Files.exists(dir.resolve("train.jsonl")));
        assertEquals(0, instructions(input, "label", "--filter", "none", "--task", "binary classification").code());
    }

    @Test
    void anIdentifierColumnIsLeftOutOfTheDistancesWithAWarning() throws IOException {
        // distinct text in every row: its codes would dominate the distances, so it is ignored there
        StringBuilder csv = new StringBuilder("id,label\n");
        for (int x = 0; x < 30; x++) {
            csv.append(String.format("r%02d,%d%n", x, x % 2));
        }
        Path input = dir.resolve("with_id.csv");
        Files.writeString(input, csv);
        Result r = instructions(input, "label", "--filter", "majority", "--task", "binary classification");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("warning: column 'id' has a different text value in every row"), r.err());
    }
}
