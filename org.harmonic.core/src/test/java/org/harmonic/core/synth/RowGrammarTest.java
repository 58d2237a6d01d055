package org.harmonic.core.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.harmonic.core.TestData;
import org.harmonic.core.table.ColumnProfile;
import org.harmonic.core.table.CsvTableReader;
import org.harmonic.core.table.Table;
import org.harmonic.core.table.TableProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Random walks through the grammar: whatever the "model" prefers, only valid rows come out. */
class RowGrammarTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** A vocabulary of every single byte plus multi-byte pieces that cross value/key borders. */
    private static byte[][] vocabulary(TableProfile profile) {
        List<String> pieces = new ArrayList<>();
        for (int b = 0; b < 256; b++) {
            pieces.add(null);
        }
        pieces.addAll(List.of("\", \"", "\": \"", "{\"", "\"}", " {\"", "0.", ".0", "10", "nan", "\"}\n", "1\""));
        for (ColumnProfile c : profile.columns()) {
            pieces.add(c.name());
            pieces.addAll(c.categories());
        }
        byte[][] tokens = new byte[pieces.size() + 1][];
        for (int i = 0; i < pieces.size(); i++) {
            tokens[i] = i < 256 ? new byte[] {(byte) i} : pieces.get(i).getBytes(StandardCharsets.UTF_8);
        }
        return tokens; // the last id (null bytes) is the end token
    }

    /** The grammar of rows in the table's own column order. */
    private static RowGrammar inTableOrder(TableProfile profile) {
        int[] order = new int[profile.columns().size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        return new RowGrammar(profile, order, 0.0);
    }

    private List<JsonNode> randomRows(Table table, int count, long seed) throws Exception {
        TableProfile profile = TableProfile.of(table, table.schema().get(table.columnCount() - 1).name());
        byte[][] vocab = vocabulary(profile);
        int end = vocab.length - 1;
        TokenTrie trie = new TokenTrie(vocab);
        RowGrammar grammar = inTableOrder(profile);
        SplittableRandom random = new SplittableRandom(seed);
        List<JsonNode> rows = new ArrayList<>();
        for (int r = 0; r < count; r++) {
            RowConstraint constraint = new RowConstraint(grammar, trie, vocab, end);
            java.io.ByteArrayOutputStream text = new java.io.ByteArrayOutputStream();
            for (int step = 0; step < 2000; step++) {
                BitSet allowed = constraint.allowed();
                assertFalse(allowed.isEmpty(), "dead end after: " + text);
                // an untrained model: random preferences, sometimes strongly peaked
                int[] ids = allowed.stream().toArray();
                int token = ids[random.nextInt(ids.length)];
                if (random.nextInt(4) == 0 && allowed.get(48)) {
                    token = 48; // keep typing '0'
                }
                constraint.accept(token);
                if (token == end) {
                    break;
                }
                text.write(vocab[token]);
            }
            assertTrue(constraint.isComplete(), "row not finished: " + text);
            rows.add(JSON.readTree(text.toString(StandardCharsets.UTF_8).strip()));
        }
        return rows;
    }

    private static void assertValid(Table table, JsonNode row) {
        Iterator<Map.Entry<String, JsonNode>> fields = row.fields();
        for (int c = 0; c < table.columnCount(); c++) {
            Map.Entry<String, JsonNode> f = fields.next();
            ColumnProfile p = ColumnProfile.of(table.column(c));
            assertEquals(p.name(), f.getKey());
            String v = f.getValue().asText();
            if (v.equals("nan")) {
                assertTrue(p.hasMissing(), p.name() + " has no missing values");
            } else if (p.isNumber()) {
                double d = Double.parseDouble(v);
                assertTrue(d >= p.min() && d <= p.max(), p.name() + " = " + v + " outside range");
                if (p.type() == org.harmonic.core.table.ColumnType.INTEGER) {
                    assertTrue(v.matches("-?[1-9][0-9]*|0"), v);
                } else {
                    assertTrue(v.matches("-?([1-9][0-9]*|0)\\.[0-9]+"), v);
                    assertTrue(v.length() - v.indexOf('.') - 1 <= Math.max(1, p.decimals()), v);
                    if (p.integralFloat()) {
                        assertTrue(v.endsWith(".0"), v);
                    }
                }
            } else {
                assertTrue(p.categories().contains(v), p.name() + " = " + v + " unseen");
            }
        }
        assertFalse(fields.hasNext(), "extra keys");
    }

    @Test
    void randomDecodingYieldsOnlyValidGermanRows() throws Exception {
        Table german = new CsvTableReader().read(TestData.resource("data/german_train.csv"));
        for (JsonNode row : randomRows(german, 300, 1)) {
            assertValid(german, row);
        }
    }

    @Test
    void randomDecodingYieldsOnlyValidDiabetesRows() throws Exception {
        Table diabetes = new CsvTableReader().read(TestData.resource("data/diabetes_train.csv"));
        for (JsonNode row : randomRows(diabetes, 300, 2)) {
            assertValid(diabetes, row);
        }
    }

    @Test
    void missingValuesNegativeNumbersAndAwkwardCategories() throws Exception {
        Path f = dir.resolve("t.csv");
        StringBuilder csv = new StringBuilder("temp,count,\"na,me\",label\n");
        String[] names = {"a \"quoted\" one", "Zürich", "x\\y", "", "plain"};
        for (int i = 0; i < 40; i++) {
            String temp = i % 7 == 0 ? "" : String.format(java.util.Locale.ROOT, "%.2f", -12.5 + i * 0.73);
            String name = names[i % names.length];
            csv.append(temp).append(',').append(i * 3 - 50).append(",\"")
                    .append(name.replace("\"", "\"\"")).append("\",").append(i % 3).append('\n');
        }
        Files.writeString(f, csv.toString());
        Table table = new CsvTableReader().read(f);
        boolean sawNan = false;
        boolean sawNegative = false;
        for (JsonNode row : randomRows(table, 400, 3)) {
            assertValid(table, row);
            sawNan |= row.get("temp").asText().equals("nan") || row.get("na,me").asText().equals("nan");
            sawNegative |= row.get("count").asText().startsWith("-");
        }
        assertTrue(sawNan && sawNegative);
    }

    @Test
    void numberPrefixesThatCannotReachTheRangeAreRefused() {
        NumberState.Rule rule = NumberState.Rule.of(false, 0, false, 20, 20, 0);
        ValueState s = new NumberState(rule);
        assertNull(s.advance((byte) '1'), "no integer starting with 1 equals 20");
        assertNotNull(s.advance((byte) '2'));
        assertNull(s.advance((byte) '-'));
        NumberState.Rule decimal = NumberState.Rule.of(true, 1, true, 0, 17, 0);
        ValueState d = new NumberState(decimal).advance((byte) '1').advance((byte) '7').advance((byte) '.');
        assertFalse(d.complete());
        assertNull(d.advance((byte) '5'), "whole-number float columns only take .0");
        assertTrue(d.advance((byte) '0').complete());
    }

    @Test
    void theLabelsOwnTemperatureHoldsExactlyWhileItsValueIsDecoded() throws Exception {
        Table german = new CsvTableReader().read(TestData.resource("data/german_train.csv"));
        TableProfile profile = TableProfile.of(german, "status");
        int label = german.schema().indexOf("status");
        byte[][] vocab = vocabulary(profile);
        int end = vocab.length - 1;
        TokenTrie trie = new TokenTrie(vocab);
        RowGrammar grammar = inTableOrder(profile);
        SplittableRandom random = new SplittableRandom(7);
        for (int r = 0; r < 100; r++) {
            double[] temperatures = new double[german.columnCount()];
            java.util.Arrays.fill(temperatures, Double.NaN);
            temperatures[label] = 0.25;
            RowConstraint constraint = new RowConstraint(grammar, trie, vocab, end, temperatures, new BitSet());
            java.io.ByteArrayOutputStream before = new java.io.ByteArrayOutputStream();
            java.io.ByteArrayOutputStream sharp = new java.io.ByteArrayOutputStream();
            java.io.ByteArrayOutputStream after = new java.io.ByteArrayOutputStream();
            for (int step = 0; step < 2000; step++) {
                double t = constraint.temperature();
                int[] ids = constraint.allowed().stream().toArray();
                int token = ids[random.nextInt(ids.length)];
                constraint.accept(token);
                if (token == end) {
                    assertTrue(Double.isNaN(t), "the end token is not part of the label");
                    break;
                }
                if (Double.isNaN(t)) {
                    (sharp.size() == 0 ? before : after).write(vocab[token]);
                } else {
                    assertEquals(0, after.size(), "one stretch of the row, the label's value");
                    assertEquals(0.25, t);
                    sharp.write(vocab[token]);
                }
            }
            String sharpText = sharp.toString(StandardCharsets.UTF_8);
            String row = before.toString(StandardCharsets.UTF_8) + sharpText + after.toString(StandardCharsets.UTF_8);
            String value = JSON.readTree(row.strip()).get("status").asText();
            // the label's value, possibly with the closing quote and brace in the same token; nothing else
            assertTrue(before.toString(StandardCharsets.UTF_8).endsWith("\"status\": \""), row);
            assertTrue(sharpText.startsWith(value), row);
            assertEquals("\"}", (sharpText.substring(value.length()) + after.toString(StandardCharsets.UTF_8)).strip(),
                    row);
        }
    }

    /** Each column's value is decoded at its own temperature, and only its value: keys and quotes at the configured one. */
    @Test
    void everyColumnsValueHasItsOwnTemperature() throws Exception {
        Table german = new CsvTableReader().read(TestData.resource("data/german_train.csv"));
        TableProfile profile = TableProfile.of(german, "status");
        byte[][] vocab = vocabulary(profile);
        int end = vocab.length - 1;
        int[] order = new int[german.columnCount()];
        for (int i = 0; i < order.length; i++) {
            order[i] = order.length - 1 - i; // a permuted order: temperatures follow the schema index, not the place
        }
        double[] temperatures = new double[german.columnCount()];
        for (int c = 0; c < temperatures.length; c++) {
            temperatures[c] = c % 3 == 0 ? Double.NaN : 1.0 + c / 100.0;
        }
        RowConstraint constraint = new RowConstraint(new RowGrammar(profile, order, 0.0), new TokenTrie(vocab), vocab,
                end, temperatures, new BitSet());
        SplittableRandom random = new SplittableRandom(11);
        StringBuilder row = new StringBuilder();
        java.util.Map<Integer, StringBuilder> byTemperature = new java.util.TreeMap<>();
        while (true) {
            double t = constraint.temperature();
            int[] ids = constraint.allowed().stream().toArray();
            int token = ids[random.nextInt(ids.length)];
            constraint.accept(token);
            if (token == end) {
                break;
            }
            String text = new String(vocab[token], StandardCharsets.UTF_8);
            row.append(text);
            if (!Double.isNaN(t)) {
                byTemperature.computeIfAbsent((int) Math.round((t - 1.0) * 100), k -> new StringBuilder()).append(text);
            }
        }
        JsonNode parsed = JSON.readTree(row.toString().strip());
        int checked = 0;
        for (int c = 0; c < temperatures.length; c++) {
            String value = parsed.get(german.schema().columns().get(c).name()).asText();
            StringBuilder sampled = byTemperature.get(c);
            if (Double.isNaN(temperatures[c])) {
                assertEquals(null, sampled, "column " + c + " has no temperature of its own");
                continue;
            }
            // the value, possibly with the closing quote (and brace) in its last token
            String text = sampled.toString();
            String rest = text.startsWith(value) ? text.substring(value.length()) : null;
            assertTrue(rest != null && (rest.isEmpty() || rest.startsWith("\"")), c + ": " + text + " in " + row);
            checked++;
        }
        assertEquals(14, checked);
    }

    /**
     * Where no choice is left (a key, the quote closing a value no byte extends, the closing brace), the
     * constraint names the one token spelling that text, if the vocabulary has it: every allowed token
     * agrees with it, so taking it without the model changes no row's text. Elsewhere it names none.
     */
    @Test
    void theTokenSpellingAForcedKeyIsNamedOnlyWhereNoChoiceIsLeft() throws Exception {
        Table german = new CsvTableReader().read(TestData.resource("data/german_train.csv"));
        TableProfile profile = TableProfile.of(german, "status");
        byte[][] base = vocabulary(profile);
        List<byte[]> pieces = new ArrayList<>(java.util.Arrays.asList(base).subList(0, base.length - 1));
        for (ColumnProfile c : profile.columns()) {
            pieces.add(("\", " + org.harmonic.core.util.PythonJson.quote(c.name()) + ": \"").getBytes(StandardCharsets.UTF_8));
        }
        pieces.add(null); // the end token
        byte[][] vocab = pieces.toArray(new byte[0][]);
        int end = vocab.length - 1;
        TokenTrie trie = new TokenTrie(vocab);
        RowGrammar grammar = inTableOrder(profile);
        int durationKey = trie.exact("\", \"Duration in month\": \"".getBytes(StandardCharsets.UTF_8));
        assertTrue(durationKey >= 0);

        BitSet all = new BitSet();
        all.set(0, vocab.length);
        RowConstraint constraint = new RowConstraint(grammar, trie, vocab, end, new double[0], all);
        assertEquals(-1, constraint.forcedToken(), "the answer's start tolerates a space: a choice");
        byte[] firstKey = "{\"Status of existing checking account".getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < firstKey.length - 1; i++) {
            constraint.accept(firstKey[i] & 0xff);
            assertEquals(-1, constraint.forcedToken(), "no token spells the rest of the first key");
        }
        constraint.accept('t');
        int separator = trie.exact("\": \"".getBytes(StandardCharsets.UTF_8));
        assertEquals(separator, constraint.forcedToken(), "the piece spelling the key's end");
        constraint.accept(separator);
        constraint.accept('A');
        constraint.accept('1');
        assertEquals(-1, constraint.forcedToken(), "A11 to A14: a choice");
        constraint.accept('1');
        assertEquals(durationKey, constraint.forcedToken(), "A11 cannot go on: its quote and the next key follow");
        RowConstraint none = new RowConstraint(grammar, trie, vocab, end);
        for (byte b : "{\"Status of existing checking account\": \"A11".getBytes(StandardCharsets.UTF_8)) {
            none.accept(b & 0xff);
        }
        assertEquals(-1, none.forcedToken(), "a token the tokenizer may split is never forced");
        constraint.accept(durationKey);
        constraint.accept('1');
        assertEquals(-1, constraint.forcedToken(), "a duration of 1 may go on (12) or end: a choice");

        SplittableRandom random = new SplittableRandom(4);
        int named = 0;
        for (int r = 0; r < 100; r++) {
            RowConstraint walk = new RowConstraint(grammar, trie, vocab, end, new double[0], all);
            for (int step = 0; step < 2000; step++) {
                BitSet allowed = walk.allowed();
                int forced = walk.forcedToken();
                if (forced >= 0) {
                    named++;
                    assertTrue(allowed.get(forced));
                    byte[] text = forced == end ? new byte[0] : vocab[forced];
                    for (int t = allowed.nextSetBit(0); t >= 0; t = allowed.nextSetBit(t + 1)) {
                        byte[] other = t == end ? new byte[0] : vocab[t];
                        int common = Math.min(other.length, text.length);
                        assertEquals(new String(text, 0, common, StandardCharsets.UTF_8),
                                new String(other, 0, common, StandardCharsets.UTF_8), "a token leaving the forced text");
                        assertTrue(forced != end || t == end, "only the end follows a complete row");
                    }
                }
                int[] ids = allowed.stream().toArray();
                int token = ids[random.nextInt(ids.length)];
                walk.accept(token);
                if (token == end) {
                    break;
                }
            }
            assertTrue(walk.isComplete());
        }
        assertTrue(named > 100 * 5, "forced keys named: " + named);
    }
}
