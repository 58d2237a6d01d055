package org.harmonic.core.table;

import java.util.regex.Pattern;

/**
 * Infers column types from cell texts the way the reference's pandas read does: a column is
 * integer when every value parses as an integer and none is missing (pandas turns an integer
 * column with a gap into float64, whose values then print as {@code 48.0}); numeric when every
 * present value parses as a number (an all-missing column is float64 in pandas, hence numeric);
 * boolean when every value is True/False and none is missing; categorical otherwise.
 */
public final class TypeInference {
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");
    private static final Pattern DECIMAL =
            Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?|[+-]?(inf|Inf|INF|infinity|Infinity)");

    private TypeInference() {
    }

    /** The type of a column given its cells; null cells are missing. */
    public static ColumnType infer(String[] cells) {
        boolean anyMissing = false;
        boolean allInteger = true;
        boolean allNumber = true;
        boolean allBoolean = true;
        for (String cell : cells) {
            if (cell == null) {
                anyMissing = true;
                continue;
            }
            if (allInteger && !isInteger(cell)) {
                allInteger = false;
            }
            if (allNumber && !allInteger && !isNumber(cell)) {
                allNumber = false;
            }
            if (allBoolean && parseBoolean(cell) == null) {
                allBoolean = false;
            }
        }
        if (allBoolean && !anyMissing && cells.length > 0) {
            return ColumnType.BOOLEAN;
        }
        if (allInteger && !anyMissing && cells.length > 0) {
            return ColumnType.INTEGER;
        }
        if (allNumber) {
            return ColumnType.NUMERIC;
        }
        return ColumnType.CATEGORICAL;
    }

    public static boolean isInteger(String cell) {
        if (!INTEGER.matcher(cell).matches()) {
            return false;
        }
        try {
            Long.parseLong(cell.startsWith("+") ? cell.substring(1) : cell);
            return true;
        } catch (NumberFormatException tooLarge) {
            return false;
        }
    }

    public static boolean isNumber(String cell) {
        return DECIMAL.matcher(cell).matches();
    }

    /** Parses a number cell, accepting pandas' spellings of infinity. */
    public static double parseNumber(String cell) {
        String lower = cell.toLowerCase(java.util.Locale.ROOT);
        if (lower.endsWith("inf") || lower.endsWith("infinity")) {
            return lower.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        return Double.parseDouble(cell);
    }

    /** TRUE/True/true and FALSE/False/false, as pandas recognises them; null otherwise. */
    public static Boolean parseBoolean(String cell) {
        switch (cell) {
            case "True": case "true": case "TRUE":
                return Boolean.TRUE;
            case "False": case "false": case "FALSE":
                return Boolean.FALSE;
            default:
                return null;
        }
    }

    /** Builds a typed column from cell texts (null = missing). */
    public static Column column(String name, String[] cells, ColumnType type) {
        int n = cells.length;
        switch (type) {
            case INTEGER: {
                long[] values = new long[n];
                boolean[] missing = null;
                for (int i = 0; i < n; i++) {
                    if (cells[i] == null) {
                        if (missing == null) {
                            missing = new boolean[n];
                        }
                        missing[i] = true;
                    } else {
                        String c = cells[i];
                        values[i] = Long.parseLong(c.startsWith("+") ? c.substring(1) : c);
                    }
                }
                return new IntegerColumn(name, values, missing);
            }
            case NUMERIC: {
                double[] values = new double[n];
                for (int i = 0; i < n; i++) {
                    values[i] = cells[i] == null ? Double.NaN : parseNumber(cells[i]);
                }
                return new NumericColumn(name, values);
            }
            case BOOLEAN: {
                boolean[] values = new boolean[n];
                boolean[] missing = null;
                for (int i = 0; i < n; i++) {
                    Boolean b = cells[i] == null ? null : parseBoolean(cells[i]);
                    if (b == null) {
                        if (missing == null) {
                            missing = new boolean[n];
                        }
                        missing[i] = true;
                    } else {
                        values[i] = b;
                    }
                }
                return new BooleanColumn(name, values, missing);
            }
            default:
                return new CategoricalColumn(name, cells.clone());
        }
    }
}
