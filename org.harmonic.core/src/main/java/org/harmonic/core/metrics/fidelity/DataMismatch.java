package org.harmonic.core.metrics.fidelity;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.harmonic.core.table.ColumnType;
import org.harmonic.core.util.Progress;
import org.harmonic.core.metrics.EvaluationConfig;
import org.harmonic.core.metrics.Json;
import org.harmonic.core.metrics.Metric;
import org.harmonic.core.metrics.MetricResult;
import org.harmonic.core.metrics.MetricTables;

/**
 * DM, data mismatch (synthcity {@code DataMismatchScore}, method.md A.5):
 *
 * <pre>
 *   DM = #{ columns j : type_real(j) != type_syn(j) } / (m + 1)
 * </pre>
 *
 * with m the number of columns and the type the one a CSV read infers (pandas' dtype: integer,
 * float, boolean, object). 0 = every column has the real type; the {@code + 1} is synthcity's.
 * It reproduces the paper's DM values (German 3/22, Diabetes 1/10, Adult 1/16).
 */
public final class DataMismatch implements Metric {
    public static final String DEFINITION = "synthcity.data_mismatch";

    /** Result: the score, and which columns changed type. */
    public record Result(double score, int columns, List<Mismatch> mismatches) implements MetricResult {
        @Override
        public String id() {
            return "dm";
        }

        @Override
        public Double value() {
            return score;
        }

        @Override
        public String definition() {
            return DEFINITION;
        }

        @Override
        public Map<String, Object> parameters() {
            return Json.map("denominator", "columns + 1");
        }

        @Override
        public Map<String, Object> details() {
            List<Object> list = new ArrayList<>();
            for (Mismatch m : mismatches) {
                list.add(Json.map("column", m.column(), "real_type", typeName(m.realType()),
                        "synthetic_type", typeName(m.syntheticType())));
            }
            return Json.map("columns", columns, "mismatched", mismatches.size(), "mismatches", list);
        }
    }

    /** A column whose inferred type differs between the tables. */
    public record Mismatch(String column, ColumnType realType, ColumnType syntheticType) {
    }

    @Override
    public String id() {
        return "dm";
    }

    @Override
    public Result compute(MetricTables tables, EvaluationConfig config, Progress progress) {
        List<Mismatch> mismatches = new ArrayList<>();
        int m = tables.columnCount();
        for (int c = 0; c < m; c++) {
            String name = tables.name(c);
            ColumnType real = tables.real().column(c).type();
            ColumnType syn = tables.synthetic().column(name, "synthetic").type();
            if (real != syn) {
                mismatches.add(new Mismatch(name, real, syn));
            }
        }
        return new Result((double) mismatches.size() / (m + 1), m, List.copyOf(mismatches));
    }

    /** pandas' dtype names, which is what synthcity compares. */
    static String typeName(ColumnType type) {
        switch (type) {
            case INTEGER: return "int64";
            case NUMERIC: return "float64";
            case BOOLEAN: return "bool";
            default: return "object";
        }
    }

}
