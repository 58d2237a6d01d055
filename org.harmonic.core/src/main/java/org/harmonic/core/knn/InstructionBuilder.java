package org.harmonic.core.knn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

import org.harmonic.core.util.Seeds;
import org.harmonic.core.neighbours.FeatureMatrix;
import org.harmonic.core.neighbours.NearestNeighbours;
import org.harmonic.core.table.Column;
import org.harmonic.core.table.Table;
import org.harmonic.core.util.HarmonicInputException;
import org.harmonic.core.util.Permutation;
import org.harmonic.core.util.Progress;

/**
 * HARMONIC's KNN Instruction Builder (method.md A.1, B 3): for every training row, its k nearest
 * rows become the examples of an instruction whose answer is the row itself, so a model learns
 * how neighbouring rows relate instead of memorising rows. Groups whose neighbours carry the row's
 * label less often than a rule asks ({@link FilterMode}) are filtered out; generation prompts show
 * new neighbour sets.
 */
public final class InstructionBuilder {

    private final NearestNeighbours search;

    public InstructionBuilder(NearestNeighbours search) {
        this.search = search;
    }

    public InstructionBuilder() {
        this(new NearestNeighbours());
    }

    public InstructionSet build(Table table, InstructionConfig config, Progress progress) {
        int target = table.schema().require(config.target(), "target");
        int n = table.rowCount();
        int k = config.k();
        if (k >= n) {
            throw new HarmonicInputException("k = " + k + " neighbours need more than " + k + " rows, but the table has "
                    + n + "; lower --k or add rows");
        }
        Column targetColumn = table.column(target);
        for (int r = 0; r < n; r++) {
            if (targetColumn.isMissing(r)) {
                throw new HarmonicInputException("target column '" + config.target() + "' is missing in data row "
                        + (r + 1) + "; remove rows without a label or choose another target");
            }
        }
        TaskType inferred = TaskType.infer(targetColumn); // also rejects a single-class target
        TaskType task = config.task() != null ? config.task() : inferred;
        String description = config.description() != null ? config.description() : "a table";
        InstructionConfig resolved = config.withTask(task).withDescription(description);

        int[] baseOrder = baseOrder(table.columnCount(), target);
        PromptTemplate template = new PromptTemplate(description, table.columnCount() - 1, config.target(), task, k);
        RowTexts rows = new RowTexts(new RowSerializer(table), baseOrder, n);

        boolean resampled = config.prompts() == PromptStrategy.RESAMPLED_NEIGHBOURS;
        List<String> identifiers = new ArrayList<>();
        java.util.Set<Integer> identifierColumns = config.referenceSelfDrop() ? java.util.Set.of()
                : identifierColumns(table, target, identifiers); // the reference preset measures every column
        String[] labels = new String[n];
        double[] labelValues = labelValues(targetColumn, labels);
        Map<String, Integer> labelCounts = new HashMap<>();
        for (String label : labels) {
            labelCounts.merge(label, 1, Integer::sum);
        }
        FilterMode filter = task.isClassification() ? config.filter() : FilterMode.NONE;
        NeighbourBasis basis = config.neighboursBy();
        String filterChoice = null;
        double searched = 0; // the share of the progress the neighbour searches have reported
        if (filter == FilterMode.AUTO) {
            // AUTO chooses between two measured settings, so it ignores the configured basis: lift on the
            // reference's neighbourhoods, or every group on neighbourhoods of the features alone, by rank (the
            // check judges the reference's scaling of the features, whose neighbours miss what numbers decide)
            filter = FilterMode.LIFT;
            basis = NeighbourBasis.FEATURES_AND_LABEL;
            if (identifierColumns.size() < table.columnCount() - 1) { // else no feature to judge the neighbours by
                int[] sample = LabelFilterCheck.sample(n);
                FeatureMatrix features = featureMatrix(table, target, config, NeighbourBasis.FEATURES,
                        identifierColumns, identifiers);
                int[][] sampleNeighbours = neighbours(sample.length == n ? features : features.rows(sample), config,
                        progress.sub(0, 0.3));
                searched = 0.3;
                LabelFilterCheck.Finding finding = LabelFilterCheck.check(table, target, labels, sample,
                        sampleNeighbours, progress);
                filterChoice = finding.describe();
                if (finding.neighboursMissTheLabel()) {
                    filter = FilterMode.NONE;
                    basis = NeighbourBasis.FEATURES_BY_RANK;
                }
            }
        }
        Neighbourhoods found = neighbourhoods(table, target, config, basis, identifierColumns, identifiers,
                progress.sub(searched, 0.6));
        if (task.isClassification()) {
            resolved = resolved.withFilter(filter);
        }
        resolved = resolved.withNeighboursBy(basis);
        FeatureMatrix matrix = found.matrix();
        int[][] neighbours = found.neighbours();

        Map<String, Integer> kept = new TreeMap<>();
        Map<String, Integer> dropped = new TreeMap<>();
        // first decide every instruction (cheap, sequential: the random streams stay in order),
        // then render the texts in parallel (most of the work on large tables)
        List<int[]> trainingRows = new ArrayList<>();
        List<int[]> trainingOrders = new ArrayList<>();
        List<Integer> targets = new ArrayList<>();
        Set<String> trainingGroups = new HashSet<>();
        SplittableRandom permutations = new SplittableRandom(config.seed());
        for (int i = 0; i < n; i++) {
            int[] group = Arrays.copyOf(neighbours[i], k);
            trainingGroups.add(groupKey(group));
            if (!keep(filter, i, group, labels, labelValues, labelCounts)) {
                dropped.merge(labels[i], 1, Integer::sum);
                continue;
            }
            kept.merge(labels[i], 1, Integer::sum);
            targets.add(i);
            trainingRows.add(group);
            trainingOrders.add(config.permute() ? permuted(baseOrder, permutations) : baseOrder);
        }

        int promptCount = config.promptCount() < 0 ? n : config.promptCount();
        List<int[]> promptOrders = new ArrayList<>(promptCount);
        for (int p = 0; p < promptCount; p++) {
            promptOrders.add(config.permute() ? permuted(baseOrder, permutations) : baseOrder);
        }
        int[][] promptRows;
        if (resampled) {
            SplittableRandom promptRandom = new SplittableRandom(Seeds.promptAnchors(config.seed()));
            int[] anchors = Permutation.shuffled(n, promptRandom);
            promptRows = InterpolatedPrompts.draw(matrix, neighbours, anchors, promptCount, k,
                    shown -> trainingGroups.contains(groupKey(shown)), promptRandom, search, progress.sub(0.6, 0.7));
        } else {
            int[][] drawn = new int[promptCount][];
            // numpy's legacy permutation per prompt is the costly part of the reference's prompts
            java.util.stream.IntStream.range(0, promptCount).parallel().forEach(p -> {
                checkCanceled(progress);
                drawn[p] = referencePrompt(Seeds.referencePrompt(config.seed(), p), n, k);
            });
            promptRows = drawn;
        }
        progress.report(0.8, "instruction examples");
        InstructionExample[] training = new InstructionExample[targets.size()];
        java.util.stream.IntStream.range(0, training.length).parallel().forEach(j -> {
            checkCanceled(progress);
            training[j] = example(targets.get(j), trainingRows.get(j), trainingOrders.get(j), template, rows);
        });
        progress.report(0.9, "generation prompts");
        InstructionExample[] prompts = new InstructionExample[promptCount];
        java.util.stream.IntStream.range(0, promptCount).parallel().forEach(p -> {
            checkCanceled(progress);
            prompts[p] = example(-1, promptRows[p], promptOrders.get(p), template, rows);
        });
        progress.checkCanceled();
        progress.report(1, "instructions built");
        return new InstructionSet(resolved, Arrays.asList(training), Arrays.asList(prompts), n, kept, dropped,
                identifiers, filterChoice);
    }

