package org.harmonic.core.metrics.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.harmonic.core.knn.TaskType;
import org.harmonic.core.table.ColumnType;
import org.harmonic.core.table.Table;
import org.harmonic.core.table.TypeInference;
import org.junit.jupiter.api.Test;
import org.harmonic.core.metrics.EvaluationConfig;
import org.harmonic.core.metrics.MetricTables;

/** NRS's notion of a copy, as one row is checked against the real table. */
class RealRowMatcherTest {

    private static Table table(String[] amount, String[] purpose, String[] label) {
        return new Table(List.of(TypeInference.column("amount", amount, ColumnType.NUMERIC),
                TypeInference.column("purpose", purpose, ColumnType.CATEGORICAL),
                TypeInference.column("label", label, ColumnType.INTEGER)));
    }

    private final Table real = table(new String[] {"1000.0", "2500.0", null}, new String[] {"car", "tv", "car"},
            new String[] {"0", "1", "1"});
    private final RealRowMatcher matcher = RealRowMatcher.of(real, 2, TaskType.BINARY_CLASSIFICATION, 0.01);

    @Test
    void numbersWithinOnePercentOfTheirValueAndEqualCategoriesMatch() {
        assertTrue(matcher.matches(table(new String[] {"1000.0"}, new String[] {"car"}, new String[] {"0"}), 0));
        assertTrue(matcher.matches(table(new String[] {"1009.0"}, new String[] {"car"}, new String[] {"0"}), 0));
        assertTrue(matcher.matches(table(new String[] {null}, new String[] {"car"}, new String[] {"1"}), 0),
                "missing matches missing");
    }

    @Test
    void aNumberBeyondTheToleranceOrAnotherCategoryOrLabelDoesNot() {
        assertFalse(matcher.matches(table(new String[] {"1011.0"}, new String[] {"car"}, new String[] {"0"}), 0));
        assertFalse(matcher.matches(table(new String[] {"1000.0"}, new String[] {"tv"}, new String[] {"0"}), 0));
        assertFalse(matcher.matches(table(new String[] {"1000.0"}, new String[] {"car"}, new String[] {"1"}), 0),
                "the class label is categorical: another class is another row");
    }

    @Test
    void nrsCountsExactlyTheRowsTheMatcherMatches() {
        Table synthetic = table(new String[] {"1000.0", "1011.0", "2490.0", null},
                new String[] {"car", "car", "tv", "tv"}, new String[] {"0", "0", "1", "1"});
        MetricTables t = MetricTables.of(real, synthetic, null, 2, TaskType.BINARY_CLASSIFICATION);
        NewRowSynthesis.Result nrs = new NewRowSynthesis().compute(t, EvaluationConfig.defaults(),
                org.harmonic.core.util.Progress.none());
        int matched = 0;
        for (int r = 0; r < synthetic.rowCount(); r++) {
            matched += matcher.matches(synthetic, r) ? 1 : 0;
        }
        assertEquals(2, matched, "1000 and 2490 (within 1 % of 2500)");
        assertEquals(matched, nrs.matchedRows());
    }
}
