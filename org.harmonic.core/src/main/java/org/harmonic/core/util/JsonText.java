package org.harmonic.core.util;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * JSON objects as plain Java maps (strings, numbers, booleans, lists, maps). Lets code outside
 * this bundle (the KNIME nodes, which cannot see the embedded Jackson) read and write small JSON
 * documents such as a generator directory's {@code harmonic.json}.
 */
public final class JsonText {
    private static final ObjectMapper MAPPER =
        new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private JsonText() {
    }

    /** Parses a JSON object; an input error names {@code source} when the text is not one. */
    public static Map<String, Object> parseObject(String json, String source) {
        try {
            Map<String, Object> map = MAPPER.readValue(json, new TypeReference<LinkedHashMap<String, Object>>() {
            });
            if (map == null) {
                throw new HarmonicInputException(source + " holds JSON null, expected an object");
            }
            return map;
        } catch (JsonProcessingException e) {
            throw new HarmonicInputException(source + " is not a JSON object: " + e.getOriginalMessage(), e);
        }
    }

    /** Compact JSON with object keys sorted, so equal maps give equal text. */
    public static String write(Map<String, ?> map) {
        try {
            return MAPPER.writeValueAsString(map);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("value cannot be written as JSON: " + e.getMessage(), e);
        }
    }
}
