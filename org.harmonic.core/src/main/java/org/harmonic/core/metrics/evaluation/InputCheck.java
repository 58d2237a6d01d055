package org.harmonic.core.metrics.evaluation;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.harmonic.core.table.Column;
import org.harmonic.core.table.Table;
import org.harmonic.core.util.HarmonicInputException;

/**
 * Rejects tables the metrics cannot compare, with a message that names the table, the column
 * and the fix, so no metric ever reports NaN: differing column sets, a target missing from one
 * table, an empty synthetic table, an all-missing column, a constant real column.
 */
final class InputCheck {

    private InputCheck() {
    }

    static void check(Table real, Table synthetic, Table test, String target) {
        checkReal(real, test, target);
        if (synthetic.rowCount() == 0) {
            throw new HarmonicInputException("the synthetic table has no rows; generate at least one synthetic row");
        }
        requireTarget(synthetic, target, "synthetic");
        sameColumns(real, synthetic, "synthetic");
        for (Column c : synthetic.columns()) {
            requirePresent(c, "synthetic");
        }
    }

    /** The checks of {@link #check} that concern only the real training and test tables. */
    static void checkReal(Table real, Table test, String target) {
        if (real.rowCount() < 2) {
            throw new HarmonicInputException("the real table has " + real.rowCount()
                    + " data row(s); the metrics need at least 2 real rows");
        }
        requireTarget(real, target, "real");
        if (test != null) {
            requireTarget(test, target, "test");
            sameColumns(real, test, "test");
        }
        for (Column c : real.columns()) {
            requirePresent(c, "real");
            requireVarying(c);
        }
    }

    private static void requireTarget(Table table, String target, String which) {
        if (table.schema().indexOf(target) < 0) {
            throw new HarmonicInputException("target column '" + target + "' is not in the " + which + " table; "
                    + "its columns are: " + String.join(", ", table.schema().names())
                    + " (check --target and that every table has the same header)");
        }
    }

    private static void sameColumns(Table real, Table other, String which) {
        Set<String> missing = new LinkedHashSet<>(real.schema().names());
        missing.removeAll(other.schema().names());
        Set<String> extra = new LinkedHashSet<>(other.schema().names());
        extra.removeAll(real.schema().names());
        if (missing.isEmpty() && extra.isEmpty()) {
            return;
        }
        List<String> parts = new ArrayList<>();
        if (!missing.isEmpty()) {
            parts.add("missing " + quoted(missing));
        }
        if (!extra.isEmpty()) {
            parts.add("extra " + quoted(extra));
        }
        throw new HarmonicInputException("the " + which + " table's columns differ from the real table's: "
                + String.join("; ", parts) + ". Give tables with the same header (column order may differ)");
    }

    private static void requirePresent(Column c, String which) {
        for (int r = 0; r < c.size(); r++) {
            if (!c.isMissing(r)) {
                return;
            }
        }
        throw new HarmonicInputException("column '" + c.name() + "' of the " + which + " table has no values "
                + "(every cell is missing); drop the column from every table or fill it");
    }

    private static void requireVarying(Column c) {
        String first = null;
        for (int r = 0; r < c.size(); r++) {
            if (c.isMissing(r)) {
                continue;
            }
            String v = c.format(r);
            if (first == null) {
                first = v;
            } else if (!first.equals(v)) {
                return;
            }
        }
        throw new HarmonicInputException("column '" + c.name() + "' of the real table has the same value '" + first
                + "' in every row, so its correlations and scaling are undefined; drop it from every table "
                + "(it carries no information)");
    }

    private static String quoted(Set<String> names) {
        List<String> out = new ArrayList<>();
        for (String n : names) {
            out.add("'" + n + "'");
        }
        return String.join(", ", out);
    }
}