    /** A table's rows encoded for the distance, and every row's k nearest rows in it (itself excluded). */
    private record Neighbourhoods(FeatureMatrix matrix, int[][] neighbours) {
    }

    /** Neighbourhoods under {@code basis}, leaving the {@code identifiers} columns out of the distance. */
    private Neighbourhoods neighbourhoods(Table table, int target, InstructionConfig config, NeighbourBasis basis,
            java.util.Set<Integer> identifiers, List<String> identifierNames, Progress progress) {
        FeatureMatrix matrix = featureMatrix(table, target, config, basis, identifiers, identifierNames);
        return new Neighbourhoods(matrix, neighbours(matrix, config, progress));
    }

    /** The rows encoded for the distance under {@code basis}, without the {@code identifiers} columns. */
    private static FeatureMatrix featureMatrix(Table table, int target, InstructionConfig config,
            NeighbourBasis basis, java.util.Set<Integer> identifiers, List<String> identifierNames) {
        java.util.Set<Integer> ignored = new java.util.TreeSet<>(identifiers);
        if (!basis.includesLabel()) {
            ignored.add(target);
        }
        FeatureMatrix matrix = FeatureMatrix.encode(table, target, config.encoding(), ignored,
                basis == NeighbourBasis.FEATURES_BY_RANK);
        if (matrix.dimensions() == 0) {
            throw new HarmonicInputException("no column is left to measure distances between rows: every column "
                    + "besides the target '" + config.target() + "' is an identifier ("
                    + String.join(", ", identifierNames) + "); add feature columns, or measure neighbours by features "
                    + "and label");
        }
        return matrix;
    }

