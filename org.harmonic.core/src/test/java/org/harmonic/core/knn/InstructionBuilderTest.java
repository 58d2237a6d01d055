package org.harmonic.core.knn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.harmonic.core.TestData;
import org.harmonic.core.table.Column;
import org.harmonic.core.table.CsvTableReader;
import org.harmonic.core.table.IntegerColumn;
import org.harmonic.core.table.Table;
import org.harmonic.core.util.Progress;
import org.junit.jupiter.api.Test;

class InstructionBuilderTest {
    private final Table german = new CsvTableReader().read(TestData.resource("data/german_train.csv"));

    @Test
    void anIdentifierColumnIsLeftOutOfTheDistancesWithAWarning(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        // German credit with a customer id in front: distinct text in every row, in shuffled order
        List<String> lines = java.nio.file.Files.readAllLines(TestData.resource("data/german_train.csv"));
        List<Integer> ids = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            ids.add(i);
        }
        java.util.Collections.shuffle(ids, new java.util.Random(7));
        List<String> withId = new ArrayList<>();
        withId.add("customer," + lines.get(0));
        for (int i = 1; i < lines.size(); i++) {
            withId.add(String.format("K%04d,", ids.get(i - 1)) + lines.get(i));
        }
        java.nio.file.Path file = dir.resolve("german_with_id.csv");
        java.nio.file.Files.write(file, withId);
        Table table = new CsvTableReader().read(file);
        InstructionConfig config = InstructionConfig.of(InstructionConfig.Preset.DEFAULT, "status").withPromptCount(0);
        InstructionSet set = new InstructionBuilder().build(table, config, Progress.none());
        InstructionSet plain = new InstructionBuilder().build(german, config, Progress.none());
        assertEquals(List.of("customer"), set.identifierColumns());
        assertTrue(set.warnings().get(0).contains("'customer'"), set.warnings().toString());
        // the neighbours are exactly those of the table without the id
        assertEquals(plain.training().size(), set.training().size());
        for (int i = 0; i < plain.training().size(); i++) {
            assertArrayEquals(plain.training().get(i).exampleRows(), set.training().get(i).exampleRows(), "group " + i);
        }
        assertTrue(plain.identifierColumns().isEmpty());
        // the reference preset measures every column, as the reference does
        InstructionSet reference = new InstructionBuilder().build(table,
                InstructionConfig.of(InstructionConfig.Preset.REFERENCE, "status").withPromptCount(0), Progress.none());
        assertTrue(reference.identifierColumns().isEmpty());
    }

    @Test
    void defaultPromptsNeverEqualATrainingGroupAndAreLocal() {
        InstructionSet set = new InstructionBuilder()
                .build(german, InstructionConfig.of(InstructionConfig.Preset.DEFAULT, "status"), Progress.none());
        assertEquals(700, set.prompts().size());
        // all 700 unfiltered groups: the neighbour sets a training prompt could show
        InstructionConfig unfiltered = InstructionConfig.of(InstructionConfig.Preset.DEFAULT, "status")
                .withFilter(FilterMode.NONE).withPromptCount(0);
        Set<Set<Integer>> groups = new HashSet<>();
        for (InstructionExample e : new InstructionBuilder().build(german, unfiltered, Progress.none()).training()) {
            groups.add(asSet(e.exampleRows()));
        }
        assertEquals(700, groups.size());
        Set<Set<Integer>> distinctPrompts = new HashSet<>();
        for (InstructionExample p : set.prompts()) {
            assertEquals(5, asSet(p.exampleRows()).size(), "5 distinct rows");
            assertFalse(groups.contains(asSet(p.exampleRows())), "prompt equals a training group");
            assertTrue(p.prompt().endsWith("Generate one sample: "));
            assertEquals("", p.answer());
            distinctPrompts.add(asSet(p.exampleRows()));
        }
        // neighbouring points may share their 5 nearest rows (590 distinct sets of 700 here); each
        // prompt still yields its own draw
        assertTrue(distinctPrompts.size() > 500, "prompts are varied: " + distinctPrompts.size());
    }

    @Test
    void aGenerationPromptShowsTheNearestRowsOfAPointBetweenAnAnchorAndANeighbourNearestFirst() {
        // one feature, x = row index: the 5 nearest rows of any point are 5 consecutive rows, listed
        // outward from the point, so |x - first row| never decreases along the prompt; only where
        // those 5 equal a training group (the ends of the line) does the next nearest take the last
        // place, spanning 5. The former prompts (5 of an anchor and its 7 nearest, anchor first)
        // span up to 7 and leave gaps.
        int n = 100;
        Table line = featureAndLabel(n, r -> r, r -> r < n / 2 ? 0 : 1);
        InstructionSet set = new InstructionBuilder()
                .build(line, InstructionConfig.of(InstructionConfig.Preset.DEFAULT, "y"), Progress.none());
        assertEquals(n, set.prompts().size());
        Set<Set<Integer>> distinct = new HashSet<>();
        for (InstructionExample p : set.prompts()) {
            int[] shown = p.exampleRows();
            int[] sorted = shown.clone();
            Arrays.sort(sorted);
            int span = sorted[4] - sorted[0];
            assertTrue(span == 4 || span == 5 && sorted[3] - sorted[0] == 3,
                    "5 consecutive rows, or 4 and the next nearest: " + Arrays.toString(shown));
            for (int j = 1; j < shown.length; j++) {
                assertTrue(Math.abs(shown[j] - shown[0]) >= Math.abs(shown[j - 1] - shown[0]),
                        "nearest first: " + Arrays.toString(shown));
            }
            distinct.add(asSet(shown));
        }
        assertTrue(distinct.size() >= 40, "prompts cover the line: " + distinct.size() + " distinct");
    }

    @Test
    void neighboursByFeaturesCrossTheClassBoundaryAsTheFeaturesDo() {
        // x = row index, the label alternates: by features and label (the label code 1 apart, x spaced
        // 1/99), every neighbour shares the row's label; by features alone, neighbours are the rows
        // nearest in x, of both labels, in training groups and generation prompts alike
        int n = 100;
        Table line = featureAndLabel(n, r -> r, r -> r % 2);
        InstructionConfig config = InstructionConfig.of(InstructionConfig.Preset.DEFAULT, "y")
                .withFilter(FilterMode.NONE);
        assertEquals(NeighbourBasis.FEATURES_AND_LABEL, config.neighboursBy(), "the default preset's basis");
        for (InstructionExample e : new InstructionBuilder().build(line, config, Progress.none()).training()) {
            for (int r : e.exampleRows()) {
                assertEquals(e.targetRow() % 2, r % 2, "same label: " + Arrays.toString(e.exampleRows()));
            }
        }
        InstructionSet byFeatures = new InstructionBuilder().build(line,
                config.withNeighboursBy(NeighbourBasis.FEATURES), Progress.none());
        assertEquals(NeighbourBasis.FEATURES, byFeatures.config().neighboursBy());
        for (InstructionExample e : byFeatures.training()) {
            int[] sorted = e.exampleRows().clone();
            Arrays.sort(sorted);
            assertTrue(sorted[4] - sorted[0] <= 5 && Math.abs(sorted[0] - e.targetRow()) <= 5,
                    "the nearest rows in x: " + e.targetRow() + " " + Arrays.toString(sorted));
        }
        for (InstructionExample p : byFeatures.prompts()) {
            int[] sorted = p.exampleRows().clone();
            Arrays.sort(sorted);
            assertTrue(sorted[4] - sorted[0] <= 5, "consecutive rows of both labels: " + Arrays.toString(sorted));
        }
    }

    @Test
    void duplicateRowsTakeTurnsInGenerationPrompts() {
        // three values of x, 20 rows each (10 of each label): every point sits on one value, where the rows
        // tie. The prompt takes a random choice of the tied rows, not always the search's first 5. By
        // features and label 10 rows tie at distance 0; by the features alone all 20 do, more than the 2k
        // candidates searched per point, and the search widens to the whole tie. Measured: 60 of 60 rows
        // shown either way; with the first candidates only, 30 (and 30 by features without the widening)
        Table table = featureAndLabel(60, r -> r % 3, r -> (r / 3) % 2);
        for (NeighbourBasis basis : NeighbourBasis.values()) {
            InstructionSet set = new InstructionBuilder().build(table, InstructionConfig.of(
                    InstructionConfig.Preset.DEFAULT, "y").withFilter(FilterMode.NONE).withNeighboursBy(basis),
                    Progress.none());
            Set<Integer> shown = new HashSet<>();
            for (InstructionExample p : set.prompts()) {
                for (int r : p.exampleRows()) {
                    assertEquals(p.exampleRows()[0] % 3, r % 3, "one value per prompt");
                    shown.add(r);
                }
            }
            assertTrue(shown.size() >= 45, basis + ": rows shown: " + shown.size());
        }
    }

    @Test
    void sameSeedSameOutputOtherSeedOtherPrompts() {
        InstructionConfig config = InstructionConfig.of(InstructionConfig.Preset.DEFAULT, "status").withPermute(true);
        InstructionSet a = new InstructionBuilder().build(german, config, Progress.none());
        InstructionSet b = new InstructionBuilder().build(german, config, Progress.none());
        InstructionSet c = new InstructionBuilder().build(german, config.withSeed(7), Progress.none());
        assertEquals(prompts(a.training()), prompts(b.training()));
        assertEquals(prompts(a.prompts()), prompts(b.prompts()));
        assertNotEquals(prompts(a.prompts()), prompts(c.prompts()));
    }

    @Test
    void permutationShufflesFeaturesAndKeepsTheLabelLast() {
        InstructionConfig config = InstructionConfig.of(InstructionConfig.Preset.DEFAULT, "status").withPermute(true);
        InstructionSet set = new InstructionBuilder().build(german, config, Progress.none());
        Set<String> orders = new HashSet<>();
        for (InstructionExample e : set.training()) {
            int[] order = e.columnOrder();
            assertEquals(20, order[order.length - 1], "status stays last");
            int[] sorted = order.clone();
            Arrays.sort(sorted);
            assertArrayEquals(java.util.stream.IntStream.range(0, 21).toArray(), sorted);
            assertTrue(e.answer().startsWith("{\"" + german.schema().get(order[0]).name() + "\""));
            orders.add(Arrays.toString(order));
        }
        assertTrue(orders.size() > set.training().size() / 2);
    }

    /** The target rows a filter keeps on {@code table}, in order. */
    private static List<Integer> keptRows(Table table, FilterMode filter) {
        InstructionConfig config = InstructionConfig.of(InstructionConfig.Preset.DEFAULT, "status").withPromptCount(0)
                .withFilter(filter);
        return new InstructionBuilder().build(table, config, Progress.none()).training().stream()
                .map(InstructionExample::targetRow).toList();
    }

    @Test
    void liftFilterJudgesEachClassAgainstItsOwnShare() {
        InstructionConfig config = InstructionConfig.of(InstructionConfig.Preset.DEFAULT, "status").withPromptCount(0)
                .withFilter(FilterMode.LIFT);
        Column status = german.column("status", "test");
        Map<String, Integer> counts = new java.util.HashMap<>();
        for (int r = 0; r < german.rowCount(); r++) {
            counts.merge(status.format(r), 1, Integer::sum);
        }
        // every group (no filter) judged by hand: kept iff same / k >= the label's count / rows
        InstructionSet all = new InstructionBuilder().build(german, config.withFilter(FilterMode.NONE), Progress.none());
        List<Integer> expected = new ArrayList<>();
        for (InstructionExample e : all.training()) {
            String label = status.format(e.targetRow());
            long same = Arrays.stream(e.exampleRows()).filter(j -> status.format(j).equals(label)).count();
            if (same * german.rowCount() >= (long) counts.get(label) * e.exampleRows().length) {
                expected.add(e.targetRow());
            }
        }
        assertEquals(expected, keptRows(german, FilterMode.LIFT));

        InstructionSet lift = new InstructionBuilder().build(german, config, Progress.none());
        assertEquals(Map.of("0", 410, "1", 161), lift.keptByLabel());
        InstructionSet majority = new InstructionBuilder().build(german, config.withFilter(FilterMode.MAJORITY),
                Progress.none());
        assertEquals(Map.of("0", 463, "1", 124), majority.keptByLabel());
        // the answers' bad-credit share follows the table's (29.4 %): 28.2 % against the majority rule's 21.1 %
        double tableShare = counts.get("1") / 700.0;
        assertEquals(tableShare, 161 / 571.0, 0.02);
        assertTrue(Math.abs(tableShare - 124 / 587.0) > 0.08);
    }

    @Test
    void autoFilterIsLiftOnGermanCreditWithTheSameInstructions() {
        // German credit: a row's nearest rows rank bad-credit rows better than a regression of the numeric
        // columns does, so the automatic filter is lift, with the same instructions
        InstructionConfig lift = InstructionConfig.of(InstructionConfig.Preset.DEFAULT, "status").withPromptCount(50)
                .withFilter(FilterMode.LIFT);
        InstructionSet byLift = new InstructionBuilder().build(german, lift, Progress.none());
        InstructionSet auto = new InstructionBuilder().build(german, lift.withFilter(FilterMode.AUTO), Progress.none());
        assertEquals(FilterMode.LIFT, auto.config().filter(), auto.filterChoice());
        assertEquals(NeighbourBasis.FEATURES_AND_LABEL, auto.config().neighboursBy());
        assertEquals(prompts(byLift.training()), prompts(auto.training()));
        assertEquals(prompts(byLift.prompts()), prompts(auto.prompts()));
        assertEquals(byLift.keptByLabel(), auto.keptByLabel());
        assertEquals("label filter auto: lift ('1' rows ranked at AUC 0.64 by a logistic regression of the numeric "
                + "columns, 0.70 by their nearest rows)", auto.filterChoice());
        assertEquals(null, byLift.filterChoice(), "a filter given is not reported as chosen");
    }

    @Test
    void autoFilterKeepsEveryGroupWhereANumberTheDistanceBarelyWeighsDecidesTheLabel() {
        // a rare label decided by a number the distance barely weighs (min-max scaled), beside three category
        // columns whose unscaled codes make the neighbourhoods: the neighbours miss the number that decides the
        // label, and lift drops rare rows whose neighbours happen to be common ones
        Table planted = rareLabelFollowingANumber(400, 11);
        InstructionConfig config = InstructionConfig.of(InstructionConfig.Preset.DEFAULT, "y").withPromptCount(20);
        InstructionSet byLift = new InstructionBuilder().build(planted, config.withFilter(FilterMode.LIFT),
                Progress.none());
        assertTrue(byLift.droppedByLabel().getOrDefault("yes", 0) >= 10,
                "the planted table must make lift drop rare rows: " + byLift.droppedByLabel());
        InstructionSet auto = new InstructionBuilder().build(planted, config.withFilter(FilterMode.AUTO),
                Progress.none());
        assertEquals(FilterMode.NONE, auto.config().filter(), auto.filterChoice());
        assertEquals(NeighbourBasis.FEATURES_BY_RANK, auto.config().neighboursBy(),
                "the label leaves the distance, and every column is spread by rank");
        assertTrue(auto.droppedByLabel().isEmpty());
        assertTrue(auto.filterChoice().startsWith("label filter auto: none"), auto.filterChoice());
        // exactly the instructions of the setting it chose, so a generator records what it was trained on
        InstructionSet chosen = new InstructionBuilder().build(planted,
                config.withFilter(FilterMode.NONE).withNeighboursBy(NeighbourBasis.FEATURES_BY_RANK), Progress.none());
        assertEquals(prompts(chosen.training()), prompts(auto.training()));
        assertEquals(prompts(chosen.prompts()), prompts(auto.prompts()));
        // and what a builder given the recorded settings draws (the Synthesizer's generation prompts)
        InstructionSet again = new InstructionBuilder().build(planted, auto.config(), Progress.none());
        assertEquals(prompts(auto.prompts()), prompts(again.prompts()));
        assertEquals(null, again.filterChoice());

        // the same table with the label decided by the category columns: lift stays
        Table noisy = rareLabelFollowingANumber(400, 12);
        String[] labels = new String[noisy.rowCount()];
        for (int r = 0; r < labels.length; r++) {
            // a and b both early in the alphabet: about 11 % of the rows
            boolean rare = noisy.column(0).format(r).compareTo("cd") <= 0 && noisy.column(1).format(r).compareTo("cd") <= 0;
            labels[r] = rare ? "yes" : "no";
        }
        List<Column> columns = new ArrayList<>(noisy.columns().subList(0, 4));
        columns.add(new org.harmonic.core.table.CategoricalColumn("y", labels));
        InstructionSet noise = new InstructionBuilder().build(new Table(columns), config.withFilter(FilterMode.AUTO),
                Progress.none());
        assertEquals(FilterMode.LIFT, noise.config().filter(), noise.filterChoice());
    }

    @Test
    void neighboursByRankSeeTheNumberThatTheReferenceScalingHides() {
        // the planted table's label follows x (a number, min-max scaled beside category codes 0..11 in the
        // reference's distance): by the features so scaled a rare row's neighbours are rows of its categories and
        // mostly common; by rank x weighs as much as a category, and the rare rows' neighbours are rare more often
        Table planted = rareLabelFollowingANumber(400, 11);
        InstructionConfig config = InstructionConfig.of(InstructionConfig.Preset.DEFAULT, "y").withPromptCount(0)
                .withFilter(FilterMode.NONE);
        double byFeatures = rareNeighbourShare(new InstructionBuilder().build(planted,
                config.withNeighboursBy(NeighbourBasis.FEATURES), Progress.none()), planted);
        double byRank = rareNeighbourShare(new InstructionBuilder().build(planted,
                config.withNeighboursBy(NeighbourBasis.FEATURES_BY_RANK), Progress.none()), planted);
        assertTrue(byRank > byFeatures + 0.15, "rare neighbours of rare rows: by rank " + byRank
                + ", by the reference's scaling " + byFeatures);
    }

    /** The share of "yes" among the example rows of the instructions whose answer is "yes". */
    private static double rareNeighbourShare(InstructionSet set, Table table) {
        int rare = 0;
        int shown = 0;
        for (InstructionExample e : set.training()) {
            if (table.column(4).format(e.targetRow()).equals("yes")) {
                for (int row : e.exampleRows()) {
                    shown++;
                    rare += table.column(4).format(row).equals("yes") ? 1 : 0;
                }
            }
        }
        return (double) rare / shown;
    }

    @Test
    void autoFilterJudgesAFixedSampleSoThatItsVerdictDoesNotDependOnTheTableSize() {
        // 80,000 rows on 1,728 combinations of category codes: exact ties give nearly every row neighbours in its
        // own combination, nearest by the number, so the whole table's vote ranks the rare label as well as the
        // regression (AUC 0.99 against 1.00) and would keep lift, which drops rare rows whose neighbours are
        // common ones; on a sample of 1,500 rows, as on the 400-row table above, the neighbours miss the number
        Table large = rareLabelFollowingANumber(80_000, 11);
        InstructionConfig config = InstructionConfig.of(InstructionConfig.Preset.DEFAULT, "y").withPromptCount(20);
        InstructionSet auto = new InstructionBuilder().build(large, config.withFilter(FilterMode.AUTO),
                Progress.none());
        assertEquals(FilterMode.NONE, auto.config().filter(), auto.filterChoice());
        assertEquals(NeighbourBasis.FEATURES_BY_RANK, auto.config().neighboursBy());
        assertTrue(auto.droppedByLabel().isEmpty());
        assertEquals(large.rowCount(), auto.training().size());
    }

    @Test
    void theLabelFilterCheckSamplesAFixedSetOfRowsOnlyAboveItsSize() {
        int size = LabelFilterCheck.SAMPLE_ROWS;
        assertArrayEquals(java.util.stream.IntStream.range(0, size).toArray(), LabelFilterCheck.sample(size));
        int[] sample = LabelFilterCheck.sample(10 * size);
        assertEquals(size, sample.length);
        for (int i = 1; i < sample.length; i++) {
            assertTrue(sample[i - 1] < sample[i], "ascending, no row twice");
        }
        assertTrue(sample[0] >= 0 && sample[sample.length - 1] < 10 * size);
        assertTrue(sample[sample.length - 1] > 9 * size, "drawn from the whole table, not its first rows");
        assertArrayEquals(sample, LabelFilterCheck.sample(10 * size));
    }

    @Test
    void autoFilterWithOnlyAnIdentifierBesideTheLabelIsLift() {
        // nothing to judge the neighbours by: the reference's neighbourhoods (the label alone), not an error
        String[] names = new String[30];
        String[] labels = new String[30];
        for (int r = 0; r < 30; r++) {
            names[r] = "person " + r;
            labels[r] = r % 3 == 0 ? "yes" : "no";
        }
        Table ids = new Table(List.of(new org.harmonic.core.table.CategoricalColumn("name", names),
                new org.harmonic.core.table.CategoricalColumn("y", labels)));
        InstructionSet set = new InstructionBuilder().build(ids,
                InstructionConfig.of(InstructionConfig.Preset.DEFAULT, "y").withPromptCount(0), Progress.none());
        assertEquals(FilterMode.LIFT, set.config().filter());
        assertEquals(List.of("name"), set.identifierColumns());
        assertEquals(30, set.training().size());
    }

    @Test
    void autoFilterIsNoFilterForARegressionTarget() {
        Table line = featureAndLabel(60, r -> r, r -> 3 * r + 1);
        InstructionSet set = new InstructionBuilder().build(line, InstructionConfig.of(InstructionConfig.Preset.DEFAULT,
                "y").withFilter(FilterMode.AUTO).withTask(TaskType.REGRESSION), Progress.none());
        assertEquals(60, set.training().size());
        assertEquals(null, set.filterChoice());
    }

    @Test
    void liftFilterIsTheMajorityRuleForTwoBalancedClasses() {
        // German credit's features with a label that splits the rows 350 / 350
        List<Column> columns = new ArrayList<>(german.columns());
        long[] half = new long[german.rowCount()];
        Column duration = german.column("Duration in month", "test");
        Integer[] byDuration = java.util.stream.IntStream.range(0, half.length).boxed()
                .sorted(java.util.Comparator.comparingDouble(duration::number)).toArray(Integer[]::new);
        for (int i = 0; i < half.length; i++) {
            half[byDuration[i]] = i < half.length / 2 ? 0 : 1;
        }
        columns.set(20, new IntegerColumn("status", half));
        Table table = new Table(columns);
        List<Integer> lift = keptRows(table, FilterMode.LIFT);
        assertEquals(keptRows(table, FilterMode.MAJORITY), lift);
        assertTrue(lift.size() < half.length, "the filter drops groups here too: " + lift.size());
    }

    @Test
    void majorityFilterKeepsMultiClassTargetsTheReferenceDrops() {
        // a three-class label from German credit: duration bucket
        Column duration = german.column("Duration in month", "test");
        long[] bucket = new long[german.rowCount()];
        for (int r = 0; r < bucket.length; r++) {
            bucket[r] = duration.number(r) <= 12 ? 0 : duration.number(r) <= 24 ? 1 : 2;
        }
        List<Column> columns = new ArrayList<>(german.columns());
        columns.set(20, new IntegerColumn("status", bucket));
        Table table = new Table(columns);
        InstructionConfig reference = InstructionConfig.of(InstructionConfig.Preset.REFERENCE, "status")
                .withPromptCount(0);
        InstructionSet ref = new InstructionBuilder().build(table, reference, Progress.none());
        InstructionSet maj = new InstructionBuilder().build(table, reference.withFilter(FilterMode.MAJORITY),
                Progress.none());
        assertEquals(TaskType.MULTI_CLASSIFICATION, ref.config().task());
        assertEquals(null, ref.keptByLabel().get("2"), "the reference drops every label-2 group");
        assertTrue(maj.keptByLabel().getOrDefault("2", 0) > 50, "majority keeps them: " + maj.keptByLabel());
    }

    @Test
    void duplicateRowsNeverListThemselvesOrTheirTwinAsSelf() {
        // duplicate the first 10 rows of German credit: the reference's "drop the first index" can drop the twin
        List<Column> columns = new ArrayList<>();
        int n = 710;
        for (int c = 0; c < german.columnCount(); c++) {
            Column col = german.column(c);
            if (col instanceof IntegerColumn ic) {
                long[] v = new long[n];
                for (int r = 0; r < n; r++) {
                    v[r] = ic.value(r < 700 ? r : r - 700);
                }
                columns.add(new IntegerColumn(col.name(), v));
            } else {
                String[] v = new String[n];
                for (int r = 0; r < n; r++) {
                    v[r] = col.format(r < 700 ? r : r - 700);
                }
                columns.add(new org.harmonic.core.table.CategoricalColumn(col.name(), v));
            }
        }
        Table table = new Table(columns);
        InstructionSet set = new InstructionBuilder().build(table,
                InstructionConfig.of(InstructionConfig.Preset.DEFAULT, "status").withFilter(FilterMode.NONE)
                        .withPromptCount(0), Progress.none());
        for (InstructionExample e : set.training()) {
            for (int row : e.exampleRows()) {
                assertNotEquals(e.targetRow(), row);
            }
            if (e.targetRow() >= 700) {
                assertEquals(e.targetRow() - 700, e.exampleRows()[0], "the twin is the nearest neighbour");
            }
        }
    }

    private static Set<Integer> asSet(int[] rows) {
        Set<Integer> s = new HashSet<>();
        for (int r : rows) {
            s.add(r);
        }
        return s;
    }

    /**
     * Three categorical columns of 12 values drawn at random (their unscaled codes make the distance), a
     * number x uniform in [0, 1000), and y = "yes" where x >= 880 (12 %).
     */
    private static Table rareLabelFollowingANumber(int n, long seed) {
        java.util.Random random = new java.util.Random(seed);
        String[][] categories = new String[3][n];
        long[] x = new long[n];
        String[] y = new String[n];
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < 3; c++) {
                categories[c][r] = "c" + (char) ('a' + random.nextInt(12));
            }
            x[r] = random.nextInt(1000);
            y[r] = x[r] >= 880 ? "yes" : "no";
        }
        return new Table(List.of(new org.harmonic.core.table.CategoricalColumn("a", categories[0]),
                new org.harmonic.core.table.CategoricalColumn("b", categories[1]),
                new org.harmonic.core.table.CategoricalColumn("c", categories[2]), new IntegerColumn("x", x),
                new org.harmonic.core.table.CategoricalColumn("y", y)));
    }

    /** Integer feature x and label y, both functions of the row index. */
    private static Table featureAndLabel(int n, java.util.function.IntToLongFunction x,
            java.util.function.IntToLongFunction y) {
        long[] xs = new long[n];
        long[] ys = new long[n];
        for (int r = 0; r < n; r++) {
            xs[r] = x.applyAsLong(r);
            ys[r] = y.applyAsLong(r);
        }
        return new Table(List.of(new IntegerColumn("x", xs), new IntegerColumn("y", ys)));
    }

    private static List<String> prompts(List<InstructionExample> examples) {
        List<String> out = new ArrayList<>();
        for (InstructionExample e : examples) {
            out.add(e.prompt() + e.answer());
        }
        return out;
    }
}
