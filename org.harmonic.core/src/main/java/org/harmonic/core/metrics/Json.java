package org.harmonic.core.metrics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds the ordered, NaN-free maps that results expose as their JSON view. */
public final class Json {

    private Json() {
    }

    /** An ordered map from alternating keys and values; a NaN value is a bug and fails loudly. */
    public static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            put(out, (String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return Collections.unmodifiableMap(out);
    }

    static void put(Map<String, Object> map, String key, Object value) {
        if (value instanceof Double && (((Double) value).isNaN() || ((Double) value).isInfinite())) {
            throw new IllegalStateException("metric detail '" + key + "' is " + value);
        }
        map.put(key, value);
    }

    /** The value, or null when it is NaN (callers explain the null in the details). */
    public static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