    /** Every row's k nearest rows in {@code matrix}, itself excluded. */
    private int[][] neighbours(FeatureMatrix matrix, InstructionConfig config, Progress progress) {
        int n = matrix.rows();
        int k = config.k();
        int[][] nearest = search.search(matrix, Math.min(n, k + 1), progress);
        int[][] neighbours = new int[n][];
        for (int i = 0; i < n; i++) {
            neighbours[i] = config.referenceSelfDrop()
                    ? Arrays.copyOfRange(nearest[i], 1, Math.min(nearest[i].length, k + 1))
                    : withoutSelf(nearest[i], i, k);
        }
        return neighbours;
    }

    private static void checkCanceled(Progress progress) {
        if (progress.isCanceled()) {
            throw new org.harmonic.core.util.CanceledException();
        }
    }

    /** An instruction showing {@code shown} rows whose answer is {@code targetRow} (or none, for -1). */
    private static InstructionExample example(int targetRow, int[] shown, int[] order, PromptTemplate template,
            RowTexts rows) {
        String[] texts = new String[shown.length];
        for (int j = 0; j < shown.length; j++) {
            texts[j] = rows.text(shown[j], order);
        }
        String answer = targetRow < 0 ? "" : rows.text(targetRow, order);
        return new InstructionExample(targetRow, shown, order, template.prompt(texts), answer);
    }

    /**
     * Row JSON texts; in the table's base order each row appears in about 2(k+1) instructions,
     * so those texts are rendered once and shared. Threads may race to fill a slot: both compute
     * the same immutable string, and reference writes are atomic, so the race is harmless.
     */
    private static final class RowTexts {
        private final RowSerializer serializer;
        private final int[] baseOrder;
        private final String[] cache;

        RowTexts(RowSerializer serializer, int[] baseOrder, int rows) {
            this.serializer = serializer;
            this.baseOrder = baseOrder;
            this.cache = new String[rows];
        }

        String text(int row, int[] order) {
            if (order != baseOrder) {
                return serializer.serialize(row, order);
            }
            String text = cache[row];
            if (text == null) {
                text = serializer.serialize(row, order);
                cache[row] = text;
            }
            return text;
        }
    }

