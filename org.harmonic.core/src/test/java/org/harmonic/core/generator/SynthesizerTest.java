package org.harmonic.core.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.harmonic.core.lm.train.TrainingConfig;
import org.harmonic.core.synth.Condition;
import org.harmonic.core.synth.Chunk;
import org.harmonic.core.synth.SynthesisConfig;
import org.harmonic.core.synth.Synthesizer;
import org.harmonic.core.table.ColumnProfile;
import org.harmonic.core.table.ColumnType;
import org.harmonic.core.table.CsvTableWriter;
import org.harmonic.core.table.Table;
import org.harmonic.core.util.HarmonicInputException;
import org.harmonic.core.util.Progress;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Synthesizer on a practically untrained generator (one step at a negligible learning rate):
 * whatever the model prefers, rows are valid, never copies, and honour conditions and seeds.
 */
class SynthesizerTest {
    private static final Table GERMAN = GermanFixtures.GERMAN;

    @TempDir
    static Path dir;

    private static Generator generator;

    @BeforeAll
    static void fitUntrainedGenerator() {
        GermanFixtures.fitTiny(dir.resolve("untrained"), 8,
                TrainingConfig.defaults().withEpochs(1).withLearningRate(1e-9).withBatchSize(8));
        generator = Generator.open(dir.resolve("untrained"), "cpu");
    }

    @AfterAll
    static void close() {
        generator.close();
    }

    private static Synthesizer.Result synthesize(SynthesisConfig config) {
        return new Synthesizer().synthesize(generator, GERMAN, config, Progress.none());
    }

    @Test
    void generatorDirectoryHasTheHuggingFaceLayout() {
        for (String file : List.of("config.json", "model.safetensors", "tokenizer.json", "harmonic.json")) {
            assertTrue(Files.isRegularFile(dir.resolve("untrained").resolve(file)), file);
        }
        assertEquals(21, generator.info().schema().columns().size());
        assertEquals("status", generator.info().instructions().target());
    }

    @Test
    void rowsPerPromptShareEachGenerationPromptBetweenThatManyCandidates() {
        // German's 700 rows are below SHARED_PROMPTS_FROM_ROWS: one candidate per prompt unless asked otherwise
        Synthesizer.Stats one = synthesize(SynthesisConfig.of(24, 1)).stats();
        assertEquals(one.candidates(), one.prompts());
        // batches of 32 hold whole groups of four, so only a batch's last examined group can be short
        Synthesizer.Stats four = synthesize(SynthesisConfig.of(24, 1).withRowsPerPrompt(4)).stats();
        assertEquals(24, four.accepted());
        assertEquals((four.candidates() + 3) / 4, four.prompts(), four.toString());
    }

    @Test
    void anUntrainedModelStillYieldsOnlyValidNewRows() {
        Synthesizer.Result result = synthesize(SynthesisConfig.of(24, 1));
        Table syn = result.table();
        assertEquals(24, syn.rowCount());
        assertEquals(GERMAN.schema(), syn.schema(), "same columns, order and types");
        Set<String> real = rowTexts(GERMAN);
        for (int r = 0; r < syn.rowCount(); r++) {
            for (int c = 0; c < syn.columnCount(); c++) {
                ColumnProfile p = generator.info().schema().columns().get(c);
                if (p.type() == ColumnType.CATEGORICAL) {
                    assertTrue(p.categories().contains(syn.format(r, c)), p.name() + "=" + syn.format(r, c));
                } else {
                    double v = syn.column(c).number(r);
                    assertTrue(v >= p.min() && v <= p.max(), p.name() + "=" + v);
                }
            }
            assertTrue(!real.contains(rowText(syn, r)), "row " + r + " copies a training row");
        }
        // nor a near copy in NRS's sense: the guard rejects what the metric would count
        org.harmonic.core.metrics.privacy.RealRowMatcher near = org.harmonic.core.metrics.privacy.RealRowMatcher.of(GERMAN,
                GERMAN.schema().indexOf("status"), org.harmonic.core.knn.TaskType.BINARY_CLASSIFICATION, 0.01);
        for (int r = 0; r < syn.rowCount(); r++) {
            assertTrue(!near.matches(syn, r), "row " + r + " is within 1 % of a training row");
        }
        assertEquals(24, result.stats().accepted());
    }

    @Test
    void conditionsHoldOnEveryRow() {
        Table syn = synthesize(SynthesisConfig.of(12, 2).withConditions(
                List.of(Condition.parse("status=1"), Condition.parse("Purpose=A43")))).table();
        for (int r = 0; r < syn.rowCount(); r++) {
            assertEquals("1", syn.format(r, 20));
            assertEquals("A43", syn.format(r, 3));
        }
    }

    @Test
    void balancingSplitsTheRowsOverTheClasses() {
        Table syn = synthesize(SynthesisConfig.of(10, 3).withBalance("status")).table();
        int ones = 0;
        for (int r = 0; r < syn.rowCount(); r++) {
            ones += syn.format(r, 20).equals("1") ? 1 : 0;
        }
        assertEquals(5, ones);
    }

