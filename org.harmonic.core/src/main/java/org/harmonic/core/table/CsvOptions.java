package org.harmonic.core.table;

import java.util.Set;

/**
 * How CSV text is read.
 *
 * @param separator      field separator
 * @param missingMarkers cell texts that mean "missing" (pandas' defaults plus UCI's {@code ?})
 */
public record CsvOptions(char separator, Set<String> missingMarkers) {

    public static final Set<String> DEFAULT_MISSING =
            Set.of("", "?", "nan", "NaN", "NA", "N/A", "NULL", "null", "<NA>");

    public CsvOptions {
        missingMarkers = Set.copyOf(missingMarkers);
    }

    public static CsvOptions defaults() {
        return new CsvOptions(',', DEFAULT_MISSING);
    }

    public boolean isMissing(String cell) {
        return missingMarkers.contains(cell);
    }
}