    /** Feature columns in table order, the target last. */
    private static int[] baseOrder(int columns, int target) {
        int[] order = new int[columns];
        int next = 0;
        for (int c = 0; c < columns; c++) {
            if (c != target) {
                order[next++] = c;
            }
        }
        order[next] = target;
        return order;
    }

    /** Features shuffled, the target kept last so the header's "label column" stays in place. */
    private static int[] permuted(int[] base, SplittableRandom random) {
        int[] order = base.clone();
        for (int i = order.length - 2; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    private static int[] withoutSelf(int[] nearest, int self, int count) {
        int[] out = new int[Math.min(count, nearest.length - 1)];
        int next = 0;
        for (int j : nearest) {
            if (j != self && next < out.length) {
                out[next++] = j;
            }
        }
        return out;
    }

    /** Label texts for counting and majority votes; numeric label values for the reference rule. */
    private static double[] labelValues(Column target, String[] labels) {
        double[] values = new double[target.size()];
        Map<String, Integer> codes = target.type().isNumber() ? null : FeatureMatrix.categoryCodes(target);
        for (int r = 0; r < values.length; r++) {
            labels[r] = target.format(r);
            values[r] = codes == null ? target.number(r) : codes.get(labels[r]);
        }
        return values;
    }

    private static boolean keep(FilterMode filter, int row, int[] group, String[] labels, double[] values,
            Map<String, Integer> labelCounts) {
        switch (filter) {
            case NONE:
                return true;
            case MAJORITY:
                return 2 * sameLabel(row, group, labels) > group.length;
            case LIFT:
                // same / k >= count / n, in whole numbers
                return (long) sameLabel(row, group, labels) * labels.length
                        >= (long) labelCounts.get(labels[row]) * group.length;
            default: {
                // the reference hard-codes n = 5 and r = 2 and sums the neighbours' labels
                final int r = 2;
                final int n = 5;
                double sum = 0;
                for (int j : group) {
                    sum += values[j];
                }
                if (values[row] == 1) {
                    return sum > r;
                }
                if (values[row] == 0) {
                    return sum < n - r;
                }
                return false;
            }
        }
    }

    /** How many of the group's rows carry {@code row}'s label. */
    private static int sameLabel(int row, int[] group, String[] labels) {
        int same = 0;
        for (int j : group) {
            if (labels[j].equals(labels[row])) {
                same++;
            }
        }
        return same;
    }

    /** Rows below which "every value distinct" says little (a short table of names is still a table). */
    private static final int IDENTIFIER_MIN_ROWS = 20;

    /**
     * Text columns (not the target) whose non-missing values are all different: identifiers. Label
     * codes of such a column are arbitrary numbers spread over [0, n), so they would dominate the
     * distances and make every row's "nearest" neighbours the rows with adjacent ids.
     */
    private static java.util.Set<Integer> identifierColumns(Table table, int target, List<String> names) {
        java.util.Set<Integer> out = new java.util.TreeSet<>();
        int n = table.rowCount();
        if (n < IDENTIFIER_MIN_ROWS) {
            return out;
        }
        for (int c = 0; c < table.columnCount(); c++) {
            if (c == target || table.column(c).type().isNumber()) {
                continue;
            }
            java.util.Set<String> seen = new java.util.HashSet<>();
            boolean distinct = true;
            for (int r = 0; r < n && distinct; r++) {
                if (!table.column(c).isMissing(r)) {
                    distinct = seen.add(table.format(r, c));
                }
            }
            if (distinct && seen.size() >= IDENTIFIER_MIN_ROWS) {
                out.add(c);
                names.add(table.column(c).name());
            }
        }
        return out;
    }

    /** The reference's prompt rows: pandas {@code sample(n=k, random_state=seed+p)}. */
    private static int[] referencePrompt(long seed, int n, int k) {
        return Arrays.copyOf(new LegacyRandomState(seed).permutation(n), k);
    }

    private static String groupKey(int[] rows) {
        int[] sorted = rows.clone();
        Arrays.sort(sorted);
        return Arrays.toString(sorted);
    }
}