    @Test
    void thePrivacyGuardRejectsCopiesOfTrainingRows() {
        // every column fixed to training row 0: each candidate is a planted copy
        List<Condition> copy = new ArrayList<>();
        for (int c = 0; c < GERMAN.columnCount(); c++) {
            copy.add(new Condition(GERMAN.schema().get(c).name(), GERMAN.format(0, c)));
        }
        HarmonicInputException e = assertThrows(HarmonicInputException.class,
                () -> synthesize(SynthesisConfig.of(4, 4).withConditions(copy).withBatchSize(4)));
        assertTrue(e.getMessage().contains(Synthesizer.COPY) && e.getMessage().contains("0 of 12"), e.getMessage());
    }

    @Test
    void theSameSeedGivesTheSameTable() throws Exception {
        String a = csv(synthesize(SynthesisConfig.of(8, 11)).table());
        String b = csv(synthesize(SynthesisConfig.of(8, 11)).table());
        String c = csv(synthesize(SynthesisConfig.of(8, 12)).table());
        assertEquals(a, b);
        assertNotEquals(a, c);
    }

    @Test
    void chunksOfAJobAddUpToItsRowsAndEachIsReproducible() throws Exception {
        SynthesisConfig job = SynthesisConfig.of(11, 21);
        Synthesizer.Result first = synthesize(job.withChunk(new Chunk(0, 3)));
        Synthesizer.Result second = synthesize(job.withChunk(new Chunk(1, 3)));
        Synthesizer.Result third = synthesize(job.withChunk(new Chunk(2, 3)));
        assertEquals(11, first.table().rowCount() + second.table().rowCount() + third.table().rowCount());
        assertEquals(List.of(3, 4, 4), List.of(first.table().rowCount(), second.table().rowCount(),
                third.table().rowCount()));
        // each part again gives its own rows; parts differ from each other and from the whole job
        assertEquals(csv(second.table()), csv(synthesize(job.withChunk(new Chunk(1, 3))).table()));
        assertNotEquals(rowTexts(first.table()), rowTexts(second.table()));
        Set<String> whole = rowTexts(synthesize(job).table());
        assertTrue(!whole.containsAll(rowTexts(third.table())), "chunk 2/3 repeated the whole job's rows");
        // 0/1 is the whole job: same seed, same table
        assertEquals(csv(synthesize(job).table()), csv(synthesize(job.withChunk(Chunk.WHOLE)).table()));
    }

    @Test
    void unknownConditionValuesAreRejectedUpFront() {
        HarmonicInputException e = assertThrows(HarmonicInputException.class,
                () -> synthesize(SynthesisConfig.of(4, 1).withConditions(List.of(Condition.parse("Purpose=A99")))));
        assertTrue(e.getMessage().contains("never seen"), e.getMessage());
    }

    /** The table as its CSV text (also compares tables in DpFineTunerTest). */
    static String csv(Table t) throws Exception {
        StringWriter w = new StringWriter();
        new CsvTableWriter().write(t, w);
        return w.toString();
    }

    private static Set<String> rowTexts(Table t) {
        Set<String> out = new HashSet<>();
        for (int r = 0; r < t.rowCount(); r++) {
            out.add(rowText(t, r));
        }
        return out;
    }

    private static String rowText(Table t, int r) {
        StringBuilder s = new StringBuilder();
        for (int c = 0; c < t.columnCount(); c++) {
            s.append(t.format(r, c)).append('|');
        }
        return s.toString();
    }

    @Test
    void theLabelKeepsTheRealTablesClassSharesUnlessTheModelsAreAskedFor() {
        // German: 494 good (0) and 206 bad (1) of 700; 40 rows -> 28.2 and 11.8 -> 28 and 12
        Synthesizer.Result real = synthesize(SynthesisConfig.of(40, 5));
        int label = real.table().schema().indexOf("status");
        java.util.Map<String, Integer> counts = new java.util.TreeMap<>();
        for (int r = 0; r < real.table().rowCount(); r++) {
            counts.merge(real.table().format(r, label), 1, Integer::sum);
        }
        assertEquals(java.util.Map.of("0", 28, "1", 12), counts);
        assertEquals(java.util.Map.of("0", 28, "1", 12), real.stats().labelRows());
        assertEquals(java.util.Map.of(), real.stats().labelShortfall());

        Synthesizer.Result model = synthesize(SynthesisConfig.of(40, 5)
                .withLabelShares(org.harmonic.core.synth.LabelShares.MODEL));
        assertEquals(java.util.Map.of(), model.stats().labelRows());
        assertEquals(null, model.stats().rejected().get(Synthesizer.CLASS_FULL));
        // conditions decide the classes themselves
        Synthesizer.Result conditioned = synthesize(SynthesisConfig.of(6, 5)
                .withConditions(List.of(Condition.parse("status=1"))));
        assertEquals(java.util.Map.of(), conditioned.stats().labelRows());
    }
}
